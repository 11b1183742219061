/**
 * The named rules of paddle.nn.functional.log_loss (functional only): what Paddle does beyond the page. The op's
 * own are here; its log_loss kernel's are summarised in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every log_loss rule, with the one line a failure report prints for it. */
export const LOG_LOSS_RULES = {
  'log-loss-epsilon-is-a-float32-double':
    'epsilon is read as a double (an int or a bool is taken, True as 1; None and a str raise TypeError, ValueError before Paddle 3.0.0) and rounded to float32 (1e-50 is 0, 1e39 inf)',
  'log-loss-operands-unchecked':
    'nothing checks that input is a probability or the label 0 or 1: input above 1 + eps or below -eps takes the log of a negative number (NaN), a label outside [0, 1] weights the two logs as given',
  ...kernelRules('log-loss-packet-and-tail', 'log-loss-float32-kernel-only', 'log-loss-shapes-2d-column'),
} as const satisfies Record<string, string>;
