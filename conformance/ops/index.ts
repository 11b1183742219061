/**
 * The op registry: every API the suite knows, one line each. Adding an op is
 * adding its files and a line here; nothing else in the harness names an op.
 */
import { apiNamesOf, formOf, opTableEntry, type OpDescriptor, type OpTableEntry } from '../op.js';
import { hingeEmbeddingLoss } from './hinge_embedding_loss/descriptor.js';
import { cosineEmbeddingLoss } from './cosine_embedding_loss/descriptor.js';
import { marginRankingLoss } from './margin_ranking_loss/descriptor.js';
import { softMarginLoss } from './soft_margin_loss/descriptor.js';
import { l1LossOp } from './l1_loss/descriptor.js';
import { mseLossOp } from './mse_loss/descriptor.js';
import { smoothL1LossOp } from './smooth_l1_loss/descriptor.js';
import { klDivOp } from './kl_div/descriptor.js';
import { gaussianNllLossOp } from './gaussian_nll_loss/descriptor.js';
import { binaryCrossEntropyWithLogitsOp } from './binary_cross_entropy_with_logits/descriptor.js';
import { tripletMarginLossOp } from './triplet_margin_loss/descriptor.js';
import { tripletMarginWithDistanceLossOp } from './triplet_margin_with_distance_loss/descriptor.js';
import { squareErrorCostOp } from './square_error_cost/descriptor.js';
import { binaryCrossEntropyOp } from './binary_cross_entropy/descriptor.js';
import { poissonNllLossOp } from './poisson_nll_loss/descriptor.js';
import { multiLabelSoftMarginLossOp } from './multi_label_soft_margin_loss/descriptor.js';
import { sigmoidFocalLossOp } from './sigmoid_focal_loss/descriptor.js';
import { logLossOp } from './log_loss/descriptor.js';
import { diceLossOp } from './dice_loss/descriptor.js';
import { marginCrossEntropyOp } from './margin_cross_entropy/descriptor.js';
import { nllLossOp } from './nll_loss/descriptor.js';
import { multiMarginLossOp } from './multi_margin_loss/descriptor.js';
import { multiLabelMarginLossOp } from './multi_label_margin_loss/descriptor.js';
import { crossEntropyOp } from './cross_entropy/descriptor.js';
import { softmaxWithCrossEntropyOp } from './softmax_with_cross_entropy/descriptor.js';
import { adaptiveLogSoftmaxWithLossOp } from './adaptive_log_softmax_with_loss/descriptor.js';
import { npairLossOp } from './npair_loss/descriptor.js';
import { hsigmoidLossOp } from './hsigmoid_loss/descriptor.js';
import { rnntLossOp } from './rnnt_loss/descriptor.js';
import { ctcLossOp } from './ctc_loss/descriptor.js';

/** Every registered op. */
export const OPS: readonly OpDescriptor[] = [
  hingeEmbeddingLoss,
  marginRankingLoss,
  softMarginLoss,
  cosineEmbeddingLoss,
  l1LossOp,
  mseLossOp,
  smoothL1LossOp,
  klDivOp,
  gaussianNllLossOp,
  binaryCrossEntropyWithLogitsOp,
  tripletMarginLossOp,
  tripletMarginWithDistanceLossOp,
  squareErrorCostOp,
  binaryCrossEntropyOp,
  poissonNllLossOp,
  multiLabelSoftMarginLossOp,
  sigmoidFocalLossOp,
  logLossOp,
  diceLossOp,
  marginCrossEntropyOp,
  nllLossOp,
  multiMarginLossOp,
  multiLabelMarginLossOp,
  crossEntropyOp,
  softmaxWithCrossEntropyOp,
  adaptiveLogSoftmaxWithLossOp,
  npairLossOp,
  hsigmoidLossOp,
  rnntLossOp,
  ctcLossOp,
];

/** The op a Paddle name (functional or layer) belongs to; undefined for a name no op has. */
export function opForApi(api: string): OpDescriptor | undefined {
  return OPS.find((op) => formOf(op, api) !== undefined);
}

/** The op of a family name (`hinge_embedding_loss`); undefined when none is registered. */
export function opForFamily(family: string): OpDescriptor | undefined {
  return OPS.find((op) => op.family === family);
}

/** Every Paddle name a request may call: functional form, layer and layer aliases of every op. */
export function registeredApis(): string[] {
  return OPS.flatMap(apiNamesOf);
}

/** The table the Python processes (oracle, PyTorch port) are started with, as one JSON argument. */
export function opTable(): { ops: OpTableEntry[] } {
  return { ops: OPS.map(opTableEntry) };
}
