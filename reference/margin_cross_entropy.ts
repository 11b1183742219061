/**
 * paddle.nn.functional.margin_cross_entropy(logits, label, margin1=1.0, margin2=0.5, margin3=0.0, scale=64.0,
 * group=None, return_softmax=False, reduction='mean')
 *
 * The documentation page: the ArcFace / CosFace / SphereFace family's loss over logits [N, C] (the cosines of the
 * normalized features and weights) and labels [N] or [N, 1],
 *
 *     L = −(1/N) Σ_i log( e^{s(cos(m1·θ_{y_i} + m2) − m3)} / (e^{s(cos(m1·θ_{y_i} + m2) − m3)} + Σ_{j≠y_i} e^{s·cos θ_j}) )
 *
 * with the softmax as a second output on request. Functional only. Paddle's CPU has no such kernel: every call
 * that passes the checks below raises RuntimeError (Unavailable), in every release; its values need a GPU
 * (the page's example carries `# doctest: +REQUIRES(env:GPU)`), so this reference, like Paddle on CPU, only raises.
 *
 * Rule `margin-ce-python-checks`: the Python source checks, in order: `assert reduction in ['mean', 'sum',
 * 'none', None]` (AssertionError with no message; 'MEAN' too), group is False, None or a Group (ValueError);
 * since Paddle 3.1.1 logits.shape[-1] > 0 (ValueError; a 0-D logits fails to index its shape, IndexError); the
 * label's rank is the logits' or one less (ValueError), and one less gets a trailing 1.
 * Rule `margin-ce-argument-types`: float16 logits are cast to float32, then `_C_ops.margin_cross_entropy` reads
 * return_softmax as a bool (None is False; an int or a str is TypeError) and the margins and scale as doubles
 * (an int or a bool is taken; None or a str is TypeError), in argument order; before Paddle 3.0.0 ValueError.
 * Then the kernel (reference/kernels/margin_cross_entropy.ts).
 */
import { PaddleAssertionError, PaddleIndexError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { marginCrossEntropy as marginCrossEntropyKernel } from './kernels/margin_cross_entropy.js';
import { paddleReleaseBefore } from './release.js';
import { Tensor } from './tensor.js';

/** margin_cross_entropy's tensors, by Paddle's parameter names. */
export interface MarginCrossEntropyTensors {
  logits: Tensor;
  label: Tensor;
}

/** margin_cross_entropy's keyword arguments as a caller passes them (Python values). */
export interface MarginCrossEntropyOptions {
  margin1?: unknown;
  margin2?: unknown;
  margin3?: unknown;
  scale?: unknown;
  group?: unknown;
  return_softmax?: unknown;
  reduction?: unknown;
}

/** margin_cross_entropy on Paddle's CPU: one of its errors, never a value. */
export function marginCrossEntropy({ logits, label }: MarginCrossEntropyTensors, options: MarginCrossEntropyOptions = {}): never {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  if (!['mean', 'sum', 'none', null].includes(reduction as string | null)) throw new PaddleAssertionError('');
  const group = options.group ?? null;
  if (group !== null && group !== false) {
    throw new PaddleValueError(`Expected group is False, None or instance of paddle.distributed.collective.Group              (got group: ${pythonStr(group)})`);
  }
  if (!paddleReleaseBefore('3.1.1')) {
    if (logits.shape.length === 0) throw new PaddleIndexError('list index out of range');
    if (logits.shape[logits.shape.length - 1] === 0) {
      const dims = paddleReleaseBefore('3.3.0') ? `[${logits.shape.join(', ')}]` : `paddle.Size([${logits.shape.join(', ')}])`;
      throw new PaddleValueError(`Expected logit_dims[-1] > 0 (got logit_dims ${dims})`);
    }
  }
  const [rank, labelRank] = [logits.shape.length, label.shape.length];
  if (rank - 1 !== labelRank && rank !== labelRank) {
    throw new PaddleValueError(`Expected input_dims - 1 = label_dims or input_dims == label_dims             (got input_dims${rank}, label_dims${labelRank})`);
  }
  const labels = rank - 1 === labelRank ? new Tensor(label.dtype, [...label.shape, 1], label.data) : label;
  const x = logits.dtype === 'float16' ? new Tensor('float32', logits.shape, new Float32Array(logits.size)) : logits;
  const args: Array<[number, keyof MarginCrossEntropyOptions, 'bool' | 'double']> = [[3, 'return_softmax', 'bool'], [7, 'margin1', 'double'], [8, 'margin2', 'double'], [9, 'margin3', 'double'], [10, 'scale', 'double']];
  for (const [position, name, kind] of args) {
    if (!(name in options)) continue;
    const value = options[name];
    const ok = kind === 'bool' ? typeof value === 'boolean' || value === null : ['number', 'bigint', 'boolean'].includes(typeof value);
    if (ok) continue;
    const text = `margin_cross_entropy(): argument (position ${position}) must be ${kind}, but got ${pythonTypeName(value)}`;
    throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${text}`) : new PaddleTypeError(`(InvalidType) ${text}`);
  }
  return marginCrossEntropyKernel(x, labels);
}

/** Python's str() of a keyword value as the wire carries it. */
function pythonStr(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
