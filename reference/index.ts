/** The spec-literal reference implementation of Paddle's losses: each op's functional form, layer and gradient, and the tensors, dtypes and errors they share. */
export {
  hingeEmbeddingLoss,
  hingeEmbeddingLossGrad,
  HingeEmbeddingLoss,
  type HingeEmbeddingLossOptions,
  type Margin,
} from './hinge_embedding_loss.js';
export { hingeEmbeddingLossFast, hingeEmbeddingLossGradFast } from './hinge_embedding_loss_fast.js';
export { Tensor, tensor, full, numel, isTensor, type NestedNumbers, type TensorOptions } from './tensor.js';
export { DTYPE_NAMES, dtypeOf, isDTypeName, type DType, type DTypeName, type Storage } from './dtype.js';
export { REDUCTIONS, checkReduction, eigenMean, eigenSum, type Reduction } from './reduction.js';
export {
  PaddleError,
  PaddleValueError,
  PaddleTypeError,
  PaddleRuntimeError,
  PaddleAttributeError,
  type PaddleErrorType,
} from './errors.js';
export { HINGE_EMBEDDING_LOSS_RULES, type HingeEmbeddingLossRule } from './hinge_embedding_loss_rules.js';
export { scalarFromString } from './scalar.js';
export {
  marginRankingLoss,
  marginRankingLossGrad,
  MarginRankingLoss,
  type MarginRankingLossOptions,
  type RankingGradients,
  type RankingMargin,
} from './margin_ranking_loss.js';
export { MARGIN_RANKING_LOSS_RULES, type MarginRankingLossRule } from './margin_ranking_loss_rules.js';
export {
  softMarginLoss,
  SoftMarginLoss,
  softMarginLossGrad,
  checkSoftMarginReduction,
  type SoftMarginGradients,
  type SoftMarginLossOptions,
  type SoftMarginLossLayerOptions,
} from './soft_margin_loss.js';
export { SOFT_MARGIN_LOSS_RULES, SOFT_MARGIN_LOSS_RULE_NAMES, type SoftMarginLossRule } from './soft_margin_loss_rules.js';
export { eigenExpFloat, eigenExpDouble, paddleExp, paddleLog } from './elementary.js';
export {
  cosineEmbeddingLoss,
  cosineEmbeddingLossGrad,
  CosineEmbeddingLoss,
  COSINE_EPSILON,
  type CosineEmbedding,
  type CosineEmbeddingLossOptions,
  type CosineGradients,
  type CosineMargin,
} from './cosine_embedding_loss.js';
export {
  COSINE_EMBEDDING_LOSS_RULES,
  COSINE_EMBEDDING_LOSS_RULE_NAMES,
  type CosineEmbeddingLossRule,
} from './cosine_embedding_loss_rules.js';
export { l1Loss, l1LossGrad, L1Loss, type L1LossOptions } from './l1_loss.js';
export { L1_LOSS_RULES, type L1LossRule } from './l1_loss_rules.js';
export { mseLoss, mseLossGrad, MSELoss, type MSELossOptions } from './mse_loss.js';
export { MSE_LOSS_RULES, type MseLossRule } from './mse_loss_rules.js';
export { smoothL1Loss, smoothL1LossGrad, SmoothL1Loss, type SmoothL1Options } from './smooth_l1_loss.js';
export { SMOOTH_L1_LOSS_RULES, type SmoothL1LossRule } from './smooth_l1_loss_rules.js';
export { klDiv, klDivGrad, KLDivLoss, type KlDivOptions, type KlDivTensors } from './kl_div.js';
export { KL_DIV_RULES } from './kl_div_rules.js';
export { gaussianNllLoss, gaussianNllLossGrad, GaussianNLLLoss, type GaussianNllLossOptions, type GaussianNllLossTensors } from './gaussian_nll_loss.js';
export { GAUSSIAN_NLL_LOSS_RULES } from './gaussian_nll_loss_rules.js';
export { binaryCrossEntropyWithLogits, binaryCrossEntropyWithLogitsGrad, BCEWithLogitsLoss, type BinaryCrossEntropyWithLogitsOptions, type BinaryCrossEntropyWithLogitsTensors } from './binary_cross_entropy_with_logits.js';
export { BINARY_CROSS_ENTROPY_WITH_LOGITS_RULES } from './binary_cross_entropy_with_logits_rules.js';
export { tripletMarginLoss, tripletMarginLossGrad, TripletMarginLoss, type TripletMarginLossOptions, type TripletMarginLossTensors, type TripletTensor } from './triplet_margin_loss.js';
export { TRIPLET_MARGIN_LOSS_RULES } from './triplet_margin_loss_rules.js';
export { tripletMarginWithDistanceLoss, tripletMarginWithDistanceLossGrad, TripletMarginWithDistanceLoss, type TripletMarginWithDistanceLossOptions } from './triplet_margin_with_distance_loss.js';
export { TRIPLET_MARGIN_WITH_DISTANCE_LOSS_RULES } from './triplet_margin_with_distance_loss_rules.js';
export { squareErrorCost, squareErrorCostGrad, type SquareErrorCostTensors } from './square_error_cost.js';
export { SQUARE_ERROR_COST_RULES } from './square_error_cost_rules.js';
export { binaryCrossEntropy, binaryCrossEntropyGrad, BCELoss, type BinaryCrossEntropyOptions, type BinaryCrossEntropyTensors } from './binary_cross_entropy.js';
export { BINARY_CROSS_ENTROPY_RULES } from './binary_cross_entropy_rules.js';
export { poissonNllLoss, poissonNllLossGrad, PoissonNLLLoss, type PoissonNllLossOptions, type PoissonNllLossTensors } from './poisson_nll_loss.js';
export { POISSON_NLL_LOSS_RULES } from './poisson_nll_loss_rules.js';
export { multiLabelSoftMarginLoss, multiLabelSoftMarginLossGrad, MultiLabelSoftMarginLoss, type MultiLabelSoftMarginLossOptions, type MultiLabelSoftMarginLossTensors } from './multi_label_soft_margin_loss.js';
export { MULTI_LABEL_SOFT_MARGIN_LOSS_RULES } from './multi_label_soft_margin_loss_rules.js';
export { sigmoidFocalLoss, sigmoidFocalLossGrad, type SigmoidFocalLossOptions, type SigmoidFocalLossTensors } from './sigmoid_focal_loss.js';
export { SIGMOID_FOCAL_LOSS_RULES } from './sigmoid_focal_loss_rules.js';
export { logLoss, logLossGrad, type LogLossOptions, type LogLossTensors } from './log_loss.js';
export { LOG_LOSS_RULES } from './log_loss_rules.js';
export { diceLoss, diceLossGrad, type DiceLossOptions, type DiceLossTensors } from './dice_loss.js';
export { DICE_LOSS_RULES } from './dice_loss_rules.js';
export { marginCrossEntropy, type MarginCrossEntropyOptions, type MarginCrossEntropyTensors } from './margin_cross_entropy.js';
export { MARGIN_CROSS_ENTROPY_RULES } from './margin_cross_entropy_rules.js';
export { nllLoss, nllLossGrad, NLLLoss, type NllLossOptions, type NllLossTensors } from './nll_loss.js';
export { NLL_LOSS_RULES } from './nll_loss_rules.js';
export { multiMarginLoss, multiMarginLossGrad, MultiMarginLoss, type MultiMarginLossOptions, type MultiMarginLossTensors } from './multi_margin_loss.js';
export { MULTI_MARGIN_LOSS_RULES } from './multi_margin_loss_rules.js';
export { multiLabelMarginLoss, multiLabelMarginLossGrad, MultiLabelMarginLoss, type MultiLabelMarginLossOptions, type MultiLabelMarginLossTensors } from './multi_label_margin_loss.js';
export { MULTI_LABEL_MARGIN_LOSS_RULES } from './multi_label_margin_loss_rules.js';
export { crossEntropy, crossEntropyGrad, crossEntropyMeanDivisor, CrossEntropyLoss, type CrossEntropyDivisor, type CrossEntropyOptions, type CrossEntropyTensors } from './cross_entropy.js';
export { CROSS_ENTROPY_RULES } from './cross_entropy_rules.js';
export { softmaxWithCrossEntropy, softmaxWithCrossEntropyGrad, type SoftmaxWithCrossEntropyOptions, type SoftmaxWithCrossEntropyTensors } from './softmax_with_cross_entropy.js';
export { SOFTMAX_WITH_CROSS_ENTROPY_RULES } from './softmax_with_cross_entropy_rules.js';
export { AdaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLossGrad, PADDLE_KERNELS, type AdaptiveKernels, type AdaptiveLogSoftmaxGrads, type AdaptiveLogSoftmaxTensors } from './adaptive_log_softmax_with_loss.js';
export { ADAPTIVE_LOG_SOFTMAX_WITH_LOSS_RULES } from './adaptive_log_softmax_with_loss_rules.js';
export { npairLoss, npairLossGrad, type NpairLossOptions, type NpairLossTensors } from './npair_loss.js';
export { NPAIR_LOSS_RULES } from './npair_loss_rules.js';
export { HSigmoidLoss, hsigmoidLoss, hsigmoidLossGrad, type HsigmoidLossTensors } from './hsigmoid_loss.js';
export { HSIGMOID_LOSS_RULES } from './hsigmoid_loss_rules.js';
export { codeTable, dotLeftToRight, PADDLE_HSIGMOID, type HsigmoidKernels } from './kernels/hsigmoid_loss.js';
export { rnntLoss, rnntLossGrad, RNNTLoss, type RnntLossOptions, type RnntLossTensors } from './rnnt_loss.js';
export { RNNT_LOSS_RULES } from './rnnt_loss_rules.js';
export { PADDLE_RNNT, lseInDouble, type RnntKernel } from './kernels/warprnnt.js';
export { ctcLoss, ctcLossGrad, CTCLoss, type CtcLossOptions, type CtcLossTensors } from './ctc_loss.js';
export { CTC_LOSS_RULES } from './ctc_loss_rules.js';
