/**
 * How far from Paddle's value a correct binary_cross_entropy result may lie, and why. Paddle
 * computes, per element in the input's dtype (reference/kernels/bce_loss.ts), with A = max(log(1 − x), −100)
 * and B = max(log x, −100),
 *
 *     L = (y − 1) · A − y · B,   then L · w,   dx = g · ((x − y) / max((1 − x) · x, 1e-12))
 *
 * A correct port may take another log (ELEMENTARY_ULPS ulps, a relative error ε = 4u), log1p(−x)
 * for log(1 − x) (PyTorch; the rounding of 1 − x is an absolute error u in A), and another
 * grouping. Per port, to first order: ε and the roundings of y − 1 and the two products on each
 * term, u absolute on A, then the difference and the weight's product relative to the result.
 * The clamp is continuous, so a log on either side of −100 changes nothing more. Two ports lie
 * within twice the sum:
 *
 *     A_j = 2((ε + 3u)(|y − 1|·|A| + |y|·|B|) + u|y − 1|)·|w_j|,   r = 2 · 2u
 *
 * The input's gradient is a chain of seven roundings at most (1 − x, the product, x − y, the
 * division, the upstream's product, the weight's, mean's division), all relative: r = 2 · 7u.
 * The weight's gradient is g · L per element, so where the weight has the loss's shape its bound
 * is |g_j|·A_j with r = 2 · 2u; a broadcast weight's is a sum, compared exactly (the
 * reference's order). Every bound carries FIRST_ORDER_SLACK; non-finite values must match.
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import type { RequestJson } from '../../case.js';
import { roundTo } from '../../floats.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of binary_cross_entropy: derived per element for the loss and the gradients. */
export const BINARY_CROSS_ENTROPY_TOLERANCE: TolerancePolicies = {
  output: { kind: 'derived', derivation: 'binary_cross_entropy: 2((ε + 3u)(|y − 1||A| + |y||B|) + u|y − 1|)|w| + 4u|L|; ε = 4u per log', allowance: (r, f, u) => (f === 'output' ? lossAllowance(r, u) : undefined) },
  reduced: { kind: 'summation' },
  grad: { kind: 'derived', derivation: "binary_cross_entropy gradients: input's 14u|expected|; weight's (of the loss's shape) |g|·A_j + 4u|expected|", allowance: (r, f, u) => gradAllowance(r, f, u) },
};

/** The loss's allowance per element of the (weighted, unreduced) loss. */
function lossAllowance(request: RequestJson, u: number): Allowance | undefined {
  const terms = termsOf(request, u);
  return terms && { absolute: terms.absolute, relative: 4 * u * FIRST_ORDER_SLACK, inputs: 'A = max(log(1 − x), −100), B = max(log x, −100), w the weight (1 when absent)' };
}

/** The gradients' allowances: input's relative; weight's per element where it has the loss's shape. */
function gradAllowance(request: RequestJson, field: string, u: number): Allowance | undefined {
  if (field === 'grad.input') return { absolute: 0, relative: 14 * u * FIRST_ORDER_SLACK, inputs: 'relative only' };
  if (field !== 'grad.weight') return undefined;
  const terms = termsOf(request, u, true);
  if (!terms || terms.shape.join() !== terms.weightShape.join()) return undefined;
  const g = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  const absolute = terms.absolute.map((a, j) => (g ? Math.abs(g[j] ?? 0) : 1) * a);
  return { absolute, relative: 4 * u * FIRST_ORDER_SLACK, inputs: '|g|·A_j, A_j the unweighted loss bound' };
}

/** A_j over the loss's (broadcast) shape; undefined for a request that does not decode or would raise. */
function termsOf(request: RequestJson, u: number, unweighted = false): { absolute: Float64Array; shape: readonly number[]; weightShape: readonly number[] } | undefined {
  try {
    const x = decodeTensor(request.inputs.input!);
    const y = decodeTensor(request.inputs.label!);
    const w = request.inputs.weight ? decodeTensor(request.inputs.weight) : undefined;
    if (x.shape.join() !== y.shape.join() || x.shape.length !== y.shape.length) return undefined;
    const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
    const shape = w ? broadcastShapes(x.shape, w.shape) : x.shape;
    const [xi, wi] = [broadcastIndex(x.shape, shape), w && broadcastIndex(w.shape, shape)];
    const [xs, ys, ws] = [valuesOf(x), valuesOf(y), w && valuesOf(w)];
    const eps = 2 * ELEMENTARY_ULPS * u;
    const absolute = Float64Array.from(xi, (i, j) => {
      const [v, t] = [roundTo(xs[i]!, dtype), roundTo(ys[i]!, dtype)];
      const [a, b] = [Math.max(Math.log(1 - v), -100), Math.max(Math.log(v), -100)];
      const weight = unweighted || !ws || !wi ? 1 : Math.abs(ws[wi[j]!]!);
      const bound = 2 * ((eps + 3 * u) * (Math.abs(t - 1) * Math.abs(a) + Math.abs(t) * Math.abs(b)) + u * Math.abs(t - 1)) * weight * FIRST_ORDER_SLACK;
      return Number.isFinite(bound) ? bound : 0; // a non-finite operand: the result must match exactly
    });
    return { absolute, shape, weightShape: w?.shape ?? x.shape };
  } catch {
    return undefined;
  }
}
