/** The clauses of triplet_margin_loss's page (Paddle 3.3.1, paddle.nn.functional.triplet_margin_loss and paddle.nn.TripletMarginLoss), by role. */
const FORMULA = 'L(input, pos, neg) = max{d(input_i, pos_i) - d(input_i, neg_i) + margin, 0} where d(x_i, y_i) = ‖x_i - y_i‖_p';

/** Each clause the plan quotes. */
export const CLAUSES = {
  formula: FORMULA,
  example: `${FORMULA} // Examples: … loss = F.triplet_margin_loss(input, positive, negative, margin=1.0, reduction='none') … [0. , 0.57496595, 0. ] … reduction='mean' … 0.19165532`,
  functional: 'paddle.nn.functional.triplet_margin_loss(input, positive, negative, margin=1.0, p=2, epsilon=1e-06, swap=False, reduction=\'mean\', name=None)',
  layer: "class paddle.nn.TripletMarginLoss(margin=1.0, p=2.0, epsilon=1e-06, swap=False, reduction='mean', name=None) … forward(input, positive, negative)",
  input: 'input (Tensor) – Input tensor, the data type is float32 or float64. the shape is [N, *], N is batch size and * means any number of additional dimensions … positive (Tensor) / negative (Tensor): The shape of label is the same as the shape of input.',
  p: 'p (float, optional) – The norm degree for pairwise distance. Default: 2.0. // epsilon (float, optional) – Add small value to avoid division by zero, default value is 1e-6.',
  swap: 'swap (bool, optional) – The distance swap change the negative distance to the distance between positive sample and negative sample. … Default: False.',
  margin: 'margin (float, optional) – Default: 1.',
  reduction: "reduction (str, optional) – … the candidates are 'none' | 'mean' | 'sum'. … Default: 'mean'",
  none: "If reduction is 'none', the unreduced loss is returned;",
  mean: "If reduction is 'mean', the reduced mean loss is returned;",
  sum: "If reduction is 'sum', the summed loss is returned.",
} as const;
