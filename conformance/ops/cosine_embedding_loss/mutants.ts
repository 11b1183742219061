/**
 * cosine_embedding_loss's mutants: realistic broken ports, each the reference
 * with one deliberate fault, and each rule's alternative (what a reasonable
 * port does where the documentation page is silent). None writes the loss
 * again: a mutant asks the reference with changed inputs or arguments
 * (transposed, reversed, rescaled, relabelled), or reads the reference's own
 * intermediate steps (cosineSteps) where it needs the cosine of a row. Every
 * mutant answers every request; where its fault does not apply it gives the
 * reference's answer.
 *
 *     loss = 1 - cos                       (label 1)
 *          = clip(cos - margin, min=0)     (label -1)
 *     cos  = Σ x1·x2 / sqrt((Σ x1² + 1e-11) · (Σ x2² + 1e-11))
 */
import { cosineSteps, type CosineSteps } from '../../../reference/cosine_embedding_loss.js';
import { scalarFromString } from '../../../reference/index.js';
import type { ErrorJson, ResponseJson } from '../../case.js';
import { MAX_FINITE } from '../../floats.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import {
  clipGradZeroAtBound,
  clipNanIsZero,
  clipUncapped,
  equalExact,
  fullSumsAsOneRow,
  rowSumsReversed,
  scaleAttributeUnrounded,
  scaleGradKeepsNegativeZeroAt,
  sqrtIeeeEverywhere,
  stringScalarByPythonFloat,
  whereRefusesBroadcast,
  withReferenceBits,
} from '../../mutants/kernel_alternatives.js';
import {
  bindOp,
  isValidReduction,
  mapValues,
  reshape,
  rounderOf,
  sizeOf,
  tensorOf,
  unreduced,
  isCatalogFloat,
} from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { PortRequest } from '../../port.js';
import { toReference } from '../../reference_bridge.js';
import { decodeScalar, decodeTensor, encodeTensor, fromValues, valuesOf, type TensorJson, type WireTensor } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

// ---------------------------------------------------------------- tools

type Op = Omit<OpDescriptor, 'mutants'>;

/** The two embeddings, which have gradients. */
const EMBEDDINGS = ['input1', 'input2'] as const;
type Embedding = (typeof EMBEDDINGS)[number];


/** A decoded request tensor. */
function wire(r: PortRequest, name: string): WireTensor {
  return decodeTensor(tensorOf(r, name));
}

/** The request with some tensors replaced. */
function withInputs(r: PortRequest, inputs: Partial<Record<'input1' | 'input2' | 'label', TensorJson>>): PortRequest {
  return { ...r, inputs: { ...r.inputs, ...inputs } };
}

/** The error of a request, with its id. */
function raise(r: PortRequest, error: ErrorJson): ResponseJson {
  return { id: r.id, error };
}

/** The margin as the reference reads it: absent is 0, {int} and {str} their value, the float keywords numbers. */
function marginArgument(op: Op, r: PortRequest): unknown {
  const { argsOf } = bindOp(op);
  const m = argsOf(r).margin;
  if (m === undefined) return 0;
  if (typeof m === 'object' && m !== null) return 'int' in m ? m.int : m.str;
  if (m === 'NaN' || m === 'Infinity' || m === '-Infinity') return decodeScalar(m, 'margin');
  return m;
}

/** The margin as a number, when it is one (a float, an int or a bool). */
function numericMargin(op: Op, r: PortRequest): number | undefined {
  const m = marginArgument(op, r);
  if (typeof m === 'boolean') return Number(m);
  return typeof m === 'number' ? m : undefined;
}

/** The reference's intermediate steps for a request (reduction 'none'), or undefined when the call raises. */
function stepsOf(op: Op, r: PortRequest): CosineSteps | undefined {
  try {
    const [a, b, y] = (['input1', 'input2', 'label'] as const).map((n) => toReference(wire(r, n)));
    return cosineSteps(a, b, y, marginArgument(op, r));
  } catch {
    return undefined;
  }
}

