/**
 * How far from Paddle's value a correct soft_margin_loss result may lie, and
 * why. Paddle computes, element by element in the input's dtype,
 *
 *     z = -label · input          (one rounding: every port gets the same z)
 *     e = exp(z)                  (Eigen's polynomial or the C library's)
 *     s = 1 + e                   (one rounding)
 *     L = log(s)                  (the C library's)
 *
 * and a correct port may use another exp and log (and compute in a wider
 * type). Each is allowed ELEMENTARY_ULPS = 2 ulps, a relative error of
 * ε = 4u. Then, to first order:
 *
 *     e'  = e(1 + δe),          |δe| ≤ ε
 *     s'  = (1 + e')(1 + δs),   |δs| ≤ u
 *         = (1 + e)(1 + ρ),     |ρ| ≤ ε·e/(1 + e) + u
 *     L'  = (log(1 + e) + ρ)(1 + δl),   |δl| ≤ ε
 *     |L' − L| ≤ ε·e/(1 + e) + u + ε·|L|
 *
 * Two such ports (Paddle and the one under test) lie within twice that of
 * each other: A_i = 2(ε·e_i/(1 + e_i) + u), r = 2ε. The absolute part is
 * real: where 1 + e rounds, log(s) is off by up to u whatever the loss, which
 * is many ulps of a small loss.
 *
 * Except where 1 + e cannot round at all: when e·(1 + ε) ≤ u, every port's
 * e' is at most u, 1 + e' rounds to 1 (1 + u is a tie, and ties go to the
 * even 1), and the loss is log(1) = 0 exactly. There A_i = 0, which is where
 * log1p(exp(z)) (e instead of 0) and a softplus port are told apart from
 * Paddle (rule `soft-margin-one-plus-exp-absorbs-small`).
 *
 * The gradient is g · (1/s) · e · (−label) in any order (Paddle rounds each
 * product; a sigmoid form g·(−label)/(1 + exp(−z)) has the same error
 * terms): per port e (ε), s (ε + u), the reciprocal or division (u) and
 * three products (3u), at most 2ε + 5u relative, so r = 2(2ε + 5u). Where e
 * is subnormal its error is absolute, up to one subnormal step per port,
 * scaled by |g·label|: A_i = 4·MIN_SUBNORMAL·|g·label_i|.
 *
 * Every bound is multiplied by FIRST_ORDER_SLACK for the dropped products
 * of two errors. Where exp overflows the loss is inf (rule
 * `soft-margin-exp-overflows-to-inf`) and non-finite values must match.
 */
import type { RequestJson } from '../../case.js';
import { MIN_SUBNORMAL, roundTo } from '../../floats.js';
import { reductionOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf, type WireTensor } from '../../wire.js';

/** The tolerance policies of soft_margin_loss, over its signature: derived per element for the loss and the gradient. */
export function softMarginTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'soft margin: 2(ε·e/(1+e) + u) + 2ε|L|, 0 where 1 + e cannot round; ε = 4u per exp and log', allowance: lossAllowance },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'soft margin gradient: 2(2ε + 5u)|expected|; ε = 4u per exp', allowance: (request, field, u) => gradAllowance(signature, request, field, u) },
  };
}

/** The relative error each of exp and log is allowed: ELEMENTARY_ULPS ulps, at most 2u each. */
function elementary(u: number): number {
  return 2 * ELEMENTARY_ULPS * u;
}

/** The loss's allowance per element, from z = −label·input of the request. */
function lossAllowance(request: RequestJson, field: string, u: number): Allowance | undefined {
  if (field !== 'output') return undefined;
  const operands = operandsOf(request);
  if (!operands) return undefined;
  const eps = elementary(u);
  const dtype = operands.input.dtype === 'float64' ? 'float64' : 'float32';
  const absolute = Float64Array.from(exponentials(operands), (e) => {
    if (!(e >= 0) || !Number.isFinite(roundTo(e, dtype))) return 0; // NaN, or exp overflows: non-finite results must match anyway
    if (e * (1 + eps) <= u) return 0; // 1 + e rounds to 1 in every port: the loss is exactly 0
    return 2 * (eps * (e / (1 + e)) + u) * FIRST_ORDER_SLACK;
  });
  const absorbed = absolute.filter((a) => a === 0).length;
  return { absolute, relative: 2 * eps * FIRST_ORDER_SLACK, inputs: `e = exp(−label·input) per element; ${absorbed} of ${absolute.length} where 1 + e cannot round` };
}

/** The gradient's allowance: relative, with a subnormal step where exp underflows. */
function gradAllowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  if (field !== 'grad.input') return undefined;
  const operands = operandsOf(request);
  if (!operands) return undefined;
  const eps = elementary(u);
  const tiny = MIN_SUBNORMAL[operands.input.dtype === 'float64' ? 'float64' : 'float32'];
  const g = upstreamScale(signature, request, operands.label.shape.reduce((a, b) => a * b, 1));
  const absolute = Float64Array.from(valuesOf(operands.label), (y) => 4 * tiny * Math.abs(g * y));
  return { absolute, relative: 2 * (2 * eps + 5 * u) * FIRST_ORDER_SLACK, inputs: `|g| ≤ ${g}` };
}

/** input and label of a well-formed request of equal shapes; undefined otherwise (an error case, compared exactly). */
function operandsOf(request: RequestJson): { input: WireTensor; label: WireTensor } | undefined {
  try {
    const input = decodeTensor(request.inputs.input);
    const label = decodeTensor(request.inputs.label);
    return input.shape.join() === label.shape.join() && input.shape.length === label.shape.length ? { input, label } : undefined;
  } catch {
    return undefined;
  }
}

/** exp(z) per element, with z = −label·input rounded as Paddle rounds it (label cast to the input's dtype). */
function exponentials({ input, label }: { input: WireTensor; label: WireTensor }): number[] {
  const dtype = input.dtype === 'float64' ? 'float64' : 'float32';
  const y = valuesOf(label);
  return valuesOf(input).map((x, i) => Math.exp(roundTo(-roundTo(y[i]!, dtype) * x, dtype)));
}

/** The largest |upstream gradient| an element can get: grad_output's largest magnitude (1 without it), over n for mean. */
function upstreamScale(signature: OpSignature, request: RequestJson, n: number): number {
  const g = request.grad_output ? largestMagnitude(request.grad_output) : 1;
  return reductionOf(signature, request) === 'mean' && n > 0 ? g / n : g;
}

/** max |v| of a tensor (1 when it does not decode: the request is then refused elsewhere). */
function largestMagnitude(json: unknown): number {
  try {
    return valuesOf(decodeTensor(json)).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  } catch {
    return 1;
  }
}
