/**
 * How far from Paddle's value a correct gaussian_nll_loss result may lie, and why. Paddle computes, per element
 * in the operands' dtype (reference/gaussian_nll_loss.ts), with v = max(var, epsilon) (clip, exact) and r = x − y:
 *
 *     L = ½ (log v + q),   q = r² / v,   then + ½ log(2π) when full
 *
 * A correct port may use another log (ELEMENTARY_ULPS ulps, a relative error ε = 4u) and group the same terms
 * otherwise (PyTorch's 0.5 · (log v + (x − y)² / var)). Per port, to first order: r is one rounding (u, doubled
 * by the square), the square and the division one each, so q is within 4u·|q|; log v within ε·|log v|; their sum
 * one more u of |log v| + |q|; the halving is exact; the constant's addition u·|L|. Two ports lie within twice
 * the sum of each other's, and the ½ halves it again:
 *
 *     A_i = ((ε + u)·|log v_i| + 5u·|q_i|) + 4τ,   r = 2u
 *
 * The gradients of input and label are ±r / v · g' (g' the element's upstream, over N for mean): the halving, the
 * division, the square's 2·r·g product and mean's division by N, four roundings per port, in any order:
 * r = 2·5u, with 4τ for a step that lands among the subnormals. A gradient summed down to a broadcast operand's
 * shape is compared exactly (its sum's cancellation has no relative bound). Every bound carries
 * FIRST_ORDER_SLACK; non-finite values must match.
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import type { RequestJson } from '../../case.js';
import { roundTo } from '../../floats.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, subnormalFloor, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of gaussian_nll_loss, over its signature: derived per element for the loss and the gradients. */
export function gaussianNllTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'gaussian_nll_loss: (ε + u)|log v| + 5u|q| + 4τ, r = 2u; ε = 4u per log', allowance: (r, f, u, tiny) => lossAllowance(signature, r, f, u, tiny) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'gaussian_nll_loss gradient: 2·5u|expected| + 4τ, same-shape operands', allowance: (r, f, u, tiny) => gradAllowance(r, f, u, tiny) },
  };
}

/** The loss's allowance per element of the unreduced loss. */
function lossAllowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const ops = field === 'output' ? operandsOf(signature, request) : undefined;
  if (!ops) return undefined;
  const eps = ELEMENTARY_ULPS * 2 * u;
  const absolute = Float64Array.from(ops.x, (x, i) => {
    const v = ops.v[i]!;
    const bound = ((eps + u) * Math.abs(Math.log(v)) + 5 * u * Math.abs(((x - ops.y[i]!) ** 2) / v)) * FIRST_ORDER_SLACK + subnormalFloor(tiny, 4);
    return Number.isFinite(bound) ? bound : 0; // a non-finite operand: the result must match exactly
  });
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: 'v = max(variance, epsilon), q = (input − label)² / v' };
}

/** The gradients' allowance: relative, where the operand has the loss's shape; undefined (exact) otherwise. */
function gradAllowance(request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const name = field.replace(/^grad\./, '');
  if (name !== 'input' && name !== 'label') return undefined;
  try {
    const [x, y] = [decodeTensor(request.inputs.input), decodeTensor(request.inputs.label)];
    if (x.shape.join() !== y.shape.join() || x.shape.length !== y.shape.length) return undefined;
  } catch {
    return undefined;
  }
  return { absolute: subnormalFloor(tiny, 4), relative: 2 * 5 * u * FIRST_ORDER_SLACK, inputs: 'relative only' };
}

/** input, label and the clamped variance, each element of the loss's shape; undefined where the request does not decode or broadcast. */
function operandsOf(signature: OpSignature, request: RequestJson): { x: number[]; y: number[]; v: number[] } | undefined {
  try {
    const [x, y, v] = ['input', 'label', 'variance'].map((n) => decodeTensor(request.inputs[n]!));
    const dtype = x!.dtype === 'float64' || y!.dtype === 'float64' || v!.dtype === 'float64' ? 'float64' : 'float32';
    const vShape = v!.shape.length === x!.shape.length - 1 ? [...v!.shape, 1] : v!.shape;
    const shape = broadcastShapes(broadcastShapes(x!.shape, y!.shape), vShape);
    const epsilon = argsOf(signature, request).epsilon ?? 1e-6;
    if (typeof epsilon !== 'number') return undefined;
    const at = (t: typeof x, s: readonly number[]): number[] => { const vs = valuesOf(t!); return Array.from(broadcastIndex(s, shape), (i) => vs[i]!); };
    return { x: at(x, x!.shape), y: at(y, y!.shape), v: at(v, vShape).map((s) => Math.max(s, roundTo(epsilon, dtype))) };
  } catch {
    return undefined;
  }
}