/** A 2-D tensor JSON transposed. */
function transpose(json: TensorJson): TensorJson {
  const t = decodeTensor(json);
  const [n, m] = [t.shape[0]!, t.shape[1]!];
  const v = valuesOf(t);
  return encodeTensor(fromValues(t.dtype, [m, n], Array.from({ length: n * m }, (_, i) => v[(i % n) * m + Math.floor(i / n)]!)));
}

/** A response's gradients passed through `f`, by name. */
function mapGrads(res: ResponseJson, f: (t: TensorJson, name: string) => TensorJson): ResponseJson {
  if (!res.grad) return res;
  return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([n, t]) => [n, f(t, n)])) };
}

/**
 * A response whose unreduced loss is `edit` of the reference's, reduced as
 * the request asks (viaUnreduced), for float32/float64 results only.
 */
function editLoss(op: Op, r: PortRequest, edit: (loss: number[], round: (x: number) => number) => number[]): ResponseJson {
  const { viaUnreduced } = bindOp(op);
  return viaUnreduced(r, edit);
}

/** The unreduced loss of a request, as numbers; undefined when it raises or returns None. */
function lossValues(op: Op, r: PortRequest): number[] | undefined {
  const out = unreduced(op, r).output;
  return out ? valuesOf(decodeTensor(out)) : undefined;
}

/** Both inputs multiplied by s (rounded to their dtype), the label and arguments kept. */
function scaled(r: PortRequest, s: number): PortRequest {
  return withInputs(r, { input1: mapValues(tensorOf(r, 'input1'), (v) => v * s), input2: mapValues(tensorOf(r, 'input2'), (v) => v * s) });
}

/**
 * The power of two that lifts the request's largest magnitude to 2^28: large
 * enough that 1e-11 vanishes beside every squared norm that is not tiny
 * relative to the largest, small enough that the product of two squared norms
 * of 64 values stays finite in float32. Undefined for all-zero or non-finite inputs.
 */
function liftingScale(r: PortRequest): number | undefined {
  const values = EMBEDDINGS.flatMap((n) => valuesOf(wire(r, n)));
  const max = Math.max(0, ...values.map(Math.abs));
  if (!(max > 0) || !Number.isFinite(max)) return undefined;
  return 2 ** (28 - Math.ceil(Math.log2(max)));
}

/** Whether two numbers are the same value (NaN equals NaN). */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

// ---------------------------------------------------------------- plain bugs

/** No epsilon: a zero vector gives 0/0 = NaN where Paddle's 1e-11 gives cos 0. */
function epsilonDropped(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-epsilon-dropped',
    expect: 'killed',
    description: 'adds no epsilon to the squared norms: a zero vector gives cos = 0/0 = NaN (Paddle: 0, so loss 1 under label 1)',
    handle: (r) => {
      const steps = stepsOf(op, r);
      const round = steps && rounderOf(steps.loss.dtype);
      if (!steps || !round) return reference(r);
      const eps = round(1e-11);
      const zero = Array.from(steps.magSquare1, (m, i) => m === eps || steps.magSquare2[i] === eps);
      if (!zero.includes(true)) return reference(r);
      return editLoss(op, r, (loss) => loss.map((l, k) => (zero[steps.cosAt[k]!] && (steps.isPositive[k] || steps.isNegative[k]) ? NaN : l)));
    },
  };
}

/** Sums over axis 0 (the batch) instead of the last axis: the cosine of columns, not rows. */
function wrongReductionAxis(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-sums-over-axis-0',
    expect: 'killed',
    description: 'sums input1 * input2 and the squares over axis 0 instead of axis -1: cosines of the columns of [N, M] inputs (label [N] then fails to broadcast unless N == M)',
    handle: (r) => {
      if (wire(r, 'input1').shape.length !== 2 || wire(r, 'input2').shape.length !== 2) return reference(r);
      const res = reference(withInputs(r, { input1: transpose(tensorOf(r, 'input1')), input2: transpose(tensorOf(r, 'input2')) }));
      return mapGrads(res, transpose);
    },
  };
}

