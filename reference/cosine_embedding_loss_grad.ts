/**
 * The gradients of the cosine embedding loss with respect to `input1` and
 * `input2`, following the backward pass of Paddle's graph op by op, on CPU,
 * with every step rounded to its dtype. With g the upstream gradient of a
 * loss element, c its cosine, D = denom, m₁, m₂ the squared norms (+ eps):
 *
 *     dcos    = -g·[label = 1] + g·[label = -1]·[0 <= cos - margin <= max]
 *     dprod   = dcos / D                       (divide's dx)
 *     dD      = (-dcos · cos) / D              (divide's dy)
 *     dP      = (0.5 · dD) / D                 (sqrt's backward, P = m₁·m₂)
 *     dm₁     = dP · m₂,   dm₂ = dP · m₁       (multiply's backward)
 *     dx1     = dprod · x2 + (dm₁ · 2) · x1    (multiply's and square's backward, summed)
 *     dx2     = dprod · x1 + (dm₂ · 2) · x2
 *
 * The label gets no gradient (it only feeds `label == 1`). Exactness: every
 * step is an IEEE operation Paddle performs the same way, so these values
 * are Paddle's bit for bit wherever the forward values are; for float32 rows
 * in whole 8-lane packets Paddle's sqrt is an approximation this reference
 * cannot reproduce (rule `cosine-float32-sqrt-fast-in-packets`), and D, and
 * so every gradient of that row, may then differ by a few ulps.
 */
import { sameShape } from './broadcast.js';
import { dtypeOf, type DType } from './dtype.js';
import { PaddleValueError } from './errors.js';
import {
  checkCosineCall,
  checkEmptyLoss,
  clipMax,
  cosineSteps,
  type CosineEmbeddingLossOptions,
  type CosineMargin,
} from './cosine_embedding_loss.js';
import { eigenSum, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { numel, Tensor } from './tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN, negate } from './x86_nan.js';

/** The gradients of the loss with respect to its two embeddings. */
export interface CosineGradients {
  /** d loss / d input1, with input1's shape and dtype. */
  readonly input1: Tensor;
  /** d loss / d input2, with input2's shape and dtype. */
  readonly input2: Tensor;
}

/**
 * d loss / d input1 and d loss / d input2 for
 * `cosineEmbeddingLoss(input1, input2, label, margin, reduction)`, given the
 * upstream gradient (ones of the loss's shape by default), with Paddle's
 * parameter order: `cosineEmbeddingLossGrad(input1, input2, label, margin = 0, reduction = 'mean', gradOutput)`.
 */
export function cosineEmbeddingLossGrad(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  margin: CosineMargin | CosineEmbeddingLossOptions = 0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
): CosineGradients {
  const call = checkCosineCall(input1, input2, label, margin, reduction, undefined);
  if (call.reduction !== 'none' && call.reduction !== 'mean' && call.reduction !== 'sum') {
    throw new PaddleValueError(`reduction ${String(call.reduction)} returns None in Paddle, which has no gradient.`);
  }
  const steps = cosineSteps(call);
  if (call.reduction !== 'none') checkEmptyLoss(steps.loss, call.reduction);
  const d = dtypeOf(call.dtype);
  const d1 = dtypeOf(call.square1Dtype);
  const d2 = dtypeOf(call.square2Dtype);
  const rows = numel(call.cosShape);
  const g = upstream(call.reduction, call.lossShape, d, gradOutput);
  // where's backward: each branch gets g where its condition holds and +0
  // elsewhere, summed back to the cosine's shape when the label broadcast it.
  const dPos = toCosShape(g.map((v, k) => (steps.isPositive[k] ? v : 0)), steps.cosAt, rows, d);
  const dNeg = toCosShape(g.map((v, k) => (steps.isNegative[k] ? v : 0)), steps.cosAt, rows, d);
  const dCos = new Float64Array(rows);
  const dm1 = new Float64Array(rows);
  const dm2 = new Float64Array(rows);
  const dProd = new Float64Array(rows);
  const max = clipMax(d);
  for (let r = 0; r < rows; r++) {
    // Rule `cosine-scale-grad-adds-zero`: the backward of every `scale` op
    // (`1 - cos`, `cos - margin`, `+ 10e-12`) is dout·scale + 0, and the + 0
    // turns -0 into +0; with a label of 0 the row's gradients are +0 except
    // where both of their terms are -0 (x1 = [.46, .82, -.20], x2 = [.54,
    // 1.04, -.21]: [0, 0, -0]). Confirmed against Paddle 3.3.1 with hooks.
    // scale(dout, -1) multiplies: a NaN dout keeps its sign.
    const fromPos = d.round(negate(dPos[r]!) + 0);
    const fromNeg = d.round((clipPasses(steps.shifted[r]!, max) ? dNeg[r]! : 0) + 0);
    dCos[r] = addKeepingFirstNaN(fromPos, fromNeg, d);
    const denom = d.round(steps.denom[r]!);
    dProd[r] = d.round(dCos[r]! / denom);
    const dDenom = d.round(mulKeepingFirstNaN(-dCos[r]!, steps.cos[r]!, d) / denom);
    const dP = d.round(d.round(0.5 * dDenom) / denom);
    dm1[r] = d1.round(d1.round(mulKeepingFirstNaN(dP, steps.magSquare2[r]!, d)) + 0);
    dm2[r] = d2.round(d2.round(mulKeepingFirstNaN(dP, steps.magSquare1[r]!, d)) + 0);
  }
  return {
    input1: embeddingGradient(input1, input2, dProd, dm1, rows, d, dtypeOf(input1.dtype), d1),
    input2: embeddingGradient(input2, input1, dProd, dm2, rows, d, dtypeOf(input2.dtype), d2),
  };
}

/**
 * Whether clip(v, min=0)'s backward passes the gradient at v.
 *
 * Rule `cosine-clip-grad-passes-at-kink`: since Paddle 3.1.0 clip's backward
 * passes the gradient where min <= v <= max, bounds included, so where
 * cos - margin == 0 exactly the loss is 0 and yet the label -1 gradient is
 * the full d cos (unlike relu's, which is 0 there); NaN and +inf (above max)
 * give 0. Confirmed against Paddle 3.3.1: [3, 4] against [4, 3], label -1,
 * margin float32(0.96) gives loss 0 and input1's gradient [0x3d378034,
 * 0xbd09a026], the same as one ulp below. Before 3.1.0 (2.6.2 and 3.0.0) the
 * bounds were excluded, min < v < max, so that gradient is [0, 0]: paddle.clip
 * (x, min=0)'s gradient at x = 0 and at FLT_MAX is 0 in Paddle 3.0.0 and 1 in
 * 3.1.0.
 */
function clipPasses(v: number, max: number): boolean {
  return paddleReleaseBefore('3.1.0') ? v > 0 && v < max : v >= 0 && v <= max;
}

/**
 * The gradient of one embedding x, from its two uses: the product with the
 * other embedding (dprod · other, in the loss dtype, cast back to x's
 * dtype) and its square ((dm · 2) · x, in x's square dtype), added.
 */
function embeddingGradient(
  x: Tensor,
  other: Tensor,
  dProd: Float64Array,
  dm: Float64Array,
  rows: number,
  d: DType,
  dx: DType,
  dsq: DType,
): Tensor {
  const n = x.size;
  const m = rows === 0 ? 0 : n / rows;
  const out = dx.allocate(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / m);
    const viaProduct = dx.round(mulKeepingFirstNaN(dProd[r]!, d.round(other.at(i)), d));
    const viaSquare = mulKeepingFirstNaN(dsq.round(dm[r]! * 2), dsq.round(x.at(i)), dsq);
    // Paddle 2.6.2 adds the square's contribution first, 3.0.0 on the
    // product's: where both are NaN, another one survives (input1 [0],
    // input2 [inf], upstream NaN: input2's gradient 0xffc00000 in 2.6.2,
    // 0x7fc00000 since).
    // Not through an array literal: V8 may store its numbers as doubles and
    // canonicalise a NaN there to +NaN (a cold call gave input2 0x7fc00000).
    const productFirst = !paddleReleaseBefore('3.0.0');
    const a = productFirst ? viaProduct : viaSquare;
    const b = productFirst ? viaSquare : viaProduct;
    dx.set(out, i, addKeepingFirstNaN(dx.round(a), dx.round(b), dx));
  }
  return new Tensor(x.dtype, x.shape, out);
}

