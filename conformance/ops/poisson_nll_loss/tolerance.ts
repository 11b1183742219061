/**
 * How far from Paddle's value a correct poisson_nll_loss result may lie, and why. Paddle computes, per element
 * (x the input, y the label, each step one rounding in its dtype, reference/poisson_nll_loss.ts),
 *
 *     L0 = exp(x) − y·x                       log_input
 *     L0 = x − y·ℓ,   ℓ = log(s), s = x + ε   otherwise
 *     L  = L0 + [y > 1]·(y·log y − y + 0.5·log(2π·y))     full
 *
 * and a correct port may use another exp and log (ELEMENTARY_ULPS ulps each, a relative error e = 4u), in the
 * same grouping (PyTorch's source has it). Per port, to first order, each step's error times what multiplies it
 * on the way to L: exp e·|exp x|; y·x u·|y·x|; s's rounding is log's u absolute, so u·|y|; log e·|y·ℓ|; y·ℓ
 * u·|y·ℓ|; with full, log y e·|y log y|, its product u·|y log y|, the difference u·|A| (A = y log y − y),
 * 2π·y twice (2π's own rounding) and 0.5·log's e: 0.5·(2u + e·|log 2πy|), then u·|S| and u·|L0| for the two
 * additions. A subnormal exp is off by ELEMENTARY_ULPS·τ, a product by τ/2 (an addition landing there is exact).
 * Two ports lie within twice that of each other: A_i = 2·Σ, r = 2u for the last rounding.
 *
 * The gradients, with g the element's upstream (over N for mean: g's own rounding, 2u to admit G·(1/N), times
 * every term g multiplies):
 *   input, log_input: g·exp x − g·y: |g|·(e|exp x| + ELEMENTARY_ULPS·τ) + u(|g exp x| + |g y|) for the products;
 *   input, otherwise: g − (g·y)/s: 2u|g y/s| (product, division) + u|g y/s| (s's rounding);
 *   label: −g·x or −g·ℓ (|g|(e|ℓ| + u) for ℓ) + u for the product; with full, where y > 1, the Stirling
 *   branch adds g·log y (e + u), (g·y)/y (2u), −g and fl(2π)·(0.5g/(2π·y)) (4u), summed in any order (4u of
 *   the terms' sum).
 * r = 2u for the last rounding (or the cast to the operand's dtype), every bound times FIRST_ORDER_SLACK; a
 * non-finite value must match exactly (A_i = 0 there). Each step's u is its dtype's: x's for exp, s and log(s),
 * y's for the Stirling term, the larger for the products that meet both (an integer's exp and log are float32).
 */
import type { KwargJson, RequestJson } from '../../case.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, SMALLEST_NORMAL, SUBNORMAL_SPACING, UNIT_ROUNDOFF, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf, type WireDType, type WireTensor } from '../../wire.js';

const DERIVATION = 'poisson_nll_loss: twice each port\'s Σ of every step\'s error times its multiplier, + 2u|expected|; e = 4u per exp and log';

/** The tolerance policies of poisson_nll_loss, over its signature: derived per element for the loss and both gradients. */
export function poissonNllLossTolerance(signature: OpSignature): TolerancePolicies {
  const allowance = (r: RequestJson, f: string, u: number): Allowance | undefined => elementAllowance(signature, r, f, u);
  return { output: { kind: 'derived', derivation: DERIVATION, allowance }, reduced: { kind: 'summation' }, grad: { kind: 'derived', derivation: `${DERIVATION} (gradient)`, allowance } };
}

/** u, τ and the smallest normal of a dtype's arithmetic: an integer's exp and log are float32's. */
function arithmetic(dtype: WireDType): { u: number; tau: number; normal: number } {
  const d = UNIT_ROUNDOFF[dtype] === undefined ? 'float32' : dtype;
  return { u: UNIT_ROUNDOFF[d]!, tau: SUBNORMAL_SPACING[d]!, normal: SMALLEST_NORMAL[d]! };
}

