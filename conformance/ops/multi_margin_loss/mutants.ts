/**
 * multi_margin_loss's mutants: each rule's alternative and the natural bugs of the loss. Most are one port
 * (`hinge`) computing the rows by the formula with one thing changed: the page's sum over j ≠ y, the own class
 * included and not subtracted, C − 1 classes, weight[j], the weight inside the power, the margin's sign.
 */
import { layerIgnoresLegacyArguments, scaleAttributeInFloat32 } from '../../mutants/kernel_alternatives.js';
import { meanGradNotDivided, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { bindOp, castTo, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf, type TensorJson } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** What a formula port changes. */
interface Changes {
  /** The own class's term: Paddle's (included, then margin^p / C subtracted in float32), left out (the page), or kept. */
  own?: 'subtracted' | 'excluded' | 'included' | 'subtracted-in-dtype';
  divisor?: 'c' | 'c-1';
  weightOf?: 'y' | 'j';
  weightInside?: boolean;
  /** max(0, margin + x[y] − x[j]): x[y] and x[j] swapped. */
  swapped?: boolean;
  /** The class mean as sum · round(1 / C). */
  reciprocal?: boolean;
}

/** A keyword's numeric value ({"int": n}, a number, a bool), or the default. */
function num(v: unknown, d: number): number {
  if (v === undefined) return d;
  return typeof v === 'object' && v !== null && 'int' in v ? Number(v.int) : Number(v);
}

/** The rows' losses by the formula with the changes, where the request is plain (finite float [N, C], valid labels, a [C] weight); else undefined. */
function rowLosses(op: Op, r: PortRequest, ch: Changes): number[] | undefined {
  const x = decodeTensor(tensorOf(r, 'input'));
  const round = rounderOf(x.dtype);
  const { argsOf } = bindOp(op);
  const [p, m] = [num(argsOf(r).p, 1), num(argsOf(r).margin, 1)];
  if (!round || x.shape.length !== 2 || x.shape.includes(0) || !(Math.abs(m ** p) < 1e30)) return undefined;
  const [n, c] = [x.shape[0]!, x.shape[1]!];
  const xs = valuesOf(x);
  const labels = valuesOf(decodeTensor(tensorOf(r, 'label')));
  const w = r.inputs.weight && valuesOf(decodeTensor(r.inputs.weight));
  if (xs.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e30) || labels.length !== n || (w && w.length !== c)) return undefined;
  const q = ch.own === 'subtracted-in-dtype' ? round(round(m ** p) / c) : Math.fround(Math.fround(m ** p) / c);
  const power = (h: number, e: number): number => (e === 1 ? h : round(h ** e));
  return labels.map((y, i) => {
    const row = xs.slice(i * c, (i + 1) * c);
    let s = 0;
    row.forEach((xj, j) => {
      if (ch.own === 'excluded' && j === y) return;
      const wj = w ? w[ch.weightOf === 'j' ? j : y]! : 1;
      const d = ch.swapped ? round(round(m + row[y]!) - xj) : round(round(m - row[y]!) + xj);
      const h = ch.weightInside ? power(Math.max(0, round(wj * d)), p) : round(wj * power(Math.max(0, d), p));
      s = round(s + h);
    });
    const mean = ch.reciprocal ? round(s * round(1 / c)) : round(s / (ch.divisor === 'c-1' ? c - 1 : c));
    return ch.own === 'excluded' || ch.own === 'included' ? mean : round(mean - round((w ? w[y]! : 1) * q));
  });
}

/** A port answering by the formula with the changes; the reference's answer where it raises or the formula does not apply. */
function hinge(op: Op, v: Omit<Variant, 'handle'>, ch: Changes): Variant {
  const { viaUnreduced, reference } = bindOp(op);
  return { ...v, handle: (r) => {
    const rows = rowLosses(op, r, ch);
    return rows ? viaUnreduced(r, () => rows) : reference(r);
  } };
}

/** A port that answers `takes` requests its own way and the rest as the reference does. */
function instead(op: Op, v: Omit<Variant, 'handle'>, takes: (r: PortRequest) => boolean, answer: (r: PortRequest) => ReturnType<Variant['handle']>): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => (takes(r) ? answer(r) : reference(r)) };
}