/**
 * The gradient arriving at each element of the unreduced loss.
 *
 * Rule `cosine-mean-grad-divides-by-count`: mean's backward gives every
 * element g / N, one division rounded in the dtype; sum's gives g.
 * A grad_output of the wrong shape gets this reference's own ValueError.
 */
function upstream(reduction: Reduction, lossShape: number[], d: DType, gradOutput: Tensor | undefined): Float64Array {
  const n = numel(lossShape);
  const shape = reduction === 'none' ? lossShape : [];
  if (gradOutput !== undefined && !sameShape(gradOutput.shape, shape)) {
    throw new PaddleValueError(`grad_output has shape [${gradOutput.shape.join(', ')}] but the loss has shape [${shape.join(', ')}].`);
  }
  if (reduction === 'none') return Float64Array.from({ length: n }, (_, k) => d.round(gradOutput ? gradOutput.at(k) : 1));
  const g0 = d.round(gradOutput ? gradOutput.at(0) : 1);
  return new Float64Array(n).fill(reduction === 'sum' ? g0 : d.round(g0 / d.round(n)));
}

/**
 * Sums per-loss-element gradients back to the cosine's shape. When the
 * label broadcast a single cosine (1-D inputs, or one row) to L losses,
 * Paddle reduces the L values with a full sum (Eigen's order, as
 * `eigenSum`); otherwise the shapes agree and nothing is summed.
 */
function toCosShape(values: Float64Array, cosAt: Int32Array, rows: number, d: DType): Float64Array {
  if (values.length === rows) return values;
  if (rows === 1) return Float64Array.of(eigenSum(values, d));
  const sums = new Float64Array(rows);
  for (let k = 0; k < values.length; k++) sums[cosAt[k]!] = addKeepingFirstNaN(sums[cosAt[k]!]!, values[k]!, d);
  return sums;
}
