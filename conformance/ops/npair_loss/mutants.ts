/**
 * npair_loss's mutants: each rule's alternative and the natural bugs of the loss (the 0.25 dropped, the batch summed
 * where it is averaged, one class per row, the similarity transposed), each a port written over the reference's own
 * primitives with one change; and correct variants (the mean of the row losses, other summation orders).
 */
import { npairLoss, type NpairLossTensors, type Tensor } from '../../../reference/index.js';
import { add } from '../../../reference/kernels/add.js';
import { crossEntropyWithSoftmax } from '../../../reference/kernels/cross_entropy_with_softmax.js';
import { divide } from '../../../reference/kernels/divide.js';
import { matmulTransposeY } from '../../../reference/kernels/matmul.js';
import { mean } from '../../../reference/kernels/mean.js';
import { multiply } from '../../../reference/kernels/multiply.js';
import { scale } from '../../../reference/kernels/scale.js';
import { square } from '../../../reference/kernels/square.js';
import { sumAlongAxis, sumAlongFirstAxis, sumAll } from '../../../reference/kernels/sum.js';
import { Tape, type Var } from '../../../reference/kernels/tape.js';
import { full as filled, Tensor as RefTensor } from '../../../reference/tensor.js';
import { stringScalarByPythonFloat } from '../../mutants/kernel_alternatives.js';
import { bindOp, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { toReference } from '../../reference_bridge.js';
import { decodeTensor, encodeTensor, fromTypedArray, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The one change a port makes. */
type Change = 'beta-dropped' | 'l2-summed' | 'one-class-per-row' | 'logits-transposed' | 'exact-classes' | 'nan-is-a-class' | 'mean-of-rows' | 'float64-dots' | 'columns-reversed' | 'unclipped-softmax';

/** Each label's class: its first equal label (by `same`), or −1 for none. */
function classes(labels: Tensor, same: (x: number, y: number) => boolean): number[] {
  const values = Array.from({ length: labels.size }, (_, k) => labels.at(k));
  return values.map((v) => values.findIndex((w) => same(v, w)));
}

/** npair_loss over the primitives with `change`, for a float32 request the reference computes (its checks stay the reference's). */
function changed(t: NpairLossTensors, l2Reg: number, change: Change, gradOutput?: Tensor): { output: Tensor; anchor?: Tensor; positive?: Tensor } {
  const tape = new Tape();
  const [a, p] = [tape.leaf(t.anchor, true), tape.leaf(t.positive, true)];
  const n = t.labels.shape[0]!;
  const cls = change === 'one-class-per-row' ? [...Array(n).keys()] : change === 'exact-classes' ? classes(t.labels, (x, y) => x === y) : change === 'nan-is-a-class' ? classes(t.labels, (x, y) => x === y || (x !== x && y !== y)) : undefined;
  const counts = cls?.map((c) => cls.filter((d) => d === c && c >= 0).length);
  const soft = cls && counts ? Float32Array.from({ length: n * n }, (_, k) => (cls[Math.floor(k / n)]! >= 0 && cls[Math.floor(k / n)] === cls[k % n] ? 1 : 0) / counts[Math.floor(k / n)]!) : undefined;
  const target = soft ? tape.leaf(new RefTensor('float32', [n, n], soft)) : undefined;
  const rowsOf = (x: Var): Var => (change === 'l2-summed' ? sumAll(tape, square(tape, x)) : mean(tape, sumAlongAxis(tape, square(tape, x), 1)));
  const l2 = scale(tape, scale(tape, add(tape, rowsOf(a), rowsOf(p)), change === 'beta-dropped' ? 1 : 0.25, 0), l2Reg, 0);
  let logits = change === 'logits-transposed' ? matmulTransposeY(tape, p, a) : matmulTransposeY(tape, a, p);
  if (change === 'float64-dots') logits = tape.leaf(new RefTensor('float32', logits.value.shape, Float32Array.from({ length: n * n }, (_, k) => dot64(t, Math.floor(k / n), k % n))));
  const label = target ?? tape.leaf(new RefTensor('float32', [n, n], Float32Array.from({ length: n * n }, (_, k) => classTarget(t.labels, k, n))));
  let ce: Var;
  if (change === 'unclipped-softmax') {
    const rows = Float32Array.from({ length: n }, (_, i) => unclippedCrossEntropy(logits.value, label.value, i, n));
    ce = tape.leaf(new RefTensor('float32', [n, 1], rows));
  } else ce = crossEntropyWithSoftmax(tape, logits, label, { softLabel: true, useSoftmax: true, ignoreIndex: -100, axis: -1 }).loss;
  const weighted = multiply(tape, label, ce);
  const columns = change === 'columns-reversed' ? reversedColumns(tape, weighted) : sumAlongFirstAxis(tape, weighted);
  const celoss = change === 'mean-of-rows' ? mean(tape, ce) : mean(tape, columns);
  const loss = add(tape, l2, celoss);
  const grads = tape.backward(loss, gradOutput ?? filled([], 1, 'float32'));
  return { output: loss.value, anchor: grads.get(a.id), positive: grads.get(p.id) };
}

/** The soft label as Paddle makes it, for the changes that keep it (exact for labels that compare as the reference's do). */
function classTarget(labels: Tensor, k: number, n: number): number {
  const row = Math.floor(k / n);
  const same = (j: number): boolean => Math.abs(labels.at(row) - labels.at(j)) < 1e-15 || labels.at(row) === labels.at(j);
  const count = Array.from({ length: n }, (_, j) => j).filter(same).length;
  return Math.fround((same(k % n) ? 1 : 0) / count);
}

/** A logit accumulated in float64 and rounded once. */
function dot64(t: NpairLossTensors, i: number, j: number): number {
  const k = t.anchor.shape[1]!;
  let acc = 0;
  for (let q = 0; q < k; q++) acc += t.anchor.at(i * k + q) * t.positive.at(j * k + q);
  return Math.fround(acc);
}

/** −Σ_j label_ij log softmax(z_i)_j without the clip at −64, in float64. */
function unclippedCrossEntropy(z: Tensor, label: Tensor, i: number, n: number): number {
  const row = Array.from({ length: n }, (_, j) => z.at(i * n + j));
  const max = Math.max(...row);
  const lse = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
  return -row.reduce((s, v, j) => s + label.at(i * n + j) * (v - max - lse), 0);
}

/** The column sums bottom to top (no gradient: a forward-only variant). */
function reversedColumns(tape: Tape, x: Var): Var {
  const [rows, cols] = x.value.shape as [number, number];
  const out = Float32Array.from({ length: cols }, (_, j) => {
    let acc = 0;
    for (let i = rows - 1; i >= 0; i--) acc = Math.fround(acc + x.value.at(i * cols + j));
    return acc;
  });
  return divide(tape, tape.leaf(new RefTensor('float32', [cols], out)), tape.leaf(filled([], 1, 'float32')));
}

/** A variant answering, where the reference computes a float32 value with a numeric l2_reg, with `changed`. */
function variant(op: Op, v: Omit<Variant, 'handle'>, change: Change): Variant {
  const { reference, argsOf } = bindOp(op);
  return {
    ...v,
    handle: (r) => {
      const res = reference(r);
      const l2 = argsOf(r).l2_reg ?? 0.002;
      if (typeof l2 !== 'number' || res.error || res.skip) return res;
      try {
        const tensors = { anchor: toReference(decodeTensor(tensorOf(r, 'anchor'))), positive: toReference(decodeTensor(tensorOf(r, 'positive'))), labels: toReference(decodeTensor(tensorOf(r, 'labels'))) };
        if (tensors.anchor.dtype !== 'float32' || tensors.positive.dtype !== 'float32') return res;
        const out = changed(tensors, l2, change, r.grad_output && !Array.isArray(r.grad_output) ? toReference(decodeTensor(r.grad_output)) : undefined);
        const wire = (t: Tensor) => encodeTensor(fromTypedArray(t.dtype, [...t.shape], t.data));
        const grad = out.anchor && out.positive && change !== 'columns-reversed' && change !== 'float64-dots' ? { anchor: wire(out.anchor), positive: wire(out.positive) } : res.grad;
        return { id: r.id, output: wire(out.output), ...(r.grad && grad && { grad }) };
      } catch {
        return res;
      }
    },
  };
}

/** A variant that answers an error of the reference with a value: float64 operands computed in float32 and widened, an empty operand NaN. */
function answers(op: Op, v: Omit<Variant, 'handle'>, when: (r: PortRequest, type: string) => boolean, output: (r: PortRequest) => Tensor): Variant {
  const { reference } = bindOp(op);
  return {
    ...v,
    handle: (r) => {
      const res = reference(r);
      if (!res.error || !when(r, res.error.type)) return res;
      const t = output(r);
      return { id: r.id, output: encodeTensor(fromTypedArray(t.dtype, [...t.shape], t.data)) };
    },
  };
}

/** npair_loss's mutants, over its descriptor. */
export function npairLossMutants(OP: Op): readonly Variant[] {
  const { reference, argsOf, withArgs } = bindOp(OP);
  const dtype = (r: PortRequest, name: string): string => decodeTensor(tensorOf(r, name)).dtype;
  const size = (r: PortRequest, name: string): number => decodeTensor(tensorOf(r, name)).shape.reduce((x, y) => x * y, 1);
  // The loss of the request's operands cast to float32 (the reference's value where Paddle refuses their dtype).
  const inFloat32 = (r: PortRequest): number => {
    const [anchor, positive, labels] = ['anchor', 'positive', 'labels'].map((name) => toReference(decodeTensor(tensorOf(r, name))));
    const f32 = (t: Tensor): Tensor => new RefTensor('float32', t.shape, Float32Array.from(t.data));
    return npairLoss({ anchor: f32(anchor!), positive: f32(positive!), labels: labels! }, argsOf(r) as Record<string, unknown>).at(0);
  };
  const stringAsPythonFloat = stringScalarByPythonFloat(OP, 'npair-l2-reg-str-by-python-float', 'l2_reg');
  return [
    variant(OP, { id: 'npair-beta-dropped', expect: 'killed', description: 'the L2 term without Paddle\'s 0.25: λ·(mean Σa² + mean Σb²)' }, 'beta-dropped'),
    variant(OP, { id: 'npair-l2-summed-over-batch', expect: 'killed', description: 'the squares summed over the batch, not averaged' }, 'l2-summed'),
    variant(OP, { id: 'npair-one-class-per-row', expect: 'killed', description: 'the paper\'s N-pair setting: row i\'s only positive is column i, whatever the labels' }, 'one-class-per-row'),
    variant(OP, { id: 'npair-similarity-transposed', expect: 'killed', description: 'logits positive·anchorᵀ instead of anchor·positiveᵀ' }, 'logits-transposed'),
    variant(OP, { id: 'npair-labels-compared-exactly', expect: 'killed', rule: 'equal-float-tolerance', description: 'classes by an exact ==: float labels within Paddle\'s 1e-15 (1e-8) are apart' }, 'exact-classes'),
    variant(OP, { id: 'npair-nan-label-is-a-class', expect: 'killed', rule: 'npair-labels-equal-within-tolerance', description: 'NaN labels form one class (as a dictionary of labels would), so the loss stays finite' }, 'nan-is-a-class'),
    variant(OP, { id: 'npair-softmax-shift-unclipped', expect: 'killed', rule: 'softmax-shift-clipped-at-64', description: 'the exact log-softmax: a logit more than 64 below the row\'s maximum costs its full gap' }, 'unclipped-softmax'),
    variant(OP, { id: 'npair-mean-of-row-losses', expect: 'passes', description: 'mean(ce) for mean(sum(t · ce, 0)): equal in exact arithmetic, as each row of t sums to 1' }, 'mean-of-rows'),
    variant(OP, { id: 'npair-dots-in-float64', expect: 'passes', rule: 'matmul-k-left-to-right', description: 'each logit accumulated in float64 and rounded once (forward; the gradient the reference\'s)' }, 'float64-dots'),
    variant(OP, { id: 'npair-column-sums-reversed', expect: 'passes', rule: 'sum-along-first-axis-in-row-order', description: 'the column sums of t · ce bottom to top' }, 'columns-reversed'),
    answers(OP, { id: 'npair-float64-computed', expect: 'killed', rule: 'npair-float32-only', description: 'float64 operands give a float64 loss, as the page promises, where Paddle raises ValueError' },
      (r, type) => type === 'ValueError' && dtype(r, 'anchor') === 'float64' && dtype(r, 'positive') === 'float64',
      (r) => new RefTensor('float64', [], Float64Array.of(inFloat32(r)))),
    answers(OP, { id: 'npair-empty-operands-nan', expect: 'killed', rule: 'npair-empty-operands-refused', description: 'an empty anchor or positive gives a NaN loss instead of ValueError' },
      (r) => size(r, 'anchor') === 0 || size(r, 'positive') === 0, () => new RefTensor('float32', [], Float32Array.of(NaN))),
    answers(OP, { id: 'npair-bfloat16-computed', expect: 'killed', rule: 'square-no-bfloat16-kernel', description: 'computes bfloat16 operands, where Paddle has no square kernel for them' },
      (r, type) => type === 'RuntimeError' && dtype(r, 'anchor') === 'bfloat16', (r) => new RefTensor('float32', [], Float32Array.of(inFloat32(r)))),
    {
      id: 'npair-l2-reg-str-as-number', expect: 'killed', rule: 'npair-l2-reg-is-a-python-operand',
      description: 'a str l2_reg multiplies as the number C++ reads from it (as before Paddle 3.3.1), where 3.3.1 lets Python repeat the string',
      handle: (r) => {
        const given = argsOf(r).l2_reg;
        if (typeof given !== 'object' || given === null || !('str' in given)) return reference(r);
        const value = Number.parseFloat(given.str);
        return reference(withArgs(r, { l2_reg: Number.isFinite(value) ? value : 0 }));
      },
    },
    stringAsPythonFloat,
    {
      id: 'npair-matmul-refuses-int-positive', expect: 'killed', rule: 'matmul-no-promotion',
      description: 'an integer positive with a float32 anchor raises ValueError in matmul, as every other dtype pair does (and did before Paddle 3.0.0)',
      handle: (r) => (dtype(r, 'anchor') === 'float32' && /^(int|bool)/.test(dtype(r, 'positive')) ? { id: r.id, error: { type: 'ValueError', message: '(InvalidArgument) The type of data we are trying to retrieve does not match' } } : reference(r)),
    },
    {
      id: 'npair-t-times-ce-keeps-first-nan', expect: 'killed', rule: 'multiply-broadcast-keeps-y-nan', bitwiseOnly: true,
      description: "t · ce keeps t's NaN (−NaN, from 0 / 0) where both are NaN, as equal shapes would, not ce's +NaN",
      handle: (r) => {
        const res = reference(r);
        const labels = valuesOf(decodeTensor(tensorOf(r, 'labels')));
        if (!res.output || Array.isArray(res.output) || !labels.some(Number.isNaN)) return res;
        const out = decodeTensor(res.output);
        return out.dtype === 'float32' && Number.isNaN(valuesOf(out)[0]) ? { ...res, output: encodeTensor(fromTypedArray('float32', [], new Float32Array(new Uint32Array([0xffc00000]).buffer))) } : res;
      },
    },
  ];
}