/** multi_margin_loss's mutants, over its descriptor. */
export function multiMarginLossMutants(OP: Op): readonly Variant[] {
  const { argsOf, reference, withArgs } = bindOp(OP);
  const labelOf = (r: PortRequest) => decodeTensor(tensorOf(r, 'label'));
  const pOf = (r: PortRequest): unknown => argsOf(r).p;
  return [
    hinge(OP, { id: 'multi-margin-sum-includes-own-class', expect: 'killed', description: 'sums max(0, margin − x[y] + x[j])^p over every j, j = y included, and subtracts nothing' }, { own: 'included' }),
    hinge(OP, { id: 'multi-margin-divides-by-c-minus-1', expect: 'killed', description: 'divides the sum over the C − 1 other classes by C − 1, not C' }, { own: 'excluded', divisor: 'c-1' }),
    hinge(OP, { id: 'multi-margin-weight-of-class-j', expect: 'killed', description: 'weights each term by weight[j], not weight[y]' }, { weightOf: 'j' }),
    hinge(OP, { id: 'multi-margin-margin-sign-flipped', expect: 'killed', description: 'max(0, margin + x[y] − x[j]): the scores swapped, as if the margin had the other sign' }, { swapped: true }),
    hinge(OP, { id: 'multi-margin-own-class-excluded', expect: 'killed', rule: 'multi-margin-own-class-subtracted', description: "the page's formula: the sum over j ≠ y, nothing subtracted" }, { own: 'excluded' }),
    hinge(OP, { id: 'multi-margin-own-term-in-dtype', expect: 'passes', rule: 'multi-margin-own-class-subtracted', description: "margin^p / C in the input's dtype, not float32: inside the derived bound" }, { own: 'subtracted-in-dtype' }),
    hinge(OP, { id: 'multi-margin-weight-inside-power', expect: 'killed', rule: 'multi-margin-weight-outside-power', description: "the page's max(0, w[y]·(margin − x[y] + x[j]))^p" }, { weightInside: true }),
    hinge(OP, { id: 'multi-margin-pow-of-double', expect: 'passes', rule: 'pow-is-libm-pow', description: "pow taken in double and rounded once, where Paddle's packets and tail round otherwise: inside the derived bound" },
      {}),
    instead(OP, { id: 'multi-margin-p-ignored', expect: 'killed', description: 'computes p = 1 whatever p is' }, (r) => pOf(r) !== undefined, (r) => reference(withArgs(r, { p: undefined }))),
    instead(OP, { id: 'multi-margin-p-1-or-2-only', expect: 'killed', rule: 'multi-margin-p-unchecked', description: "refuses p other than 1 or 2 with ValueError, as PyTorch does" },
      (r) => pOf(r) !== undefined && ![1, 2].includes(num(pOf(r), 1)), (r) => ({ id: r.id, error: { type: 'ValueError', message: 'only p == 1 and p == 2 supported' } })),
    instead(OP, { id: 'multi-margin-label-must-be-1-d', expect: 'killed', rule: 'multi-margin-label-column', description: 'refuses a label that is not 1-D with ValueError' },
      (r) => { try { return labelOf(r).shape.length !== 1; } catch { return false; } }, (r) => ({ id: r.id, error: { type: 'ValueError', message: 'label must be 1-D' } })),
    instead(OP, { id: 'multi-margin-negative-label-wraps', expect: 'killed', rule: 'index-sample-range-checked', description: 'reads a label −k as class C − k, as Python indexing does' },
      (r) => { try { return valuesOf(labelOf(r)).some((v) => v < 0); } catch { return false; } },
      (r) => {
        const c = decodeTensor(tensorOf(r, 'input')).shape.at(-1) ?? 1;
        const t = labelOf(r);
        return reference({ ...r, inputs: { ...r.inputs, label: encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map((v) => (v < 0 ? v + c : v)))) } });
      }),
    instead(OP, { id: 'multi-margin-grad-keeps-negative-zero', expect: 'killed', rule: 'index-sample-grad-from-zero', bitwiseOnly: true, description: "scatters the upstream without adding it to zeros: a −0 upstream leaves −0 gradients" },
      (r) => r.grad_output !== undefined && valuesOf(decodeTensor(r.grad_output)).some((v) => Object.is(v, -0)),
      (r) => { const res = reference(r); return res.grad ? { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([k, t]) => [k, mapValues(t, (v) => (Object.is(v, 0) ? -0 : v))])) } : res; }),
    reductionCheckedLast(OP, 'multi-margin-reduction-checked-last', 'multi-margin-reduction-checked-first'),
    layerIgnoresLegacyArguments(OP, 'multi-margin-layer-ignores-legacy-arguments', 'multi-margin-layer-legacy-arguments'),
    sumAndMeanSwapped(OP, 'multi-margin-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'multi-margin-mean-grad-not-divided-by-n'),
    hinge(OP, { id: 'multi-margin-class-mean-times-reciprocal', expect: 'passes', rule: 'mean-along-last-axis-sum-then-divide', description: 'the class mean as the row sum times round(1 / C): inside the derived bound' }, { reciprocal: true }),
    instead(OP, { id: 'multi-margin-clip-nan-is-zero', expect: 'killed', rule: 'clip-keeps-nan', description: "clips a NaN to 0 (relu's max(v, 0)): a NaN score of another class adds nothing" },
      (r) => nanOffLabel(r) !== undefined, (r) => reference({ ...r, inputs: { ...r.inputs, input: nanOffLabel(r)! } })),
    instead(OP, { id: 'multi-margin-clip-grad-zero-at-kink', expect: 'killed', rule: 'clip-grad-passes-at-bounds', description: "gives gradient 0 where margin − x[y] + x[j] is exactly 0 (relu's rule; Paddle's clip passes it)" },
      (r) => r.grad !== undefined && kinks(OP, r).some((k) => k.length > 0), (r) => withoutKinks(OP, r)),
    instead(OP, { id: 'multi-margin-promotes-all-to-float64', expect: 'killed', rule: 'promotion-float-dtypes-widen', description: 'casts a float32 input to float64 when the weight is float64 and computes everything there, where Paddle widens at the multiply' },
      (r) => r.inputs.weight !== undefined && decodeTensor(r.inputs.weight).dtype === 'float64' && decodeTensor(tensorOf(r, 'input')).dtype === 'float32',
      (r) => reference({ ...r, inputs: { ...r.inputs, input: castTo(tensorOf(r, 'input'), 'float64') } })),
    instead(OP, { id: 'multi-margin-promotes-int-with-float', expect: 'killed', rule: 'promotion-refuses-int-with-float', description: 'takes an integer input or weight as float32 (or the weight as the input\'s float dtype), where Paddle raises TypeError' },
      (r) => ['input', 'weight'].some((k) => r.inputs[k] && INTS.includes(decodeTensor(r.inputs[k]!).dtype)),
      (r) => {
        const x = decodeTensor(tensorOf(r, 'input'));
        const float = INTS.includes(x.dtype) ? 'float32' : (x.dtype as 'float32');
        const cast = (k: string) => (r.inputs[k] && INTS.includes(decodeTensor(r.inputs[k]!).dtype) ? { [k]: castTo(r.inputs[k]!, float) } : {});
        return reference({ ...r, inputs: { ...r.inputs, ...cast('input'), ...cast('weight') } });
      }),
    scaleAttributeInFloat32(OP, 'multi-margin-margin-in-float32', 'margin'),
    meanOfEmptyIsZero(OP, 'multi-margin-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'multi-margin-sum-of-empty-raises', 'sum-of-empty-is-zero'),
  ];
}