/** The where branches swapped: label 1 takes the clipped branch and label -1 takes 1 - cos. */
function labelSignFlipped(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-label-sign-flipped',
    expect: 'killed',
    description: 'swaps the two where branches (label 1 gets clip(cos - margin), label -1 gets 1 - cos), as a port testing label == -1 first would by mistake',
    handle: (r) => {
      const label = tensorOf(r, 'label');
      return label.dtype === 'bool' ? reference(r) : reference(withInputs(r, { label: mapValues(label, (y) => -y) }));
    },
  };
}

/** The margin added instead of subtracted: clip(cos + margin, 0). */
function marginAdded(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'cosine-margin-added',
    expect: 'killed',
    description: 'computes clip(cos + margin, 0) under label -1 instead of clip(cos - margin, 0)',
    handle: (r) => {
      const m = numericMargin(op, r);
      return m === undefined || m === 0 ? reference(r) : reference(withArgs(r, { margin: -m }));
    },
  };
}

/** The margin ignored: clip(cos, 0). */
function marginIgnored(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'cosine-margin-ignored',
    expect: 'killed',
    description: 'ignores the margin argument: clip(cos, 0) under label -1',
    handle: (r) => (numericMargin(op, r) === undefined ? reference(r) : reference(withArgs(r, { margin: undefined }))),
  };
}

/** No clip: cos - margin under label -1 even where it is negative (the page's formula read with the max(0, ·) dropped). */
function clipMissing(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-clip-missing',
    expect: 'killed',
    description: 'leaves out max(0, ·): under label -1 the loss is cos - margin even where that is negative',
    handle: (r) => {
      const steps = stepsOf(op, r);
      if (!steps) return reference(r);
      return editLoss(op, r, (loss, round) => loss.map((l, k) => (steps.isNegative[k] && !steps.isPositive[k] && steps.shifted[steps.cosAt[k]!]! < 0 ? round(steps.shifted[steps.cosAt[k]!]!) : l)));
    },
  };
}

/**
 * The backward without the squared norms' term: d cos / d x1 taken as
 * x2 / (|x1|·|x2|) only, forgetting -cos·x1/|x1|². Each row of Paddle's
 * gradient of x1 is a·x2 + b·x1; this port returns a·x2, found by solving
 * the 2×2 system of the row's dot products with x1 and x2 (in float64,
 * rounded to the dtype), so no part of the loss is written again.
 */
function gradMissingNormTerm(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-grad-missing-norm-term',
    expect: 'killed',
    description: "drops the -cos·x/|x|² term of d cos / d x: each gradient row is only the dot-product part, (d cos / |x1||x2|)·other",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad) return res;
      return mapGrads(res, (g, name) => {
        const self = wire(r, name);
        const other = wire(r, name === 'input1' ? 'input2' : 'input1');
        const round = rounderOf(self.dtype);
        if (!round || self.shape.length !== 2 || !sameShape(self, other)) return g;
        const m = self.shape[1]!;
        const gv = valuesOf(decodeTensor(g));
        const [x, o] = [valuesOf(self), valuesOf(other)];
        const out = gv.slice();
        for (let start = 0; start < gv.length; start += m) {
          const row = (v: number[]) => v.slice(start, start + m);
          const a = productPart(row(gv), row(x), row(o));
          if (a !== undefined) row(o).forEach((ov, j) => (out[start + j] = round(a * ov)));
        }
        return encodeTensor(fromValues(self.dtype, self.shape, out));
      });
    },
  };
}

