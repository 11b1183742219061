/**
 * The named rules of paddle.nn.functional.hsigmoid_loss and paddle.nn.HSigmoidLoss: what Paddle does beyond the
 * page. The op's own kernel is written once, in reference/kernels/hsigmoid_loss.ts.
 */

/** Every hsigmoid_loss rule, with the one line a failure report prints for it. */
export const HSIGMOID_LOSS_RULES = {
  'hsigmoid-padding-adds-log-2':
    'a path shorter than the widest (a non-power-of-two num_classes, a custom path ended by −1) leaves its slots 0, and their softrelu log 2 is summed into the loss',
  'hsigmoid-softrelu-eigen-packets':
    "the pre-activations are clipped to [−40, 40], then log(1 + exp(v)) runs over the flattened [N, L] matrix: Eigen's polynomial exp and log on whole packets of 8 (float32) or 4 (float64), the C library's on the rest",
  'hsigmoid-dot-mkl-order': "w·x is MKL's cblas_sdot/ddot, whose summation order follows the length and alignment: bounded (γ_D Σ|w||x|), exact up to two features",
  'hsigmoid-grad-ignores-clip':
    "the backward is (1 − 1/exp(softrelu)) − bit times the upstream (MKL's vsExp), with no subgradient of the clip: a pre-activation past ±40 still gets σ − bit; the weight gradient adds nodes in ascending order, each node's rows in order",
  'hsigmoid-kernel-reads-unchecked':
    'only input.shape[0] == label.shape[0] is checked; num_classes must be an int and is_sparse a bool or None (TypeError, ValueError before Paddle 3.0.0); label, bias, weight and paths must have the kernel\'s dtypes (ValueError); the label is read flat (its first N values); a custom path ends at its first negative node and any non-zero code is 1; before Paddle 3.0.0 a zero-size input or weight gets no gradient (None)',
  'hsigmoid-is-sparse-forward-unchanged': "is_sparse leaves the loss unchanged; it makes the weight gradient SelectedRows, whose eager backward crashes (SIGSEGV), so no request asks for it",
  'hsigmoid-layer-constructor':
    "HSigmoidLoss refuses num_classes < 2 for the default tree only (ValueError); a parameter size below 0 is AssertionError (0 too before Paddle 3.0.0); a float size TypeError (ValueError before 3.0.0); the legacy size_average or reduction is TypeError",
} as const satisfies Record<string, string>;
