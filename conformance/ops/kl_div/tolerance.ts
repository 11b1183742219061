/**
 * How far from Paddle's value a correct kl_div result may lie, and why. Paddle computes, per
 * element in the input's dtype (t the label, x the input, reference/kernels/kldiv_loss.ts),
 *
 *     L = t · (log(t) − x)     or, with log_target,     L = exp(t) · (t − x)
 *
 * and a correct port may use another log and exp (ELEMENTARY_ULPS ulps each, a relative error
 * ε = 4u) and another grouping: PyTorch takes xlogy(t, t) − t · x, whose two products cancel.
 * Per port, to first order: the log's error is ε·|t·log t| absolute (log t − x may cancel
 * it to nothing), and each of at most three roundings (the log's product, t · x, the
 * difference) is u of |t·log t| + |t·x|. With log_target, exp's ε and two roundings are
 * relative to |L|, or u·(|exp(t)·t| + |exp(t)·x|) when the product is distributed. Two ports
 * lie within twice the sum of each other:
 *
 *     A_i = 2((ε + 2u)·|m_i·a_i| + 2u·|m_i·x_i|),   r = 2(ε + u)
 *
 * with (m, a) = (t, log t), or (exp t, t) under log_target. A label ≤ 0 without log_target is
 * 0 in Paddle (rule `kldiv-loss-label-not-positive-is-zero`): A_i = 0 there, compared exactly.
 *
 * The gradient is (−m) · g' with g' the element's upstream (over N for mean and batchmean):
 * exp's ε (log_target), the division by N and the product, in any order: r = 2(ε + 2u).
 * Every bound carries FIRST_ORDER_SLACK for the dropped products of errors; non-finite
 * values must match.
 */
import type { RequestJson } from '../../case.js';
import { roundTo } from '../../floats.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf, type WireTensor } from '../../wire.js';

/** The tolerance policies of kl_div, over its signature: derived per element for the loss and the gradient. */
export function klDivTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'kl_div: 2((ε + 2u)|m·a| + 2u|m·x|) + 2(ε + u)|L|, (m, a) = (t, log t) or (exp t, t); ε = 4u per log and exp', allowance: (r, f, u) => lossAllowance(signature, r, f, u) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'kl_div gradient: 2(ε + 2u)|expected|; ε = 4u per exp', allowance: (r, f, u) => (f === 'grad.input' ? { absolute: new Float64Array(sizeOf(r)), relative: 2 * (2 * ELEMENTARY_ULPS * u + 2 * u) * FIRST_ORDER_SLACK, inputs: 'relative only' } : undefined) },
  };
}

/** The loss's allowance per element. */
function lossAllowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  if (field !== 'output') return undefined;
  const operands = operandsOf(request);
  if (!operands) return undefined;
  const eps = 2 * ELEMENTARY_ULPS * u;
  const dtype = operands.input.dtype === 'float64' ? 'float64' : 'float32';
  const logTarget = argsOf(signature, request).log_target === true;
  const t = valuesOf(operands.label).map((v) => roundTo(v, dtype));
  const absolute = Float64Array.from(valuesOf(operands.input), (x, i) => {
    const y = t[i]!;
    if (!logTarget && !(y > 0)) return 0;
    const [m, a] = logTarget ? [Math.exp(y), y] : [y, Math.log(y)];
    const bound = 2 * ((eps + 2 * u) * Math.abs(m * a) + 2 * u * Math.abs(m * x)) * FIRST_ORDER_SLACK;
    return Number.isFinite(bound) ? bound : 0; // a non-finite operand: the result must match exactly
  });
  return { absolute, relative: 2 * (eps + u) * FIRST_ORDER_SLACK, inputs: logTarget ? 'm = exp(label), a = label' : 'm = label, a = log(label)' };
}

/** The number of input elements of a request (0 when it does not decode). */
function sizeOf(request: RequestJson): number {
  return operandsOf(request)?.input.shape.reduce((a, b) => a * b, 1) ?? 0;
}

/** input and label of a well-formed request of equal shapes; undefined otherwise (an error case, compared exactly). */
function operandsOf(request: RequestJson): { input: WireTensor; label: WireTensor } | undefined {
  try {
    const input = decodeTensor(request.inputs.input);
    const label = decodeTensor(request.inputs.label);
    return input.shape.join() === label.shape.join() ? { input, label } : undefined;
  } catch {
    return undefined;
  }
}
