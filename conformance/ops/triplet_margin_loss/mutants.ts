/**
 * The triplet losses' mutants: each rule's alternative (what a reasonable port does where the page is
 * silent; the kernels' shared ones from mutants/kernel_alternatives.ts and common.ts) and natural bugs.
 * Several alternatives are an earlier Paddle's kernel, run as the reference of that release.
 */
import { withPaddleRelease } from '../../../reference/release.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { clipNanIsZero, clipUncapped, computesIn, editGrad, layerIgnoresLegacyArguments, promotesIntWithFloat, scaleAttributeInFloat32, withReferenceBits } from '../../mutants/kernel_alternatives.js';
import { bindOp, castTo, mapTensors, mapValues, reshape, tensorOf, unreduced } from '../../mutants/transform.js';
import { MAX_FINITE } from '../../floats.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** A variant answering as the reference does, except where `when` holds: there `f` answers. */
function variant(op: Op, v: Omit<Variant, 'handle'>, when: (r: PortRequest) => boolean, f: (r: PortRequest) => ReturnType<Variant['handle']>): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => (when(r) ? f(r) : reference(r)) };
}

const values = (r: PortRequest, name: string): number[] => valuesOf(decodeTensor(tensorOf(r, name)));
const lastDim = (r: PortRequest): number => tensorOf(r, 'input').shape.at(-1) ?? 1;