/** Whether two tensors have one shape. */
function sameShape(a: WireTensor, b: WireTensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

/** The coefficient a of g = a·o + b·x, from g·o and g·x (Cramer's rule); undefined when x and o are parallel or not finite. */
function productPart(g: number[], x: number[], o: number[]): number | undefined {
  const dot = (p: number[], q: number[]) => p.reduce((s, v, i) => s + v * q[i]!, 0);
  const [oo, ox, xx, go, gx] = [dot(o, o), dot(o, x), dot(x, x), dot(g, o), dot(g, x)];
  const det = oo * xx - ox * ox;
  const a = (go * xx - gx * ox) / det;
  return det !== 0 && Number.isFinite(a) ? a : undefined;
}

// ---------------------------------------------------------------- rule alternatives
// What a reasonable port does where the documentation page is silent and
// Paddle has a named rule. Each must pass every spec case and fail a paddle
// case citing its rule; an alternative whose difference is a rounding the
// derived bound (tolerance.ts) allows is marked `passes` and must pass every case.

/** The source's ValueError checks of a request repaired, so only the ops' own errors remain. */
function repaired(r: PortRequest): PortRequest {
  const x2 = wire(r, 'input2');
  const shape: number[] = x2.shape.length <= 2 ? [...x2.shape] : [x2.shape[0]!, x2.shape.slice(1).reduce((a, b) => a * b, 1)];
  const rows = shape.length === 2 ? shape[0]! : 1;
  const ones = encodeTensor(fromValues('int64', [rows], new Array<number>(rows).fill(1)));
  const input1 = encodeTensor(fromValues('float32', shape, new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(1)));
  const input2 = x2.shape.length <= 2 ? tensorOf(r, 'input2') : reshape(tensorOf(r, 'input2'), shape);
  return { ...withInputs(r, { input1, input2, label: ones }), grad: undefined, grad_output: undefined };
}

/** Computes first and validates after: the ops' errors (type promotion, the square kernel, a None margin) win over the source's checks. */
function opsBeforeChecks(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-ops-errors-before-checks',
    expect: 'killed',
    rule: 'cosine-checks-in-source-order',
    description: "runs the computation before its own shape and dtype checks, so int32 input2 with a [3, 1] label raises multiply's TypeError instead of the label's ValueError",
    handle: (r) => {
      const res = reference(r);
      if (res.error?.type !== 'ValueError') return res;
      const opsError = reference(repaired(r)).error;
      return opsError && opsError.type !== 'ValueError' ? raise(r, opsError) : res;
    },
  };
}

/** 0-D inputs refused as neither 1-D nor 2-D. */
function zeroDRefused(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-zero-d-inputs-refused',
    expect: 'killed',
    rule: 'cosine-one-d-input-is-one-pair',
    description: 'refuses 0-D inputs with the rank ValueError, reading the page\'s "[N, M] or [M]" strictly (Paddle takes them as one-element vectors)',
    handle: (r) => {
      const res = reference(r);
      if (res.error || wire(r, 'input1').shape.length !== 0) return res;
      return raise(r, { type: 'ValueError', message: '1D target tensor expects 1D or 2D input tensors, but found inputs with different sizes' });
    },
  };
}

/** Checks input2's dtype as input1's, with the same ValueError. */
function input2DtypeChecked(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-input2-dtype-checked',
    expect: 'killed',
    rule: 'cosine-input1-dtype-only',
    description: "checks input2's dtype as well as input1's (ValueError for anything but float32/float64; Paddle lets multiply and square fail instead, or promotes)",
    handle: (r) => {
      const res = reference(r);
      const dtype = wire(r, 'input2').dtype;
      if (isCatalogFloat(dtype)) return res;
      // Only where Paddle's own source checks have passed: a different error from repaired operands means an op raised.
      if (res.error?.type === 'ValueError' && !res.error.message.includes('Broadcast')) return res;
      return raise(r, { type: 'ValueError', message: "The data type of input Variable must be 'float32' or 'float64'" });
    },
  };
}

