/**
 * How far from Paddle's value a correct multi_label_margin_loss result may lie, and why. Paddle computes
 * (reference/multi_label_margin_loss.ts), for each of row i's T_i targets y and every column k,
 *
 *     z_k = max(0, (1 − x[y]) + x[k]) (+0 at target columns),   row_i = (Σ_y Σ_k z_k) / C
 *
 * A correct port may round the margin otherwise (1 − (x[y] − x[k]): two roundings either way, 2u of
 * M = 1 + |x[y]| + |x[k]| each) and add the T_i·C terms in any order (γ_{T_i·C} of Σ|z| ≤ Σ M), then
 * divide by C (u of |row|). Two ports lie within twice that:
 *
 *     A_i = 2·(2u + γ_{T_i·C})·Σ_y Σ_k M / C,   r = 2u
 *
 * The input's gradient is a count times G = g_i/C (g over N for 'mean'): −(number of positive margins)
 * at a target, the number of targets whose margin is positive at another column, halves at a margin of
 * exactly 0. A port may add the T_i + C unit terms in another order and divide by N and C apart:
 * A = 2·(γ_{T_i + C} + 2u)·(T_i + C)·|G|. A margin within its rounding of 0 may fall either side of the
 * kink and move a count by one, which the bound does not allow: the plan's kink cases sit on exact
 * margins. Every bound carries FIRST_ORDER_SLACK; a non-finite value must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of multi_label_margin_loss, over its signature. */
export function multiLabelMarginLossTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'multi_label_margin_loss: 2(2u + γ_{T·C})·Σ(1 + |x[y]| + |x[k]|)/C + 2u|row|', allowance: (r, f, u) => allowance(signature, r, f, u) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'multi_label_margin_loss gradient: 2(γ_{T + C} + 2u)(T + C)|g|/C', allowance: (r, f, u) => allowance(signature, r, f, u) },
  };
}

/** The allowance of the output ('none': the rows) or of input's gradient, per element. */
function allowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  const operands = operandsOf(request);
  if (!operands) return undefined;
  const { x, targets, n, c } = operands;
  if (field === 'output') {
    const absolute = Float64Array.from({ length: n }, (_, i) => {
      const m = targets[i]!.reduce((s, y) => s + Array.from({ length: c }, (_, k) => 1 + Math.abs(x[i * c + y]!) + Math.abs(x[i * c + k]!)).reduce((a, b) => a + b, 0), 0);
      return finite((2 * (2 * u + gamma(targets[i]!.length * c, u)) * m * FIRST_ORDER_SLACK) / Math.max(c, 1));
    });
    return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `C = ${c}, T_i = [${targets.map((t) => t.length).join(', ')}]` };
  }
  if (field !== 'grad.input') return undefined;
  const reduction = argsOf(signature, request).reduction ?? 'mean';
  const upstream = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  const absolute = Float64Array.from({ length: n * c }, (_, j) => {
    const i = Math.floor(j / c);
    const g = Math.abs(upstream ? upstream[reduction === 'none' ? i : 0]! : 1) / (reduction === 'mean' ? n : 1);
    const k = targets[i]!.length + c;
    return finite((2 * (gamma(k, u) + 2 * u) * k * g * FIRST_ORDER_SLACK) / c);
  });
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `G = g/C, C = ${c}` };
}

/** A bound that is not finite (an infinite or NaN operand) allows nothing: the value must match exactly. */
function finite(bound: number): number {
  return Number.isFinite(bound) ? bound : 0;
}

/** input's values and each row's targets (up to the first −1; none past the label's rows) of a float [N, C] input and a 2-D label; undefined otherwise (compared exactly). */
function operandsOf(request: RequestJson) {
  try {
    const input = decodeTensor(request.inputs.input);
    const label = decodeTensor(request.inputs.label);
    if (input.shape.length !== 2 || label.shape.length !== 2 || label.shape[0]! > input.shape[0]!) return undefined;
    if (input.dtype !== 'float32' && input.dtype !== 'float64') return undefined;
    const [n, c] = input.shape as [number, number];
    const [rows, k] = label.shape as [number, number];
    const y = valuesOf(label);
    const targets = Array.from({ length: n }, (_, i) => {
      const row = i < rows ? y.slice(i * k, (i + 1) * k) : [];
      const end = row.indexOf(-1);
      return end < 0 ? row : row.slice(0, end);
    });
    return { x: valuesOf(input), targets, n, c };
  } catch {
    return undefined;
  }
}
