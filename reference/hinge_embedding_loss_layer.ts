/**
 * paddle.nn.HingeEmbeddingLoss: the layer form of the loss.
 */
import { hingeEmbeddingLoss, lossArguments, type HingeEmbeddingLossOptions, type Margin } from './hinge_embedding_loss.js';
import type { Reduction } from './reduction.js';
import type { Tensor } from './tensor.js';

/**
 * The loss as a layer. Like Paddle's, the constructor stores its arguments
 * without checking them; a bad reduction raises at the call
 * (python/paddle/nn/layer/loss.py; confirmed against Paddle 3.3.1).
 */
export class HingeEmbeddingLoss {
  /** The margin given at construction. */
  readonly margin: Margin;
  /** The reduction given at construction, unchecked until the call. */
  readonly reduction: Reduction | string;
  /** The output name. */
  readonly name: string | undefined;

  /** `new HingeEmbeddingLoss(margin = 1.0, reduction = 'mean', name)` or `new HingeEmbeddingLoss({ margin, reduction, name })`. */
  constructor(margin: Margin | HingeEmbeddingLossOptions = 1.0, reduction: Reduction | string = 'mean', name?: string) {
    const args = lossArguments(margin, reduction, name);
    this.margin = args.margin as Margin;
    this.reduction = args.reduction as string;
    this.name = args.name;
  }

  /** Computes the loss of `input` against `label` with the stored arguments. */
  forward(input: Tensor, label: Tensor): Tensor {
    return hingeEmbeddingLoss(input, label, this.margin, this.reduction, this.name);
  }
}