/**
 * PyTorch's epsilon, 1e-12 (at::cosine_embedding_loss's EPSILON) in the same
 * place. Where the epsilon changes nothing (the loss equals that of the
 * inputs scaled by a power of two, beside which 1e-11 vanishes) the
 * reference's element is kept; elsewhere the loss of the inputs scaled by
 * √10 stands in, which is the loss with eps / 10 up to a few roundings.
 */
function torchEpsilon(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-torch-epsilon',
    expect: 'killed',
    rule: 'cosine-eps-added-to-each-squared-norm',
    description: "adds PyTorch's 1e-12 to each squared norm instead of Paddle's 10e-12 (1e-11): tiny vectors' cosines change (1e-6 against itself: 1/2 instead of 1/11)",
    handle: (r) => {
      const lift = liftingScale(r);
      const base = lossValues(op, r);
      if (lift === undefined || !base || !isCatalogFloat(wire(r, 'input1').dtype)) return reference(r);
      const lifted = lossValues(op, scaled(r, lift));
      const tenth = lossValues(op, scaled(r, Math.sqrt(10)));
      if (!lifted || !tenth || lifted.length !== base.length) return reference(r);
      if (base.every((l, k) => same(l, lifted[k]!))) return reference(r);
      return editLoss(op, r, (loss) => loss.map((l, k) => (same(l, lifted[k]!) ? l : tenth[k]!)));
    },
  };
}

/** margin=None taken as the default 0. */
function marginNoneIsZero(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'cosine-margin-none-is-0',
    expect: 'killed',
    rule: 'cosine-margin-none-refused',
    description: 'treats margin=None as the default 0 (Paddle raises TypeError from __sub__)',
    handle: (r) => (argsOf(r).margin === null ? reference(withArgs(r, { margin: undefined })) : reference(r)),
  };
}

/**
 * The page's formula with its example's clip, max(0, max(0, cos) - margin),
 * under label -1 (rule cosine-clip-after-margin): the same as Paddle's
 * clip(cos - margin, min=0) wherever margin >= 0; under a negative margin a
 * negative cosine gives clip(-margin) and passes no gradient. Those losses
 * are the rounded -margin, capped as clip caps it (what Paddle gives for
 * cos = 0); their gradients are dropped by relabelling them 0, so no branch
 * selects them.
 */
function clipOfClippedCosine(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-clip-of-clipped-cosine',
    expect: 'killed',
    rule: 'cosine-clip-after-margin',
    description: "takes max(0, max(0, cos) - margin) under label -1, the page's formula with its example's clip: with a negative margin a negative cos gives -margin and no gradient (cos -0.71, margin -1: 1; Paddle clip(cos - margin, 0) = 0.29)",
    handle: (r) => {
      const steps = stepsOf(op, r);
      const m = numericMargin(op, r);
      if (!steps || m === undefined || !(m < 0) || !isCatalogFloat(steps.loss.dtype)) return reference(r);
      const flat = Array.from(steps.cosAt, (c, k) => Boolean(steps.isNegative[k]) && steps.cos[c]! < 0);
      if (!flat.includes(true)) return reference(r);
      const max = MAX_FINITE[steps.loss.dtype];
      const res = editLoss(op, r, (loss, round) => loss.map((l, k) => (flat[k] ? Math.min(round(-m), max) : l)));
      const grad = res.grad && relabelled(op, r, flat);
      return withReferenceBits(grad ? { ...res, grad } : res, reference(r));
    },
  };
}

/** The gradients with the marked loss elements' labels set to 0 (a label [1] spread over every element first), so no branch selects them. */
function relabelled(op: Op, r: PortRequest, marked: readonly boolean[]): ResponseJson['grad'] | undefined {
  const { reference } = bindOp(op);
  const label = wire(r, 'label');
  const values = valuesOf(label);
  if (values.length !== marked.length && values.length !== 1) return undefined;
  const spread = marked.map((m, k) => (m ? 0 : values[values.length === 1 ? 0 : k]!));
  return reference(withInputs(r, { label: encodeTensor(fromValues(label.dtype, [marked.length], spread)) })).grad;
}

