/**
 * The named rules of paddle.nn.functional.multi_label_margin_loss and paddle.nn.MultiLabelMarginLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every multi_label_margin_loss rule, with the one line a failure report prints for it. */
export const MULTI_LABEL_MARGIN_LOSS_RULES = {
  'multi-label-margin-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any other check; the layer raises it at construction, naming 'MultiLabelMarginLoss'",
  'multi-label-margin-layer-legacy-arguments':
    "MultiLabelMarginLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] … no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'multi-label-margin-2-d-only': 'input, then label, must be 2-D (ValueError: Expected 2D input tensor, but got 1D): a single sample [C] is refused; a non-tensor raises AttributeError',
  'multi-label-margin-label-range-checked':
    'the whole label, after the first -1 too, must lie in [-1, C) (ValueError: label values should be >= -1, then < C), read by paddle.min and max: a bool, float16 or bfloat16 label raises RuntimeError there; a float label passes and raises ValueError at indexing',
  'multi-label-margin-label-shape-unchecked':
    "the label need only be 2-D: fewer columns than C, or fewer rows than N (the missing rows' losses are 0), compute; a target in a row past N is written out of bounds (IndexError, or a crash)",
  'multi-label-margin-duplicate-targets': "a target repeated before the -1 counts again: its row's terms are added once per occurrence",
  'multi-label-margin-no-target-raises': 'a non-empty batch in which no row has a target (every label row starts with -1) raises ValueError; an empty batch gives an empty loss',
  'multi-label-margin-sum-order':
    "the margin is (1 - x[y]) + x[k], two roundings; each target's C terms (+0 at target columns) are summed left to right, a row's targets added to +0 in order, then divided by C once",
  'multi-label-margin-integer-input': 'an int64 input computes in int64 and gives a float32 loss (x / C casts it); int32 raises TypeError in scatter_nd_add (its row sums are int64), bool TypeError in type promotion',
  ...kernelRules(
    'maximum-nan-and-ties', 'scatter-nd-add-same-dtype', 'add-no-float16-or-bfloat16-kernel',
    'tensor-div-int-is-scale-before-3-3-1',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