/** Each rule's alternative and the natural bugs of a triplet loss. */
export function tripletMutants(op: Op, prefix: string): Variant[] {
  const { reference, argsOf, withArgs, reductionOf } = bindOp(op);
  const p = (r: PortRequest): unknown => argsOf(r).p ?? 2;
  return [
    reductionCheckedLast(op, `${prefix}-reduction-checked-last`, 'triplet-checks-in-source-order'),
    sumAndMeanSwapped(op, `${prefix}-sum-and-mean-swapped`),
    computesIn(op, ['float16', 'bool'], `${prefix}-float16-and-bool-computed`, 'subtract-no-float16-or-bool-kernel', 'computes float16 and bool operands in float32'),
    computesIn(op, ['bfloat16'], `${prefix}-bfloat16-computed`, 'add-no-float16-or-bfloat16-kernel', 'computes bfloat16 operands in float32'),
    promotesIntWithFloat(op, `${prefix}-integer-promoted`),
    scaleAttributeInFloat32(op, `${prefix}-margin-in-float32`, 'margin'),
    meanOfEmptyIsZero(op, `${prefix}-mean-of-empty-is-0`, 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(op, `${prefix}-sum-of-empty-raises`, 'sum-of-empty-is-zero'),
    meanGradTimesReciprocal(op, `${prefix}-mean-grad-times-reciprocal`, 'mean-grad-divides-by-count', 'passes'),
    meanGradNotDivided(op, `${prefix}-mean-grad-not-divided-by-n`),
    computesIn(op, ['int32', 'int64'], `${prefix}-integers-computed`, 'p-norm-float-kernels-only', 'computes int32 and int64 operands in float32 (p_norm has float kernels only)'),
    variant(op, { id: `${prefix}-margin-ignored`, expect: 'killed', description: 'ignores margin (always 1)' }, (r) => argsOf(r).margin !== undefined, (r) => reference(withArgs(r, { margin: undefined }))),
    variant(op, { id: `${prefix}-swap-ignored`, expect: 'killed', description: 'ignores swap=True' }, (r) => argsOf(r).swap === true, (r) => reference(withArgs(r, { swap: undefined }))),
    variant(op, { id: `${prefix}-empty-rows-raise`, expect: 'killed', rule: 'p-norm-empty-rows-are-zero', description: "raises ValueError for a zero-size input (Paddle 2.6's p_norm) instead of zero norms" },
      (r) => values(r, 'input').length === 0, (r) => ({ id: r.id, error: { type: 'ValueError', message: '(InvalidArgument) The dims of Input(X) should be greater than 0.' } })),
    variant(op, { id: `${prefix}-zero-norm-grad-is-0`, expect: 'killed', rule: 'p-norm-grad-nan-at-zero-norm', description: "gives a zero norm's gradient 0 (a subgradient) instead of Paddle's 0 / 0 NaN" },
      (r) => Boolean(r.grad), (r) => {
        const res = reference(r);
        const finite = ['input', 'positive', 'negative'].every((n) => values(r, n).every(Number.isFinite));
        return finite ? ['input', 'positive', 'negative'].reduce((acc, n) => (acc.grad?.[n] ? editGrad(acc, n, (g) => (Number.isNaN(g) ? 0 : g)) : acc), res) : res;
      }),
    variant(op, { id: `${prefix}-minimum-tie-to-y`, expect: 'killed', rule: 'minimum-nan-and-ties', description: "gives a swap tie's whole gradient to the swap distance (Paddle 3.0.0's minimum) instead of half to each" },
      (r) => argsOf(r).swap === true && Boolean(r.grad), (r) => withPaddleRelease('3.0.0', () => reference(r))),
    variant(op, { id: `${prefix}-clip-grad-zero-at-bound`, expect: 'killed', rule: 'clip-grad-passes-at-bounds', description: "gives gradient 0 where clip's input is exactly 0 (Paddle 3.0.0's clip; relu's rule)" },
      (r) => Boolean(r.grad) && argsOf(r).swap !== true && tensorOf(r, 'input').dtype === 'float32' && values(r, 'input').length > 0, (r) => withPaddleRelease('3.0.0', () => reference(r))),
    variant(op, { id: `${prefix}-shapes-broadcast`, expect: 'killed', rule: 'triplet-checks-in-source-order', description: "broadcasts a positive or negative of input's trailing shape ([3] or [1, 3] against [2, 3]) where Paddle's shape check refuses it" },
      (r) => ['positive', 'negative'].some((n) => tensorOf(r, n).shape.join() !== tensorOf(r, 'input').shape.join()) && values(r, 'input').length > 0,
      (r) => {
        const expand = (n: string) => { const v = values(r, n); return mapValues(tensorOf(r, 'input'), (_, k) => v[k % v.length]!); };
        return reference({ ...r, inputs: { ...r.inputs, positive: expand('positive'), negative: expand('negative') } });
      }),
    variant(op, { id: `${prefix}-norm-per-sample`, expect: 'killed', rule: 'triplet-distance-along-last-axis', description: "takes each sample's norm over all of its dimensions (the page's [N, *]: a [2, 3, 4] input gives 2 losses, a [5] input 5), where Paddle's p_norm runs along the last axis only" },
      (r) => tensorOf(r, 'input').shape.length !== 2 && tensorOf(r, 'input').shape.length > 0 && values(r, 'input').length > 0 && !(r.grad_output && reductionOf(r) === 'none'),
      (r) => {
        const shape = tensorOf(r, 'input').shape;
        const flat = (t: ReturnType<typeof tensorOf>) => reshape(t, [shape[0]!, t.shape.slice(1).reduce((a, b) => a * b, 1)]);
        const res = reference({ ...r, inputs: Object.fromEntries(Object.entries(r.inputs).map(([n, t]) => [n, flat(t)])) });
        return res.grad ? { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([n, g]) => [n, reshape(g, [...shape])])) } : res;
      }),
    clipNanIsZero(op, `${prefix}-clip-nan-is-0`, (r) => { const res = unreduced(op, r); return res.output ? valuesOf(decodeTensor(res.output)) : undefined; }),
    // The unreduced loss at the dtype's largest value stands for clip's input +inf (no finite row gets there).
    clipUncapped(op, `${prefix}-clip-uncapped`, (r) => {
      const res = unreduced(op, r);
      return res.output ? valuesOf(decodeTensor(res.output)).map((v) => (v === MAX_FINITE.float32 || v === MAX_FINITE.float64 ? Infinity : v)) : undefined;
    }),
    variant(op, { id: `${prefix}-norm-in-double`, expect: 'killed', rule: 'p-norm-powers-unscaled', description: 'computes float32 norms in double (no overflow or underflow of the powers), rounding the results to float32' },
      (r) => tensorOf(r, 'input').dtype === 'float32' && ['input', 'positive', 'negative'].some((n) => values(r, n).some((v) => Math.abs(v) >= 2 ** 63 || (v !== 0 && Math.abs(v) < 2 ** -63))),
      (r) => {
        const inDouble = { ...r, inputs: Object.fromEntries(Object.entries(r.inputs).map(([n, t]) => [n, castTo(t, 'float64')])), grad_output: r.grad_output && castTo(r.grad_output, 'float64') };
        return mapTensors(reference(inDouble), (t) => castTo(t, 'float32'));
      }),
    variant(op, { id: `${prefix}-pow-one-ulp-low`, expect: 'passes', rule: 'p-norm-pow-in-packets', description: "a pow one ulp below the correctly rounded one, as Eigen's generic_pow may be, in every unreduced loss" },
      (r) => reductionOf(r) === 'none' && typeof p(r) === 'number' && ![0, 1].includes(p(r) as number) && values(r, 'input').length > 0, (r) => {
        const res = reference(r);
        return res.output ? withReferenceBits({ ...res, output: mapValues(res.output, (v) => (v > 0 && Number.isFinite(v) ? nextDown(v, res.output!.dtype) : v)) }, res) : res;
      }),
  ];
}

