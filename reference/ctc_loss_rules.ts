/**
 * The named rules of paddle.nn.functional.ctc_loss and paddle.nn.CTCLoss: what Paddle does beyond the page
 * (reference/ctc_loss.ts, reference/kernels/warpctc.ts).
 */
/** Every ctc_loss rule, with the one line a failure report prints for it. */
export const CTC_LOSS_RULES = {
  'ctc-probs-clipped-at-min-normal': "a softmax probability below the dtype's smallest normal (2^-126 in float32) is raised to it, so log p ≥ −87.34 and a finite frame never makes the loss +inf; its gradient is that p",
  'ctc-log-plus-in-double': "log_plus(a, b) = log1p(exp(−|a − b|)) + max(a, b) runs in double (the C library's exp and log1p) and is rounded once to float32; α, β and the gradient's sums follow warp-ctc's pruned windows in order",
  'ctc-impossible-alignment-zero': 'a label sequence that needs more frames than input_length (L + repeated neighbours > T) costs 0 with a zero gradient, not +inf',
  'ctc-norm-by-times-scales-gradient': "norm_by_times leaves the loss alone and multiplies sequence b's gradient by fround(1 / T_b) after the upstream gradient, not divides by T_b",
  'ctc-zero-infinity-before-mean': "zero_infinity (Paddle ≥ 3.3.0, else TypeError) zeroes the kernel's inf before 'mean' divides by label lengths; finite logits never give inf, and a label length of 0 under 'mean' still gives inf",
  'ctc-argument-checks':
    'blank not an int or norm_by_times not a bool/None: TypeError (ValueError before 3.0.0); log_probs not float32/float64: RuntimeError; empty log_probs, blank outside [0, C): ValueError; lengths not int64, labels not int32, 1-D labels, a label length above labels.shape[1]: ValueError; a bad reduction: AssertionError, after the kernel',
} as const satisfies Record<string, string>;