/** Labels tested with > 0: positive labels take 1 - cos, all others the clipped branch. */
function labelsBySign(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-labels-tested-with-gt-0',
    expect: 'killed',
    rule: 'cosine-other-labels-contribute-zero',
    description: 'takes 1 - cos for any label > 0 and clip(cos - margin) for any other (0, -2, NaN): every row contributes',
    handle: (r) => {
      const label = tensorOf(r, 'label');
      if (label.dtype === 'bool') return reference(r);
      return reference(withInputs(r, { label: mapValues(label, (y) => (y > 0 ? 1 : -1)) }));
    },
  };
}

/** The functional form refuses an unknown reduction as the layer does, instead of returning None. */
function functionalChecksReduction(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'cosine-functional-checks-reduction',
    expect: 'killed',
    rule: 'cosine-functional-reduction-unchecked',
    description: "raises ValueError for a reduction other than 'none', 'mean', 'sum' in the functional form (Paddle computes and returns None)",
    handle: (r) => {
      const red = reductionOf(r);
      if (r.api !== op.functional || isValidReduction(red)) return reference(r);
      return raise(r, { type: 'ValueError', message: `The value of 'reduction' should be 'sum', 'mean' or 'none', but received ${String(red)}, which is not allowed.` });
    },
  };
}

/** The layer takes any margin, as the functional form does. */
function layerMarginUnchecked(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-layer-margin-unchecked',
    expect: 'killed',
    rule: 'cosine-layer-checks-margin-then-reduction',
    description: 'lets the layer take a margin outside [-1, 1] (Paddle raises ValueError at construction)',
    handle: (r) => {
      const res = reference(r);
      if (r.api !== op.layer || !res.error?.message.startsWith("The value of 'margin'")) return res;
      const { init, ...rest } = r;
      return reference({ ...rest, api: op.functional, kwargs: init ?? {} });
    },
  };
}



/**
 * sqrt(m₁)·sqrt(m₂) instead of sqrt(m₁·m₂): the alternative of rule
 * cosine-norms-multiplied-before-sqrt. Where the product is finite this is
 * one rounding more, inside the bound (at most 2 ulps over the goldens), so
 * it passes every spec case; where m₁·m₂ overflows and the two roots do not
 * (float32 rows near 2^60, float64 near 2^500) Paddle's cosine is dot/inf = 0
 * and this port's a finite value (0.4008 under label -1 with margin 0.25),
 * which the paddle cases citing the rule catch. The denominator is the only step that
 * changes, so the loss is rebuilt from the reference's own steps (the dot
 * product, the squared norms and each element's branch) with that
 * denominator: 1 - cos for label 1, clip(cos + float(-margin), 0, max) for
 * label -1, 0 otherwise. Gradients are the reference's.
 */
function sqrtEachNorm(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'cosine-sqrt-of-each-norm',
    expect: 'killed',
    rule: 'cosine-norms-multiplied-before-sqrt',
    description: 'takes sqrt(Σx1² + eps)·sqrt(Σx2² + eps) instead of sqrt of their product: the same within the bound, but finite where Paddle\'s product overflows to inf (cos 0): 0.4008 where Paddle gives 0',
    handle: (r) => {
      const steps = stepsOf(op, r);
      const margin = numericMargin(op, r) ?? (typeof marginArgument(op, r) === 'string' ? scalarFromString(marginArgument(op, r) as string) : undefined);
      if (!steps || margin === undefined || !isCatalogFloat(steps.loss.dtype)) return reference(r);
      const max = MAX_FINITE[steps.loss.dtype];
      return withReferenceBits(editLoss(op, r, (loss, round) => {
        const bias = round(-margin);
        const cos = Array.from(steps.prodSum, (p, i) => round(p / round(round(Math.sqrt(steps.magSquare1[i]!)) * round(Math.sqrt(steps.magSquare2[i]!)))));
        return loss.map((l, k) => {
          const c = cos[steps.cosAt[k]!]!;
          // A row whose packet sqrt gave NaN (+inf squared norms) keeps the reference's NaN.
          if (Number.isNaN(steps.denom[steps.cosAt[k]!]!)) return l;
          if (steps.isPositive[k]) return round(1 - c);
          if (!steps.isNegative[k]) return l;
          const v = round(c + bias);
          return Number.isNaN(v) ? v : Math.min(Math.max(v, 0), max);
        });
      }), reference(r));
    },
  };
}

