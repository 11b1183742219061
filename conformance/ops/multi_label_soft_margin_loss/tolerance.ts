/**
 * How far from Paddle's value a correct multi_label_soft_margin_loss result may lie, and why.
 * Paddle computes, per element j of a row i in the operands' dtype (reference/multi_label_soft_margin_loss.ts),
 *
 *     L1 = logσ(x), L2 = logσ(−x)   (−t − log(exp(−t) + exp(−x − t)), t = max(−x, 0))
 *     l_j = −(y·L1 + (1 − y)·L2) · w_j,     row_i = Σ_j l_j / C
 *
 * and a correct port may take logσ another way (log1p, softplus, −log(1 + exp(−x))) with another exp
 * and log, each ELEMENTARY_ULPS ulps (ε = 4u relative). Per port, with e = exp(−|x|): exp's ε moves
 * log(1 + e) by ε·e/(1 + e), the rounding of 1 + e by u, log's ε and the subtraction's u are relative:
 *
 *     |ΔL| ≤ ε·e/(1 + e) + u + (ε + u)·|L|
 *
 * The products y·L1 and (1 − y)·L2 (and the rounding of 1 − y), their sum, the weight's product add
 * 5u of M_j = |w_j|·(|y·L1| + |(1 − y)·L2|); the row's sum γ_C of ΣM_j, the division by C u of |row|.
 * Two ports lie within twice the sum of each other:
 *
 *     A_i = 2/C · Σ_j (|w_j|(|y| + |1 − y|)(ε·e/(1 + e) + u) + (ε + 6u + γ_C)·M_j),   r = 2u
 *
 * The input's gradient is −G·(y·σ(−x) − (1 − y)·σ(x)) with G = g_i·w_j/C (g the row's upstream, over N
 * for mean): each σ as exp(·)/(exp(·) + exp(·)) is 2ε + 2u off, then the divisions by N and C, the
 * products by w, y and σ and 1 − y: A = 2(2ε + 7u)|G|(|y|σ(−x) + |1 − y|σ(x)). The label's is
 * −G·(L1 − L2), whose terms cancel: A = 2|G|(2(ε·e/(1 + e) + u) + (ε + 6u)(|L1| + |L2|)). Both r = 2u.
 *
 * ε and the u of exp's rounding are the input's dtype's (logσ runs there), the rest the result's.
 *
 * Below the normal range the roundings are τ/2 absolute (tolerance.ts): exp(−|x|) is subnormal past
 * |x| ≈ 87.3 (float32), so logσ and the ratios are; each element gets the floor of its ten roundings
 * (exp's 2 ulps counted twice) scaled by |w|(|y| + |1 − y| + 1). Every bound carries FIRST_ORDER_SLACK;
 * a non-finite value must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { roundTo } from '../../floats.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma, subnormalFloor, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of multi_label_soft_margin_loss, over its signature. */
export function multiLabelSoftMarginLossTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'multi_label_soft_margin_loss: 2/C·Σ(|w|(|y| + |1 − y|)(ε·e/(1 + e) + u) + (ε + 6u + γ_C)·M_j) + 2u|row|; ε = 4u', allowance: (r, f, u, tiny) => allowance(signature, r, f, u, tiny) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'multi_label_soft_margin_loss gradient: input 2(2ε + 7u)|G|(|y|σ(−x) + |1 − y|σ(x)), label 2|G|(2(ε·e/(1 + e) + u) + (ε + 6u)(|L1| + |L2|)), G = g·w/C', allowance: (r, f, u, tiny) => allowance(signature, r, f, u, tiny) },
  };
}

/** logσ(v) in float64: −log(1 + exp(−v)) by its stable form. */
function logSigmoid(v: number): number {
  return v >= 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v));
}