const INTS = ['int32', 'int64', 'bool'];

/** The input with every NaN off the label's column set to −inf (its hinge then 0, as a NaN-dropping clip gives), or undefined when there is none. */
function nanOffLabel(r: PortRequest): TensorJson | undefined {
  try {
    const x = decodeTensor(tensorOf(r, 'input'));
    const y = valuesOf(decodeTensor(tensorOf(r, 'label')));
    const c = x.shape[1] ?? 0;
    if (x.shape.length !== 2 || !rounderOf(x.dtype)) return undefined;
    const xs = valuesOf(x);
    const off = (k: number): boolean => Number.isNaN(xs[k]) && y[Math.floor(k / c)] !== k % c;
    return xs.some((_, k) => off(k)) ? encodeTensor(fromValues(x.dtype, x.shape, xs.map((v, k) => (off(k) ? -Infinity : v)))) : undefined;
  } catch {
    return undefined;
  }
}

/** For each row, the classes j ≠ y where margin − x[y] + x[j] is exactly 0 in the dtype (p = 1, no weight, 'sum', upstream 1 only). */
function kinks(op: Op, r: PortRequest): number[][] {
  const { argsOf, reductionOf } = bindOp(op);
  if (r.grad_output || r.inputs.weight || reductionOf(r) !== 'sum' || num(argsOf(r).p, 1) !== 1) return [];
  const x = decodeTensor(tensorOf(r, 'input'));
  const round = rounderOf(x.dtype);
  if (!round || x.shape.length !== 2) return [];
  const [c, m] = [x.shape[1]!, num(argsOf(r).margin, 1)];
  const xs = valuesOf(x);
  return valuesOf(decodeTensor(tensorOf(r, 'label'))).map((y, i) =>
    xs.slice(i * c, (i + 1) * c).flatMap((v, j) => (j !== y && round(round(m - xs[i * c + y]!) + v) === 0 ? [j] : [])));
}

/** The reference's answer with each kink's term taken out of input's gradient: 1/C less at x[j], 1/C more at x[y]. */
function withoutKinks(op: Op, r: PortRequest): ReturnType<Variant['handle']> {
  const res = op.reference(r);
  const g = res.grad?.input;
  if (!g) return res;
  const t = decodeTensor(g);
  const c = t.shape[1]!;
  const round = rounderOf(t.dtype)!;
  const values = valuesOf(t);
  const labels = valuesOf(decodeTensor(tensorOf(r, 'label')));
  kinks(op, r).forEach((js, i) => js.forEach((j) => {
    values[i * c + j] = round(values[i * c + j]! - 1 / c);
    values[i * c + labels[i]!] = round(values[i * c + labels[i]!]! + 1 / c);
  }));
  return { ...res, grad: { ...res.grad, input: encodeTensor(fromValues(t.dtype, t.shape, values)) } };
}
