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
 * three products (3u), at most 2ε + 5u relative, so r = 2(2ε + 5u).
 *
 * Below the normal range those relative errors turn absolute (tolerance.ts,
 * Underflow: each rounding there is off by up to τ/2, τ the subnormal
 * spacing), and the gradient reaches it easily: e is subnormal for z below
 * −87.3 in float32, 1/s above 87.3, and g·e/s·label with them. Per port,
 * with g the element's upstream gradient (over N for mean):
 *
 *   - exp: where e is subnormal its 2 ulps are 2τ, reaching the gradient
 *     times |g·label|/s ≤ |g·label|: ELEMENTARY_ULPS·τ·|g·label|;
 *   - five roundings a port can make in any order (mean's g/N, the
 *     reciprocal or division by s, and the products by g, e and label),
 *     each τ/2, multiplied afterwards by a factor of at most 1 (1/s, e/s, a
 *     sigmoid, 1/N) or by g or label: 5·τ/2·max(1, |g|)·max(1, |label|);
 *   - Paddle's own chain ((g·(1/s))·e)·(−label) also rounds two values that
 *     are then multiplied by e, which can be 3e38: 1/s (τ/2 · |g·e·label|)
 *     and g·(1/s) (τ/2 · |e·label|), each where it lies below the smallest
 *     normal. Paddle 3.3.1 at input 88.6016, label −1, mean of 8 (g·(1/s) =
 *     4.1e-40) gives 0.1250002 (0x3e00000e), 14 ulps from the true 0.125; a
 *     port in Paddle's order has the same error, one that divides first
 *     does not, so each lies within that of the truth.
 *
 * A_i is twice their sum (two ports). A port that forms yet another
 * subnormal value and multiplies it by a large factor lies outside: its
 * error is its own, and the explainer names such a value (explain.ts).
 * The loss needs no floor: log(s) is 0 (s = 1) or at least log(1 + 2u),
 * never subnormal.
 *
 * Every bound is multiplied by FIRST_ORDER_SLACK for the dropped products
 * of two errors. Where exp overflows the loss is inf (rule
 * `soft-margin-exp-overflows-to-inf`) and non-finite values must match.
 */
import type { RequestJson } from '../../case.js';
import { MIN_NORMAL, roundTo } from '../../floats.js';
import { reductionOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, subnormalFloor, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf, type WireTensor } from '../../wire.js';

/** The tolerance policies of soft_margin_loss, over its signature: derived per element for the loss and the gradient. */
export function softMarginTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'soft margin: 2(ε·e/(1+e) + u) + 2ε|L|, 0 where 1 + e cannot round; ε = 4u per exp and log', allowance: lossAllowance },
    reduced: { kind: 'summation' },
    grad: {
      kind: 'derived',
      derivation: "soft margin gradient: 2(2ε + 5u)|expected| + 2τ(2|g·label| + 5/2·max(1, |g|)·max(1, |label|) + Paddle's subnormal 1/s and g/s times e); ε = 4u per exp",
      allowance: (request, field, u, tiny) => gradAllowance(signature, request, field, u, tiny),
    },
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

/** The gradient's allowance: relative, with the subnormal floor of each element (the header's three terms). */
function gradAllowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  if (field !== 'grad.input') return undefined;
  const operands = operandsOf(request);
  if (!operands) return undefined;
  const eps = elementary(u);
  const dtype = operands.input.dtype === 'float64' ? 'float64' : 'float32';
  const normal = MIN_NORMAL[dtype] * FIRST_ORDER_SLACK;
  const upstream = upstreamOf(signature, request, operands.label.shape.reduce((a, b) => a * b, 1));
  const labels = valuesOf(operands.label).map((y) => roundTo(y, dtype));
  const es = exponentials(operands);
  const absolute = Float64Array.from(es, (e, i) => {
    const g = upstream(i);
    const y = Math.abs(labels[i]!);
    // A non-finite upstream, label or exp makes the gradient NaN or infinite: those must match exactly.
    if (!Number.isFinite(g) || !Number.isFinite(y) || !Number.isFinite(roundTo(e, dtype))) return 0;
    const r = 1 / (1 + e);
    const exp = e < normal ? subnormalFloor(tiny, ELEMENTARY_ULPS, g * y) : 0;
    const anyOrder = subnormalFloor(tiny, 5, Math.max(1, g) * Math.max(1, y)) / 2;
    const paddleChain = (r < normal ? subnormalFloor(tiny, 1, g * e * y) / 2 : 0) + (g * r < normal ? subnormalFloor(tiny, 1, e * y) / 2 : 0);
    return 2 * (exp + anyOrder + paddleChain) * FIRST_ORDER_SLACK;
  });
  const largest = Array.from({ length: es.length }, (_, i) => upstream(i)).reduce((m, g) => (g > m ? g : m), 0);
  return { absolute, relative: 2 * (2 * eps + 5 * u) * FIRST_ORDER_SLACK, inputs: `|g| ≤ ${largest}` };
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

/**
 * |g| of each element: its own upstream gradient for reduction 'none', the
 * one 0-D upstream for sum, over n for mean; 1 without grad_output. NaN
 * where the upstream is NaN (that element's gradient is NaN).
 */
function upstreamOf(signature: OpSignature, request: RequestJson, n: number): (i: number) => number {
  const reduction = reductionOf(signature, request);
  let values: number[] | undefined;
  try {
    values = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  } catch {
    values = undefined; // refused elsewhere: no element is compared
  }
  const scale = reduction === 'mean' && n > 0 ? 1 / n : 1;
  return (i) => Math.abs(values === undefined ? 1 : (values.length === 1 ? values[0]! : values[i] ?? NaN)) * scale;
}