// ---------------------------------------------------------------- the primitives' rules, by their builders

/** Clip's input at each loss element under label -1, the only elements that are clip's output (rules clip-*). */
function clipInputs(op: Op, r: PortRequest): (number | undefined)[] | undefined {
  const steps = stepsOf(op, r);
  return steps && Array.from(steps.cosAt, (c, k) => (steps.isNegative[k] ? steps.shifted[c]! : undefined));
}

/** The gradients with the clipped elements' labels set to 0, so no branch selects them (rule clip-grad-passes-at-bounds). */
function withoutClip(op: Op, r: PortRequest, atBound: readonly boolean[]): ResponseJson['grad'] | undefined {
  const { reference } = bindOp(op);
  const label = tensorOf(r, 'label');
  if (sizeOf(label) !== atBound.length) return undefined;
  return reference(withInputs(r, { label: mapValues(label, (y, k) => (atBound[k] ? 0 : y)) })).grad;
}

/**
 * The output under a correctly rounded sqrt (rule sqrt-float32-fast-in-packets):
 * where the product of a row's squared norms is +inf in a float32 packet,
 * Paddle's sqrt gives NaN (so the cosine is NaN); sqrt(+inf) = +inf makes a
 * finite dot product's cosine 0, the loss of a zero row.
 */
function ieeeOutput(op: Op, r: PortRequest): TensorJson | undefined {
  const { reference } = bindOp(op);
  const steps = stepsOf(op, r);
  const x = wire(r, 'input1');
  if (!steps || x.shape.length !== 2 || !sameShape(x, wire(r, 'input2'))) return undefined;
  const rows = Array.from(steps.product, (p, i) => p === Infinity && Number.isNaN(steps.denom[i]!) && Number.isFinite(steps.prodSum[i]!));
  if (!rows.includes(true)) return undefined;
  const m = x.shape[1]!;
  const zeroed = (n: Embedding) => mapValues(tensorOf(r, n), (v, i) => (rows[Math.floor(i / m)] ? 0 : v));
  return reference({ ...withInputs(r, { input1: zeroed('input1'), input2: zeroed('input2') }), grad: undefined, grad_output: undefined }).output ?? undefined;
}

/** The loss with `cos - m` taken in float64 and rounded once (rule scale-attributes-in-dtype), from the reference's own steps. */
function unroundedMargin(op: Op, r: PortRequest, m: number): number[] | undefined {
  const steps = stepsOf(op, r);
  const loss = lossValues(op, r);
  if (!steps || !loss) return undefined;
  const clip = (v: number) => (Number.isNaN(v) ? v : Math.min(Math.max(v, 0), MAX_FINITE.float32));
  return loss.map((l, k) => (steps.isNegative[k] ? clip(Math.fround(steps.cos[steps.cosAt[k]!]! - m)) : l));
}

/**
 * Where a gradient's zero takes the other sign without scale's + 0 (rule
 * scale-grad-adds-zero): in a row whose d cos is zero (no branch selected,
 * or clipped), an element is -0 where other < 0 and sign(cos) = sign(self),
 * instead of Paddle's -0 only where other < 0 and self < 0 (dm = +0 there).
 */
