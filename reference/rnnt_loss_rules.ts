/**
 * The named rules of paddle.nn.functional.rnnt_loss and paddle.nn.RNNTLoss: what Paddle does beyond
 * the page. The op's own are here (warprnnt's among them: no other op calls that kernel); its
 * primitives' (paddle.sum, the division by B) are summarised once in reference/kernels/rules.ts.
 */
/** Every rnnt_loss rule, with the one line a failure report prints for it. */
export const RNNT_LOSS_RULES = {
  'rnnt-input-is-log-probabilities':
    'the CPU kernel reads input as log-probabilities as it is, with no log_softmax (the source comment and the Chinese page say one is done): unnormalised logits give a negative loss, −log Σ over alignments of Π exp(input)',
  'rnnt-log-sum-exp-in-double':
    "log_sum_exp(a, b) returns the other operand for −∞, else log1p(exp(lo − hi)) + hi with lo − hi in the dtype and exp, log1p (glibc's) and + in double, rounded once to the dtype, float32 too",
  'rnnt-fastemit-in-gradient-only':
    'fastemit_lambda leaves the loss alone; each emission gradient is −((1 + λ) · exp(…)) in double, λ rounded to float32 (an attribute: 1e40 is inf)',
  'rnnt-label-flat-stride':
    "the label is read as one flat int32 buffer, example b's labels from b·(Umax − 1): a label with more than Umax − 1 columns shifts every later example's labels",
  'rnnt-mean-divides-by-batch-size':
    "'mean' is paddle.sum(loss) / B, B = input.shape[0], as the functional page says (the layer's page says the losses are divided by the target lengths first: they are not)",
  'rnnt-reduction-asserted-after-kernel':
    "a reduction other than 'mean', 'sum' or 'none' raises AssertionError after the kernel has run (no ValueError); the layer's constructor checks nothing",
  'rnnt-argument-types':
    'blank must be an int (bool, float, str: TypeError) in [0, D) (ValueError; D = input.shape[3], 0 below rank 4); fastemit_lambda a float, int or bool (None, str: TypeError; both ValueError before Paddle 3.0.0); label and both lengths int32 only (ValueError; the page says int64); ranks 4, 2, 1, 1 (ValueError)',
  'rnnt-invalid-value-raises':
    'a label with no elements (even when every label length is 0) or a fastemit_lambda below 0 as a float32 (−1e-50 is −0 and passes) raises RuntimeError (invalid value) before any result',
} as const satisfies Record<string, string>;
