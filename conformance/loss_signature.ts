/**
 * The signature most of paddle.nn.functional's losses share: `(input, label,
 * reduction='mean', <own keywords>, name=None)`, a layer `paddle.nn.<Layer>`
 * whose constructor takes the same keywords, and PyTorch's removed
 * `size_average` and `reduce`, which those layers accept only to refuse them.
 */
import type { KwargSpec, OpSignature } from './op.js';

/** What sets one input-label loss apart from the others. */
export interface LossSignatureParts {
  /** The family name, also the functional form's last component. */
  readonly family: string;
  /** The layer's class name under `paddle.nn`. */
  readonly layerClass: string;
  /** Keywords between `reduction` and `name`, in Paddle's order. */
  readonly ownKwargs?: readonly KwargSpec[];
  /** The tensors that have a gradient. */
  readonly differentiable: readonly string[];
  /** The dtypes the documentation page names. */
  readonly dtypes: readonly string[];
}

/** The full call signature of an input-label loss from the parts that differ. */
export function lossSignature(parts: LossSignatureParts): OpSignature {
  return {
    family: parts.family,
    functional: `paddle.nn.functional.${parts.family}`,
    layer: `paddle.nn.${parts.layerClass}`,
    tensors: ['input', 'label'],
    kwargs: [
      { name: 'reduction', kind: 'str', default: 'mean' },
      ...(parts.ownKwargs ?? []),
      { name: 'name', kind: 'str', default: null },
      // PyTorch's removed arguments: the layers take them only to refuse them (ValueError).
      { name: 'size_average', kind: 'str', default: null, layerOnly: true },
      { name: 'reduce', kind: 'str', default: null, layerOnly: true },
    ],
    differentiable: parts.differentiable,
    reduction: 'reduction',
    dtypes: parts.dtypes,
  };
}
