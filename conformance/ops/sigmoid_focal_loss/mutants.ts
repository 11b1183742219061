/**
 * sigmoid_focal_loss's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' come from mutants/kernel_alternatives.ts) and the natural bugs of the loss: alpha dropped or on the
 * wrong term, gamma on the wrong term, the normalizer ignored or applied after the reduction, the textbook formula
 * log σ(x) where Paddle is stable; and a correct variant, the stable form with log1p and the C library's pow, within
 * the derived bound.
 */
import { broadcastShapes } from '../../../reference/broadcast.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { editGrad, promotesAllToWidestFloat, promotesIntWithFloat } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapTensors, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import type { KwargJson, ResponseJson } from '../../case.js';
import { bitsAt, decodeTensor, encodeTensor, fromTypedArray, fromValues, valuesOf, type TensorJson, type WireDType } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;
/** One element of the unreduced loss from logit x, label y, α and γ, rounded by `round` at the end. */
type Element = (x: number, y: number, alpha: number, gamma: number) => number;

const kwarg = (r: PortRequest, name: string, fallback: number): number => {
  const v = (r.kwargs as Record<string, KwargJson> | undefined)?.[name];
  if (typeof v === 'string') return v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : NaN;
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : v && typeof v === 'object' && 'int' in v ? Number(v.int) : fallback;
};
const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
const focal = (x: number, y: number, gamma: number): number => (1 - (sigma(x) * y + (1 - sigma(x)) * (1 - y))) ** gamma;
const alphaT = (y: number, alpha: number): number => alpha * y + (1 - alpha) * (1 - y);
const stableCe = (x: number, y: number): number => Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));

/** The unreduced loss of a request without normalizer recomputed element by element by `f` where `where` holds ('none' only). */
function elementwise(op: Op, v: Omit<Variant, 'handle'>, f: Element, where: (x: number, y: number) => boolean): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    ...v,
    handle: (r) => {
      const res = reference(r);
      if (!res.output || reductionOf(r) !== 'none' || r.inputs.normalizer) return res;
      const round = rounderOf(res.output.dtype);
      const [x, y] = [valuesOf(decodeTensor(tensorOf(r, 'logit'))), valuesOf(decodeTensor(tensorOf(r, 'label')))];
      if (!round || x.length !== y.length) return res;
      const [alpha, gamma] = [kwarg(r, 'alpha', 0.25), Math.fround(kwarg(r, 'gamma', 2))];
      if (!Number.isFinite(round(alpha)) || !Number.isFinite(gamma)) return res;
      return { ...res, output: mapValues(res.output, (val, k) => (where(x[k]!, y[k]!) ? round(f(x[k]!, y[k]!, alpha, gamma)) : val)) };
    },
  };
}

/** A variant answering the reference's answer to an edited request (undefined: the request as it is). */
function editing(op: Op, v: Omit<Variant, 'handle'>, edit: (r: PortRequest) => PortRequest | undefined, after: (res: ResponseJson) => ResponseJson = (res) => res): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => { const e = edit(r); return e ? after({ ...reference(e), id: r.id }) : reference(r); } };
}

const shapeOf = (r: PortRequest, name: string): readonly number[] | undefined => r.inputs[name] && decodeTensor(r.inputs[name]!).shape;
const reshaped = (r: PortRequest, name: string, shape: readonly number[]): ReturnType<typeof encodeTensor> => { const t = decodeTensor(tensorOf(r, name)); return encodeTensor(fromValues(t.dtype, shape, valuesOf(t))); };

/** A float tensor with every NaN's sign bit flipped, other bits kept. */
function flipNanSigns(json: TensorJson): TensorJson {
  const t = decodeTensor(json);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') return json;
  const n = t.shape.reduce((a, b) => a * b, 1);
  const values = valuesOf(t);
  const wide = t.dtype === 'float64';
  const bits = wide ? new BigUint64Array(n) : new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const b = bitsAt(t, k);
    const flipped = values[k] !== values[k] ? b ^ (wide ? 1n << 63n : 1n << 31n) : b;
    if (wide) (bits as BigUint64Array)[k] = flipped; else (bits as Uint32Array)[k] = Number(flipped);
  }
  return encodeTensor(fromTypedArray(t.dtype, t.shape, bits));
}

