/** The clauses of triplet_margin_with_distance_loss's page (Paddle 3.3.1, the functional form and paddle.nn.TripletMarginWithDistanceLoss), by role. */
const FORMULA = 'L(input, pos, neg) = max{d(input_i, pos_i) - d(input_i, neg_i) + margin, 0} where the default distance function d(x_i, y_i) = ‖x_i - y_i‖_p';

/** Each clause the plan quotes. */
export const CLAUSES = {
  formula: `${FORMULA} // distance_function (callable|None, optional): … if not specified, 2 norm functions will be used.`,
  example: `${FORMULA} // Examples: … loss = F.triplet_margin_with_distance_loss(input, positive, negative, margin=1.0, reduction='none') … [0. , 0.57496595, 0. ] … reduction='mean' … 0.19165532`,
  functional: "paddle.nn.functional.triplet_margin_with_distance_loss(input, positive, negative, distance_function=None, margin=1.0, swap=False, reduction='mean', name=None)",
  layer: "class paddle.nn.TripletMarginWithDistanceLoss(distance_function=None, margin=1.0, swap=False, reduction='mean', name=None) … forward(input, positive, negative)",
  input: 'input (Tensor):Input tensor, the data type is float32 or float64. the shape is [N, *] … positive (Tensor) / negative (Tensor): The shape of label is the same as the shape of input.',
  swap: 'swap (bool, optional):The distance swap changes the negative distance to the swap distance (distance between positive samples and negative samples) if swap distance smaller than negative distance. Default: False.',
  margin: 'margin (float, optional): A nonnegative margin representing the minimum difference between the positive and negative distances required for the loss to be 0. Default value is 1.',
  reduction: "reduction (str, optional):… the candidates are 'none' | 'mean' | 'sum'. … Default: 'mean'",
  none: "If reduction is 'none', the unreduced loss is returned;",
  mean: "If reduction is 'mean', the reduced mean loss is returned;",
  sum: "If reduction is 'sum', the summed loss is returned.",
} as const;