/** The allowance of the output ('none': the rows) or of a gradient, per element. */
function allowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const operands = operandsOf(request);
  if (!operands) return undefined;
  const { x, y, w, shape, dtype } = operands;
  // logσ and its exp and log run in the input's dtype: a float64 label or weight widens only their products.
  const uL = dtype === 'float32' ? Math.max(u, 2 ** -24) : u;
  const eps = 2 * ELEMENTARY_ULPS * uL;
  const c = shape.length === 0 ? 1 : shape[shape.length - 1]!;
  const rows = c === 0 ? 0 : x.length / c;
  const floor = (j: number): number => subnormalFloor(tiny, 2 * (ELEMENTARY_ULPS + 8), Math.max(1, Math.abs(w[j]!)) * (Math.abs(y[j]!) + Math.abs(1 - y[j]!) + 1));
  const term = (j: number) => {
    const [xv, yv] = [roundTo(x[j]!, dtype), roundTo(y[j]!, dtype)];
    const e = Math.exp(-Math.abs(xv));
    const [l1, l2] = [logSigmoid(xv), logSigmoid(-xv)];
    return { yv, e, l1, l2, expPart: (eps * e) / (1 + e) + uL, m: Math.abs(w[j]!) * (Math.abs(yv * l1) + Math.abs((1 - yv) * l2)) };
  };
  if (field === 'output') {
    const absolute = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let total = 0;
      for (let j = i * c; j < (i + 1) * c; j++) {
        const t = term(j);
        total += Math.abs(w[j]!) * (Math.abs(t.yv) + Math.abs(1 - t.yv)) * t.expPart + (eps + 6 * u + gamma(c, u)) * t.m + floor(j);
      }
      absolute[i] = finite((2 * total * FIRST_ORDER_SLACK) / c);
    }
    return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `C = ${c}, e = exp(−|x|), M_j = |w|(|y·logσ(x)| + |(1 − y)·logσ(−x)|)` };
  }
  if (field !== 'grad.input' && field !== 'grad.label') return undefined;
  const reduction = argsOf(signature, request).reduction ?? 'mean';
  const upstream = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  const perRow = reduction === 'mean' ? Math.max(rows, 1) : 1;
  const absolute = Float64Array.from(x, (_, j) => {
    const row = Math.floor(j / Math.max(c, 1));
    const g = Math.abs(upstream ? upstream[reduction === 'none' ? row : 0]! : 1) / perRow;
    const G = (g * Math.abs(w[j]!)) / c;
    const t = term(j);
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    const bound = field === 'grad.input'
      ? 2 * (2 * eps + 7 * u) * G * (Math.abs(t.yv) * sig(-x[j]!) + Math.abs(1 - t.yv) * sig(x[j]!))
      : 2 * G * (2 * t.expPart + (eps + 6 * u) * (Math.abs(t.l1) + Math.abs(t.l2)));
    return finite(bound * FIRST_ORDER_SLACK + floor(j) * Math.max(1, g));
  });
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `G = g·w/C, C = ${c}` };
}

/** A bound that is not finite (an infinite or NaN operand) allows nothing: the value must match exactly. */
function finite(bound: number): number {
  return Number.isFinite(bound) ? bound : 0;
}

/** input, label and the weight expanded to input's shape, of a well-formed float request; undefined otherwise (compared exactly). */
function operandsOf(request: RequestJson) {
  try {
    const input = decodeTensor(request.inputs.input);
    const label = decodeTensor(request.inputs.label);
    if (input.shape.join() !== label.shape.join() || input.shape.length !== label.shape.length) return undefined;
    if (input.dtype !== 'float32' && input.dtype !== 'float64') return undefined;
    const x = valuesOf(input);
    let w: number[] = x.map(() => 1);
    if (request.inputs.weight) {
      const weight = decodeTensor(request.inputs.weight);
      if (broadcastShapes(input.shape, weight.shape).join() !== input.shape.join()) return undefined;
      const values = valuesOf(weight);
      w = Array.from(broadcastIndex(weight.shape, input.shape), (k) => values[k]!);
    }
    return { x, y: valuesOf(label), w, shape: input.shape, dtype: input.dtype };
  } catch {
    return undefined;
  }
}