/** sigmoid_focal_loss's mutants, over its descriptor. */
export function sigmoidFocalLossMutants(OP: Op): readonly Variant[] {
  const { reference, reductionOf, withArgs } = bindOp(OP);
  return [
    reductionCheckedLast(OP, 'sigmoid-focal-reduction-checked-last', 'sigmoid-focal-reduction-checked-first'),
    sumAndMeanSwapped(OP, 'sigmoid-focal-sum-and-mean-swapped'),
    meanOfEmptyIsZero(OP, 'sigmoid-focal-mean-of-empty-is-0', 'mean-all-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'sigmoid-focal-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    meanGradNotDivided(OP, 'sigmoid-focal-mean-grad-not-divided-by-n'),
    meanGradTimesReciprocal(OP, 'sigmoid-focal-mean-grad-times-reciprocal', 'mean-all-grad-divides-by-count', 'passes'),
    promotesAllToWidestFloat(OP, 'sigmoid-focal-promotes-all-to-float64'),
    promotesIntWithFloat(OP, 'sigmoid-focal-promotes-int-with-float'),
    {
      id: 'sigmoid-focal-1-d-logit-computed', expect: 'killed', rule: 'sigmoid-focal-1-d-logit-refused',
      description: 'computes a 1-D logit like any other (as [1, n], the result reshaped back), where Paddle raises ValueError',
      handle: (r) => {
        const [x, y] = [shapeOf(r, 'logit'), shapeOf(r, 'label')];
        if (!x || x.length !== 1 || !y || y.length !== 1) return reference(r);
        const res = reference({ ...r, inputs: { ...r.inputs, logit: reshaped(r, 'logit', [1, x[0]!]), label: reshaped(r, 'label', [1, y[0]!]) }, grad: undefined, grad_output: undefined });
        return res.output && res.output.shape.length === 2 ? { id: r.id, output: encodeTensor(fromValues(res.output.dtype as WireDType, x, valuesOf(decodeTensor(res.output)))) } : { ...res, id: r.id };
      },
    },
    {
      id: 'sigmoid-focal-normalizer-as-the-page-says', expect: 'killed', rule: 'sigmoid-focal-normalizer-any-dtype-and-shape',
      description: 'refuses a normalizer that is not a float32 or float64 [1] or 0-D tensor, as the page describes it (ValueError)',
      handle: (r) => {
        const n = r.inputs.normalizer;
        if (!n || ((n.shape.length === 0 || (n.shape.length === 1 && n.shape[0] === 1)) && (n.dtype === 'float32' || n.dtype === 'float64'))) return reference(r);
        return { id: r.id, error: { type: 'ValueError', message: `normalizer must be a float32 or float64 tensor of shape [1] or [], got ${n.dtype} [${n.shape.join(', ')}]` } };
      },
    },
    {
      id: 'sigmoid-focal-alpha-gamma-range-checked', expect: 'killed', rule: 'sigmoid-focal-alpha-gamma-to-tensor',
      description: "checks alpha in [0, 1] and gamma ≥ 0 as the page states them (ValueError), and takes a str or None as Python's float() and the default",
      handle: (r) => {
        const kw = (r.kwargs ?? {}) as Record<string, KwargJson>;
        const bad = (['alpha', 'gamma'] as const).find((k) => k in kw && (typeof kw[k] !== 'number' || (k === 'alpha' ? kw[k] < 0 || kw[k] > 1 : kw[k] < 0)));
        return bad ? { id: r.id, error: { type: 'ValueError', message: `${bad} out of range: ${JSON.stringify(kw[bad])}` } } : reference(r);
      },
    },
    {
      id: 'sigmoid-focal-label-grad-zero', expect: 'killed', rule: 'sigmoid-focal-label-gets-gradient',
      description: "gives the label a zero gradient, as binary_cross_entropy_with_logits' label has none (a target is not differentiated)",
      handle: (r) => {
        const res = reference(r);
        return res.grad?.label ? editGrad(res, 'label', () => 0) : res;
      },
    },
    {
      id: 'sigmoid-focal-kernel-of-logit-dtype', expect: 'killed', rule: 'sigmoid-ce-kernel-dtype-of-last-input',
      description: "chooses the cross entropy kernel by logit's dtype: a float16 or integer logit with a float32 label raises RuntimeError (NotFound), not ValueError",
      handle: (r) => {
        const res = reference(r);
        const dtype = r.inputs.logit?.dtype;
        if (!res.error || res.error.type !== 'ValueError' || dtype === 'float32' || dtype === 'float64') return res;
        return { id: r.id, error: { type: 'RuntimeError', message: `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`sigmoid_cross_entropy_with_logits\` is not registered.` } };
      },
    },
    {
      id: 'sigmoid-focal-label-broadcasts', expect: 'killed', rule: 'sigmoid-ce-shapes-must-equal',
      description: "broadcasts a label to logit's shape instead of refusing it",
      handle: (r) => {
        const [x, y] = [shapeOf(r, 'logit'), shapeOf(r, 'label')];
        if (!x || !y || x.join() === y.join() || x.length < 2) return reference(r);
        try { if (broadcastShapes(x, y).join() !== x.join()) return reference(r); } catch { return reference(r); }
        const t = decodeTensor(tensorOf(r, 'label'));
        const v = valuesOf(t);
        const tiled = Array.from({ length: x.reduce((a, b) => a * b, 1) }, (_, k) => v[k % v.length]!);
        return { ...reference({ ...r, inputs: { ...r.inputs, label: encodeTensor(fromValues(t.dtype, x, tiled)) } }), id: r.id };
      },
    },
    {
      id: 'sigmoid-focal-grad-right-at-zero', expect: 'killed', rule: 'sigmoid-ce-grad-at-zero',
      description: "takes the cross entropy's gradient at logit ±0 as σ(0) − y, one more than Paddle's −y − 0.5, times α_t·(1 − p_t)^γ",
      handle: (r) => {
        const res = reference(r);
        if (!res.grad?.logit || r.grad_output || r.inputs.normalizer || reductionOf(r) !== 'none') return res;
        const [x, y] = [valuesOf(decodeTensor(tensorOf(r, 'logit'))), valuesOf(decodeTensor(tensorOf(r, 'label')))];
        const [alpha, gamma] = [kwarg(r, 'alpha', 0.25), Math.fround(kwarg(r, 'gamma', 2))];
        return editGrad(res, 'logit', (g, k) => (x[k] === 0 ? g + alphaT(y[k]!, alpha) * 0.5 ** gamma : g));
      },
    },
    {
      id: 'sigmoid-focal-nan-sign-uniform', expect: 'killed', rule: 'sigmoid-nan-sign-by-position', bitwiseOnly: true,
      description: "flips the sign of every NaN a NaN logit gives, as a scalar sigmoid's −x would in every position",
      handle: (r) => {
        const res = reference(r);
        const x = r.inputs.logit && valuesOf(decodeTensor(r.inputs.logit));
        if (!x || !x.some((v) => v !== v)) return res;
        return mapTensors(res, flipNanSigns);
      },
    },
    elementwise(OP, { id: 'sigmoid-focal-textbook-formula', expect: 'killed', rule: 'sigmoid-ce-two-stable-forms', description: '−α·y·(1 − σ)^γ·log σ − (1 − α)(1 − y)·σ^γ·log(1 − σ) as written: log 0 past |x| ≈ 17 (float32), where Paddle is stable' },
      (x, y, a, g) => { const s = sigma(x); return -a * y * (1 - s) ** g * Math.log(s) - (1 - a) * (1 - y) * s ** g * Math.log(1 - s); }, (x) => Number.isFinite(x) && Math.abs(x) > 16),
    elementwise(OP, { id: 'sigmoid-focal-ignore-index-computed', expect: 'killed', rule: 'sigmoid-ce-ignore-index', description: 'computes a label of −100 like any other, where Paddle gives 0' },
      (x, y, a, g) => alphaT(y, a) * stableCe(x, y) * focal(x, y, g), (x, y) => Number.isFinite(x) && Math.trunc(y) === -100),
    elementwise(OP, { id: 'sigmoid-focal-stable-log1p-libm-pow', expect: 'passes', rule: 'pow-is-libm-pow', description: 'α_t·(max(x, 0) − x·y + log1p(exp(−|x|)))·(1 − p_t)^γ in double, with the C library\'s pow everywhere: within the derived bound' },
      (x, y, a, g) => alphaT(y, a) * stableCe(x, y) * focal(x, y, g), (x, y) => Number.isFinite(x) && Number.isFinite(y) && y >= 0 && y <= 1 && Math.abs(x) < 16),
    editing(OP, { id: 'sigmoid-focal-alpha-dropped', expect: 'killed', description: 'leaves α_t out (every element weighted 1): the loss at alpha 0.5, doubled' },
      (r) => withArgs(r, { alpha: 0.5 }), (res) => mapTensors(res, (t) => (t.dtype === 'float32' || t.dtype === 'float64' ? mapValues(t, (v) => 2 * v) : t))),
    editing(OP, { id: 'sigmoid-focal-alpha-on-negative-term', expect: 'killed', description: 'weights the positive term by 1 − α and the negative by α' },
      (r) => withArgs(r, { alpha: 1 - kwarg(r, 'alpha', 0.25) })),
    {
      id: 'sigmoid-focal-gamma-on-wrong-term', expect: 'killed',
      description: 'modulates by p_t^γ instead of (1 − p_t)^γ (the easy examples up-weighted)',
      handle: (r) => {
        const res = reference(r);
        if (!res.output || reductionOf(r) !== 'none' || r.inputs.normalizer) return res;
        const base = reference(withArgs(r, { gamma: 0 }));
        const round = rounderOf(res.output.dtype);
        if (!base.output || !round) return res;
        const [x, y] = [valuesOf(decodeTensor(tensorOf(r, 'logit'))), valuesOf(decodeTensor(tensorOf(r, 'label')))];
        const g = Math.fround(kwarg(r, 'gamma', 2));
        return { ...res, output: mapValues(base.output, (v, k) => round(v * (1 - focal(x[k]!, y[k]!, 1)) ** g)) };
      },
    },
    editing(OP, { id: 'sigmoid-focal-normalizer-ignored', expect: 'killed', description: 'drops the normalizer' },
      (r) => { if (!r.inputs.normalizer) return undefined; const { normalizer: _, ...inputs } = r.inputs; return { ...r, inputs }; }),
    {
      id: 'sigmoid-focal-normalizer-after-reduction', expect: 'killed',
      description: "divides the reduced loss by the normalizer instead of each element before 'mean' or 'sum'",
      handle: (r) => {
        const res = reference(r);
        const red = reductionOf(r);
        if (!r.inputs.normalizer || !res.output || (red !== 'mean' && red !== 'sum' && red !== undefined)) return res;
        const { normalizer, ...inputs } = r.inputs;
        const plain = reference({ ...r, inputs, grad: undefined, grad_output: undefined });
        const round = plain.output && rounderOf(plain.output.dtype);
        if (!plain.output || !round) return res;
        const s = valuesOf(decodeTensor(plain.output))[0]!;
        const n = decodeTensor(normalizer);
        return { ...res, output: encodeTensor(fromValues(plain.output.dtype as WireDType, n.shape, valuesOf(n).map((v) => round(s / v)))) };
      },
    },
  ];
}
