/**
 * How far from Paddle's value a correct cross_entropy result may lie, and why; the log-softmax bound is
 * exported for every loss over a softmax (logSoftmaxBound, softmaxGradBound).
 *
 * A port computes, per column of C classes, z_j = x_j − max x (one rounding, u|z_j|), e_j = exp(z_j) (ε_e =
 * ELEMENTARY_ULPS ulps), S = Σ e_j (any order: (C − 1)u relative, all terms positive), then log p_y =
 * z_y − log S or log(e_y / S) (a division or a reciprocal and a product, 2u; ε_l for the log). To first order
 * the relative error of p_y, or of e_y / S, is δ_p = ε_e + (C + 1)u, and the log turns it into an absolute
 * error δ_p plus ε_l + u of |log p_y| (the log's own and the final rounding, relative). The shift's rounding,
 * u|z_j|, moves log p_y by at most u|z_y| + u·max|z_j|·p_j ≤ 2u|log p_y| + u·64 (z is clipped at −64 by
 * Paddle, and a class below it weighs less than e^−64). Two ports each within that lie within twice it:
 *
 *     |Δ L| ≤ 2·(δ_p + 64u)·M + 2(ε_l + 3u)·|L|,    M = Σ_j |y_j| · |w| (1 for a hard label, unweighted)
 *
 * The gradient g·(p_j − y_j): p_j carries δ_p relative, the subtraction and the product u each, and
 * p_j ≤ |G_j / g| + |y_j|, so |Δ G_j| ≤ 2δ_p·|g|·|y_j| + 2(δ_p + u)·|G_j|. Without the softmax the loss is
 * −log p_y (ε_l relative, doubled) and the gradient −g / p_y (one division, doubled). A weighted or reduced
 * result scales M and g: |w| ≤ max|w|, and 'mean' divides by N or by the kept labels' Σw (the summation bound over that divisor, tolerance.ts). Every bound carries FIRST_ORDER_SLACK;
 * a non-finite value must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type MeanDivisor, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The absolute and relative parts of the bound on −log softmax(x)_y over C classes, for a label mass M (Σ|y|·|w|). */
export function logSoftmaxBound(classes: number, u: number, mass = 1): { absolute: number; relative: number } {
  const deltaP = ELEMENTARY_ULPS * u + (classes + 1) * u;
  return { absolute: 2 * (deltaP + 64 * u) * mass * FIRST_ORDER_SLACK, relative: 2 * (ELEMENTARY_ULPS * u + 3 * u) * FIRST_ORDER_SLACK };
}

/** The bound on g·(softmax(x)_j − y_j) over C classes, for an upstream scale |g| (with the weight and the mean's divisor). */
export function softmaxGradBound(classes: number, u: number, scale: number): { absolute: number; relative: number } {
  const deltaP = ELEMENTARY_ULPS * u + (classes + 1) * u;
  return { absolute: 2 * deltaP * scale * FIRST_ORDER_SLACK, relative: 2 * (deltaP + u) * FIRST_ORDER_SLACK };
}

/** The tolerance policies of cross_entropy over its signature. */
export function crossEntropyTolerance(signature: OpSignature, divisor: MeanDivisor): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'cross_entropy: log-softmax over C classes, 2(ε_e + (C + 1)u + 64u)·M + 2(ε_l + 3u)|L|', allowance: (r, f, u) => (f === 'output' ? allowance(signature, r, u, false) : undefined) },
    reduced: { kind: 'summation', divisor },
    grad: { kind: 'derived', derivation: 'cross_entropy gradient: g(p − y), 2(ε_e + (C + 1)u)|g||y| + 2(ε_e + (C + 2)u)|G|', allowance: (r, f, u) => (f === 'grad.input' ? allowance(signature, r, u, true) : undefined) },
  };
}

/** The largest |v| of a tensor of the request, or `fallback` when it is absent. */
function maxAbs(request: RequestJson, name: string, fallback: number): number {
  const t = name === 'grad_output' ? request.grad_output : request.inputs[name];
  if (t === undefined) return fallback;
  return valuesOf(decodeTensor(t)).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function allowance(signature: OpSignature, request: RequestJson, u: number, grad: boolean): Allowance | undefined {
  try {
    const args = argsOf(signature, request);
    const input = decodeTensor(request.inputs.input);
    const axisArg = args.axis;
    const axis = typeof axisArg === 'object' && axisArg !== null && 'int' in axisArg ? axisArg.int : -1;
    const classes = input.shape.at(axis) ?? 1;
    const label = decodeTensor(request.inputs.label);
    const soft = args.soft_label === true || (typeof args.label_smoothing === 'number' && args.label_smoothing > 0);
    const mass = (soft ? Math.max(1, maxAbs(request, 'label', 1) * classes) : 1) * Math.max(1, maxAbs(request, 'weight', 1));
    if (args.use_softmax === false) {
      const b = 2 * (ELEMENTARY_ULPS + 1) * u * FIRST_ORDER_SLACK;
      return { absolute: 0, relative: b, inputs: 'without the softmax: −log p (or −g/p), ε_l + u per port' };
    }
    const scale = mass * maxAbs(request, 'grad_output', 1);
    const b = grad ? softmaxGradBound(classes, u, scale) : logSoftmaxBound(classes, u, mass);
    return { ...b, inputs: `C = ${classes}, M = ${mass}${grad ? `, |g| ≤ ${scale}` : ''} (label ${label.dtype})` };
  } catch {
    return undefined;
  }
}