/** triplet_margin_loss's mutants, over its descriptor. */
export function tripletMarginLossMutants(op: Op): readonly Variant[] {
  const { reference, argsOf, withArgs, reductionOf } = bindOp(op);
  const p = (r: PortRequest): unknown => argsOf(r).p ?? 2;
  return [
    ...tripletMutants(op, 'triplet-margin'),
    layerIgnoresLegacyArguments(op, 'triplet-margin-layer-ignores-legacy-arguments', 'triplet-layer-legacy-arguments'),
    variant(op, { id: `triplet-margin-inf-norm-propagates-nan`, expect: 'killed', rule: 'p-norm-inf-nan-by-position', description: 'p = ±inf gives NaN for a row with any NaN (NaN-propagating max)' },
      (r) => (p(r) === 'Infinity' || p(r) === '-Infinity') && reductionOf(r) === 'none' && argsOf(r).swap !== true, (r) => {
        const res = reference(r);
        const m = lastDim(r);
        const x = values(r, 'input');
        return res.output ? { ...res, output: mapValues(res.output, (v, k) => (x.slice(k * m, k * m + m).some(Number.isNaN) ? NaN : v)) } : res;
      }),
    variant(op, { id: `triplet-margin-inf-norm-grad-first-max-only`, expect: 'killed', rule: 'p-norm-grad-inf-ties', description: "p = ±inf passes the gradient to the first element at the norm only (an argmax's), not to every tie" },
      (r) => Boolean(r.grad) && (p(r) === 'Infinity' || p(r) === '-Infinity'), (r) => {
        const res = reference(r);
        const m = lastDim(r);
        const g = res.grad?.positive && valuesOf(decodeTensor(res.grad.positive));
        const first = (k: number): boolean => g!.slice(k - (k % m), k).every((v) => v === 0);
        return g ? editGrad(res, 'positive', (v, k) => (first(k) || v === 0 ? v : 0)) : res;
      }),
    variant(op, { id: `triplet-margin-order-in-double`, expect: 'killed', rule: 'p-norm-order-in-float32', description: 'takes p and 1/p in double, as PyTorch does, where Paddle rounds both to float32' },
      (r) => typeof p(r) === 'number' && Math.fround(p(r) as number) !== p(r) && tensorOf(r, 'input').dtype === 'float64' && reductionOf(r) === 'none' && !r.grad && argsOf(r).swap !== true,
      (r) => {
        const res = reference(r);
        const [x, y, z, m, q] = [values(r, 'input'), values(r, 'positive'), values(r, 'negative'), lastDim(r), p(r) as number];
        const eps = typeof argsOf(r).epsilon === 'number' ? (argsOf(r).epsilon as number) : 1e-6;
        const margin = typeof argsOf(r).margin === 'number' ? (argsOf(r).margin as number) : 1;
        const d = (a: number[], k: number): number => Math.pow(a.slice(k * m, k * m + m).reduce((s, v, i) => s + Math.pow(Math.abs(x[k * m + i]! - v + eps), q), 0), 1 / q);
        return res.output ? { ...res, output: mapValues(res.output, (_, k) => Math.max(d(y, k) - d(z, k) + margin, 0)) } : res;
      }),
    variant(op, { id: 'triplet-margin-p-ignored', expect: 'killed', description: 'ignores p (always 2)' }, (r) => argsOf(r).p !== undefined, (r) => reference(withArgs(r, { p: undefined }))),
    variant(op, { id: 'triplet-margin-epsilon-dropped', expect: 'killed', description: 'drops epsilon (‖x − y‖ without it)' }, () => true, (r) => reference(withArgs(r, { epsilon: 0 }))),
  ];
}

/** The next value toward zero in the dtype. */
function nextDown(v: number, dtype: string): number {
  if (dtype === 'float32') {
    const b = new Float32Array([v]);
    new Uint32Array(b.buffer)[0]! -= 1;
    return b[0]!;
  }
  const b = new Float64Array([v]);
  new BigUint64Array(b.buffer)[0]! -= 1n;
  return b[0]!;
}