function negativeZeroFlips(op: Op, r: PortRequest, res: ResponseJson): Record<string, (k: number) => boolean> | undefined {
  const steps = stepsOf(op, r);
  const x = wire(r, 'input1');
  if (!steps || x.shape.length !== 2 || !sameShape(x, wire(r, 'input2'))) return undefined;
  const m = x.shape[1]!;
  return Object.fromEntries(Object.keys(res.grad ?? {}).map((name) => {
    const g = valuesOf(decodeTensor(res.grad![name]!));
    const self = valuesOf(wire(r, name));
    const other = valuesOf(wire(r, name === 'input1' ? 'input2' : 'input1'));
    return [name, (i: number) => {
      const c = steps.cos[Math.floor(i / m)]!;
      if (c === 0 || !Number.isFinite(c)) return false;
      const wanted = other[i]! < 0 && Math.sign(c) === Math.sign(self[i]!) ? -0 : 0;
      return !Object.is(g[i], wanted);
    }];
  }));
}

/** The shapes where's condition and operands have: the label's, and one cosine per row (or one for a pair). */
const labelAndCosines = (r: PortRequest): readonly [readonly number[], readonly number[]] => {
  const x = wire(r, 'input1');
  return [wire(r, 'label').shape, [x.shape.length === 2 ? x.shape[0]! : 1]];
};

/** cosine_embedding_loss's mutants and rule alternatives: each `killed` one must be caught by a golden case, each `passes` one (inside the bound) pass them all. */
export function cosineMutants(OP: Op): readonly Variant[] {
  return [
    epsilonDropped(OP),
    wrongReductionAxis(OP),
    labelSignFlipped(OP),
    marginAdded(OP),
    marginIgnored(OP),
    clipMissing(OP),
    gradMissingNormTerm(OP),
    sumAndMeanSwapped(OP, 'cosine-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'cosine-mean-grad-not-divided-by-n'),
    opsBeforeChecks(OP),
    zeroDRefused(OP),
    input2DtypeChecked(OP),
    torchEpsilon(OP),
    marginNoneIsZero(OP),
    labelsBySign(OP),
    clipOfClippedCosine(OP),
    functionalChecksReduction(OP),
    layerMarginUnchecked(OP),
    sqrtEachNorm(OP),
    whereRefusesBroadcast(OP, 'cosine-label-not-broadcast', labelAndCosines),
    equalExact(OP, 'cosine-labels-compared-exactly', 'label', [1, -1], 0),
    rowSumsReversed(OP, 'cosine-row-sums-right-to-left', EMBEDDINGS),
    fullSumsAsOneRow(OP, 'cosine-full-sums-left-to-right', EMBEDDINGS),
    sqrtIeeeEverywhere(OP, 'cosine-sqrt-ieee-everywhere', (r) => ieeeOutput(OP, r)),
    scaleAttributeUnrounded(OP, 'cosine-margin-not-rounded', 'margin', (r, m) => unroundedMargin(OP, r, m)),
    scaleGradKeepsNegativeZeroAt(
      OP, 'cosine-scale-grad-keeps-negative-zero',
      "keeps -0 through the scale ops' backward (dout·scale without + 0), so zero gradients of a dead row take the cosine's sign: [.46, .82, -.20] against [.54, 1.04, -.21] under label 0 gives +0 where Paddle gives -0",
      (r, res) => negativeZeroFlips(OP, r, res),
    ),
    stringScalarByPythonFloat(OP, 'cosine-string-margin-by-python-float', 'margin'),
    clipNanIsZero(OP, 'cosine-clip-nan-is-0', (r) => clipInputs(OP, r)),
    clipUncapped(OP, 'cosine-clip-uncapped', (r) => clipInputs(OP, r)),
    clipGradZeroAtBound(OP, 'cosine-clip-grad-zero-at-kink', (r) => clipInputs(OP, r), (r, atBound) => withoutClip(OP, r, atBound)),
    meanOfEmptyIsZero(OP, 'cosine-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'cosine-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    meanGradTimesReciprocal(OP, 'cosine-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
  ];
}
