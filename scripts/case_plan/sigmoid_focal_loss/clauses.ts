/** The clauses of sigmoid_focal_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.sigmoid_focal_loss). */

/** The page's clauses, by role. */
export const CLAUSES = {
  formula: 'Out = -Labels * alpha * {(1 - \\sigma(Logit))}^{gamma}\\log(\\sigma(Logit)) - (1 - Labels) * (1 - alpha) * {\\sigma(Logit)}^{gamma}\\log(1 - \\sigma(Logit))',
  normalizer: 'Then, if normalizer is not None, this operator divides the normalizer tensor on the loss Out: Out = \\frac{Out}{normalizer}',
  normalizerArg: 'normalizer (Tensor, optional) – The number normalizes the focal loss. It has to be a 1-D Tensor with shape [1, ] or 0-D Tensor with shape []. The data type is float32, float64. … If set to None, the focal loss will not be normalized. Default is None.',
  none: "If reduction set to 'none', the operator will return the original loss Out.",
  mean: "If reduction set to 'mean', the reduced mean loss is Out = MEAN(Out).",
  sum: "If reduction set to 'sum', the reduced sum loss is Out = SUM(Out).",
  reductionDefault: "reduction (str, optional) – … the candidates are 'none' | 'mean' | 'sum'. … Default is 'sum'.",
  logit: 'logit (Tensor) – The input logit tensor. The shape is [N, *], where N is batch_size, * means any number of additional dimensions. … Available dtype is float32, float64.',
  label: 'label (Tensor) – The target label tensor with the same shape as logit. The target label whose value should be numbers between 0 and 1. Available dtype is float32, float64.',
  alpha: 'alpha (int|float, optional) – Hyper-parameter to balance the positive and negative example, it should be between 0 and 1. Default value is set to 0.25.',
  gamma: 'gamma (int|float, optional) – Hyper-parameter to modulate the easy and hard examples. Default value is set to 2.0.',
  returns: "Returns: Tensor, if reduction is 'mean' or 'sum', the out shape is [], otherwise the shape is the same as logit. The same dtype as logit tensor.",
  example: "logit = paddle.to_tensor([[0.97, 0.91, 0.03], [0.55, 0.43, 0.71]], dtype='float32') label = paddle.to_tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype='float32') … output = paddle.nn.functional.sigmoid_focal_loss(logit, label, normalizer=fg_num) … 0.65782464",
} as const;