/** The allowance of one field ('output', 'grad.input' or 'grad.label') per element. */
function elementAllowance(signature: OpSignature, request: RequestJson, field: string, uField: number): Allowance | undefined {
  const operands = operandsOf(request);
  if (!operands || !['output', 'grad.input', 'grad.label'].includes(field)) return undefined;
  const args = argsOf(signature, request);
  const logInput = truthy('log_input' in args ? args.log_input : true);
  const full = truthy('full' in args ? args.full : false);
  const epsilon = Number(kwarg(args.epsilon ?? 1e-8));
  const [X, Y] = [arithmetic(operands.input.dtype), arithmetic(operands.label.dtype)];
  const [ex, ey] = [2 * ELEMENTARY_ULPS * X.u, 2 * ELEMENTARY_ULPS * Y.u];
  const uc = Math.max(X.u, Y.u);
  const tau = Math.max(X.tau, Y.tau);
  const xs = valuesOf(operands.input);
  const ys = valuesOf(operands.label);
  const upstream = upstreamOf(signature, request, xs.length);
  const round = X.u === UNIT_ROUNDOFF.float32 ? Math.fround : (v: number) => v;
  const absolute = Float64Array.from(xs, (x, i) => {
    const y = ys[i]!;
    const g = field === 'output' ? 1 : upstream(i);
    const E = Math.exp(x);
    const s = round(x + round(epsilon)); // as Paddle rounds it: an s of 0 makes the loss non-finite, compared exactly
    const l = Math.log(s);
    const stirling = full && y > 1;
    const ly = Math.log(y);
    const [A, B] = [y * ly - y, 0.5 * Math.log(2 * Math.PI * y)];
    let a: number;
    if (field === 'output') {
      a = logInput
        ? ex * Math.abs(E) + (E < X.normal ? ELEMENTARY_ULPS * X.tau : 0) + uc * Math.abs(y * x) + tau / 2
        : X.u * Math.abs(y) + (ex + uc) * Math.abs(y * l) + tau / 2;
      const L0 = logInput ? E - y * x : x - y * l;
      if (stirling) a += (ey + Y.u) * Math.abs(y * ly) + Y.u * Math.abs(A) + 0.5 * (2 * Y.u + ey * Math.abs(2 * B)) + Y.u * Math.abs(A + B) + uc * Math.abs(L0);
    } else if (field === 'grad.input') {
      const terms = logInput ? Math.abs(g * E) + Math.abs(g * y) : Math.abs(g) + Math.abs((g * y) / s);
      a = 2 * uc * terms + 3 * tau
        + (logInput ? Math.abs(g) * (ex * Math.abs(E) + ELEMENTARY_ULPS * X.tau) + uc * terms : 3 * uc * Math.abs((g * y) / s));
    } else {
      const own = logInput ? Math.abs(g * x) : Math.abs(g * l);
      const branch = stirling ? Math.abs(g * ly) + 2 * Math.abs(g) + Math.abs(g / (2 * y)) : 0;
      a = 2 * uc * (own + branch) + 3 * tau + uc * own + (logInput ? 0 : Math.abs(g) * (ex * Math.abs(l) + X.u))
        + (stirling ? (ey + Y.u) * Math.abs(g * ly) + 2 * Y.u * Math.abs(g) + 4 * Y.u * Math.abs(g / (2 * y)) + 4 * Y.u * (own + branch) : 0);
    }
    const bound = 2 * a * FIRST_ORDER_SLACK;
    return Number.isFinite(bound) ? bound : 0; // a non-finite step: the result must match exactly
  });
  const flags = `log_input=${logInput}, full=${full}, epsilon=${epsilon}`;
  return { absolute, relative: 2 * uField * FIRST_ORDER_SLACK, inputs: field === 'output' ? flags : `${flags}; g per element` };
}

/** A keyword's JSON as a value: {"int": n} and {"str": s} unwrapped, "NaN" and "±Infinity" as floats. */
function kwarg(v: KwargJson): unknown {
  if (typeof v === 'object' && v !== null) return 'int' in v ? v.int : v.str;
  return v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v;
}

/** Python's truth value of a keyword (rule poisson-nll-flags-truthy). */
function truthy(v: KwargJson | undefined): boolean {
  const value = v === undefined ? undefined : kwarg(v);
  return !(value === undefined || value === null || value === false || value === 0 || value === '');
}

/** |g| of each element: its own upstream for 'none', the 0-D one for sum, over n for mean; 1 without grad_output. */
function upstreamOf(signature: OpSignature, request: RequestJson, n: number): (i: number) => number {
  let values: number[] | undefined;
  try {
    values = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  } catch {
    values = undefined; // refused elsewhere: no element is compared
  }
  const scale = reductionOf(signature, request) === 'mean' && n > 0 ? 1 / n : 1;
  return (i) => Math.abs(values === undefined ? 1 : values.length === 1 ? values[0]! : values[i] ?? NaN) * scale;
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
