/**
 * dice_loss's mutants: each rule's alternative and the natural bugs of the loss (epsilon dropped or also in the
 * numerator, the sums over the batch axis too, the class indices used as the target without one_hot, the scores
 * summed), each a port written over the reference's own primitives with one change.
 */
import { type DiceLossTensors, type Tensor } from '../../../reference/index.js';
import { add } from '../../../reference/kernels/add.js';
import { cast } from '../../../reference/kernels/cast.js';
import { divideOperator } from '../../../reference/kernels/divide.js';
import { mean } from '../../../reference/kernels/mean.js';
import { multiplyOperator } from '../../../reference/kernels/multiply.js';
import { oneHot } from '../../../reference/kernels/one_hot.js';
import { scale } from '../../../reference/kernels/scale.js';
import { sumAll, sumOverTrailingAxes } from '../../../reference/kernels/sum.js';
import { Tape, type Var } from '../../../reference/kernels/tape.js';
import { full as filled, Tensor as RefTensor } from '../../../reference/tensor.js';
import { scaleAttributeInFloat32, stringScalarByPythonFloat } from '../../mutants/kernel_alternatives.js';
import { bindOp, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { toReference } from '../../reference_bridge.js';
import { decodeTensor, encodeTensor, fromTypedArray } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The one change a broken port makes. */
type Change = 'epsilon-dropped' | 'epsilon-in-numerator' | 'batch-summed' | 'indices-as-target' | 'scores-summed' | 'row-major-sums' | 'out-of-range-zero-row' | 'empty-mean-zero';

/** dice_loss over the primitives with `change`, for a request the reference computes (its checks stay the reference's). */
function changed(t: DiceLossTensors, epsilon: number, change: Change, gradOutput?: Tensor): { output: Tensor; input: Tensor | undefined } {
  const tape = new Tape();
  const [n, c] = [t.input.shape[0]!, t.input.shape[t.input.shape.length - 1]!];
  const flat = change === 'row-major-sums' && n > 0 ? [n, t.input.size / n] : t.input.shape;
  const x = tape.leaf(new RefTensor(t.input.dtype, flat, t.input.data), true);
  const indices = new RefTensor(t.label.dtype, t.label.shape.slice(0, -1), t.label.data);
  let h: Var;
  if (change === 'indices-as-target') h = cast(tape, tape.leaf(t.label), 'float32');
  else if (change === 'out-of-range-zero-row') h = tape.leaf(new RefTensor('float32', [...indices.shape, c], Float32Array.from({ length: indices.size * c }, (_, k) => (indices.at(Math.floor(k / c)) === k % c ? 1 : 0))));
  else h = oneHot(tape, tape.leaf(indices), c);
  if (change === 'row-major-sums') h = tape.leaf(new RefTensor('float32', flat, h.value.data));
  const sum = change === 'batch-summed' ? sumAll : sumOverTrailingAxes;
  const inse = sum(tape, multiplyOperator(tape, x, h));
  const denominator = add(tape, sum(tape, x), sum(tape, h));
  const numerator = scale(tape, inse, 2, change === 'epsilon-in-numerator' ? epsilon : 0);
  const score = scale(tape, divideOperator(tape, numerator, scale(tape, denominator, 1, change === 'epsilon-dropped' ? 0 : epsilon)), -1, 1);
  const loss = change === 'scores-summed' ? sumAll(tape, score) : change === 'empty-mean-zero' && n === 0 ? scale(tape, sumAll(tape, score), 1, 0) : mean(tape, score);
  const g = tape.backward(loss, gradOutput ?? filled([], 1, loss.value.dtype)).get(x.id);
  return { output: loss.value, input: g && new RefTensor(g.dtype, t.input.shape, g.data) };
}

/** A variant answering, where the reference computes a value with a float epsilon, with `changed`. */
function variant(op: Op, v: Omit<Variant, 'handle'>, change: Change, applies: (r: PortRequest) => boolean = () => true): Variant {
  const { reference, argsOf } = bindOp(op);
  return {
    ...v,
    handle: (r) => {
      const res = reference(r);
      const eps = argsOf(r).epsilon ?? 1e-5;
      if (typeof eps !== 'number' || !applies(r) || (res.error && change !== 'out-of-range-zero-row') || res.skip) return res;
      try {
        const tensors = { input: toReference(decodeTensor(tensorOf(r, 'input'))), label: toReference(decodeTensor(tensorOf(r, 'label'))) };
        const out = changed(tensors, eps, change, r.grad_output ? toReference(decodeTensor(r.grad_output)) : undefined);
        const wire = (t: Tensor) => encodeTensor(fromTypedArray(t.dtype, [...t.shape], t.data));
        return { id: r.id, output: wire(out.output), ...(r.grad && out.input && { grad: { input: wire(out.input) } }) };
      } catch {
        return res;
      }
    },
  };
}

/** dice_loss's mutants, over its descriptor. */
export function diceLossMutants(OP: Op): readonly Variant[] {
  const { reference, argsOf } = bindOp(OP);
  const float32Epsilon = scaleAttributeInFloat32(OP, 'dice-epsilon-float32-for-float64', 'epsilon');
  const rank = (r: PortRequest): number => decodeTensor(tensorOf(r, 'input')).shape.length;
  return [
    variant(OP, { id: 'dice-epsilon-dropped', expect: 'killed', description: 'the textbook 1 − 2I / (Σx + Σh), without epsilon' }, 'epsilon-dropped'),
    variant(OP, { id: 'dice-epsilon-in-numerator-too', expect: 'killed', rule: 'dice-epsilon-in-denominator-only', description: "the page's formula: 1 − (2I + ε) / (Σx + Σh + ε), epsilon in the numerator too" }, 'epsilon-in-numerator'),
    variant(OP, { id: 'dice-sums-over-batch', expect: 'killed', rule: 'dice-score-per-sample-then-mean', description: 'sums over every axis, the batch too: one score for the whole batch' }, 'batch-summed'),
    variant(OP, { id: 'dice-label-not-one-hot', expect: 'killed', description: 'uses the class indices [N, …, 1] as the target, broadcast against input, without one_hot' }, 'indices-as-target'),
    variant(OP, { id: 'dice-scores-summed', expect: 'killed', description: 'returns the sum of the per-sample scores, not their mean' }, 'scores-summed'),
    variant(OP, { id: 'dice-sums-row-major', expect: 'killed', bitwiseOnly: true, rule: 'sum-over-trailing-axes-last-axis-outermost', description: 'sums each sample in row-major order (a reshape to [N, m]): another rounding inside the bound, but another NaN where two meet' }, 'row-major-sums', (r) => rank(r) > 2),
    variant(OP, { id: 'dice-out-of-range-index-zero-row', expect: 'killed', rule: 'one-hot-index-checked-in-order', description: 'a negative or too large class index gives an all-zero one-hot row instead of ValueError' }, 'out-of-range-zero-row'),
    variant(OP, { id: 'dice-mean-of-empty-batch-is-0', expect: 'killed', rule: 'mean-of-empty-is-nan', description: 'the mean of no scores is 0, not NaN' }, 'empty-mean-zero'),
    {
      id: 'dice-asserts-raise-value-error', expect: 'killed', rule: 'dice-python-asserts',
      description: "raises ValueError for a refused dtype or shape, as a port's argument checks would, where Paddle's asserts raise AssertionError",
      handle: (r) => {
        const res = reference(r);
        return res.error?.type === 'AssertionError' ? { id: r.id, error: { type: 'ValueError', message: res.error.message } } : res;
      },
    },
    { ...float32Epsilon, handle: (r) => ('epsilon' in argsOf(r) ? float32Epsilon.handle(r) : reference(r)) },
    stringScalarByPythonFloat(OP, 'dice-epsilon-str-by-python-float', 'epsilon'),
  ];
}
