/**
 * What produced a differing element of soft_margin_loss: the input and label
 * elements behind it (input and label have one shape, so they share its
 * index), and z = -label * input with exp(z) as the reference computes them
 * in the input's dtype, naming the regime that decides the result.
 *
 *     loss = log(1 + exp(z)),  z = -label * input
 *
 * Where it can see an intermediate value in a regime where correct
 * computations part, the note names it first (withCauses): Paddle's exp in
 * a packet far from the C library's (Eigen clamps z below −88.72), exp(z)
 * below the smallest normal (a port that flushes subnormals loses it), and
 * for a gradient element exp(−z) past the largest value (a sigmoid form
 * 1/(1 + exp(−z)) gives 0 where Paddle's chain keeps g·e/(1 + e)) or
 * Paddle's own 1/(1 + e) and g/(1 + e) below the smallest normal before it
 * multiplies by e.
 */
import { libmExp, libmExpFloat } from '../../../reference/elementary.js';
import { softMarginSteps, type SoftMarginSteps } from '../../../reference/soft_margin_loss.js';
import { operandElement, shortNumber, withCauses, type ElementExplainer, type ElementMismatch } from '../../element_context.js';
import { MAX_FINITE, MIN_NORMAL, MIN_SUBNORMAL, roundTo } from '../../floats.js';
import { reductionOf, type OpSignature } from '../../op.js';
import { toReference } from '../../reference_bridge.js';
import type { RequestJson } from '../../case.js';
import { decodeTensor, shapeSize, valuesOf, type WireTensor } from '../../wire.js';

/** The regimes of log(1 + exp(z)), as a failure report names them. */
export const BRANCHES = {
  overflow: 'exp(z) overflows: loss inf, gradient NaN (rule soft-margin-exp-overflows-to-inf)',
  absorbed: '1 + exp(z) rounds to 1: loss exactly 0 (rule soft-margin-one-plus-exp-absorbs-small)',
  plain: 'loss = log(1 + exp(z))',
} as const;

/**
 * The explainer of soft_margin_loss, over its signature: the context of a
 * differing element of the output (reduction 'none') or of input's gradient.
 * Undefined for a reduced output (no single element produced it) and for
 * requests whose tensors do not decode or that raise.
 */
export function softMarginElementContext(signature: OpSignature): ElementExplainer {
  return (request, element) => {
    if (element.field === 'output' && reductionOf(signature, request) !== 'none') return undefined;
    if (element.field !== 'output' && element.field !== 'grad.input') return undefined;
    let input: WireTensor;
    let label: WireTensor;
    try {
      input = decodeTensor(request.inputs.input, '$.inputs.input');
      label = decodeTensor(request.inputs.label, '$.inputs.label');
    } catch {
      return undefined;
    }
    const k = element.index;
    if (k >= shapeSize(input.shape) || shapeSize(label.shape) !== shapeSize(input.shape)) return undefined;
    const operands = { input: operandElement(input, k), label: operandElement(label, k) };
    const computed = stepAt(input, label, k);
    if (!computed) return { operands, scalars: {} };
    const context = { operands, scalars: {}, branch: computed.branch, note: computed.note };
    const g = element.field === 'output' ? undefined : upstreamAt(signature, request, k, shapeSize(input.shape));
    return withCauses(context, causesAt(computed.steps, k, g, element));
  };
}

/**
 * The intermediates of element k that leave the dtype's range or its
 * precision, each named only where the element's difference is what that
 * intermediate explains; g is the element's upstream gradient for a
 * gradient element (undefined for the loss).
 */
function causesAt(steps: SoftMarginSteps, k: number, g: number | undefined, element: ElementMismatch): string[] {
  const dtype = steps.exp.dtype === 'float64' ? 'float64' : 'float32';
  const z = steps.z.at(k);
  const e = steps.exp.at(k);
  const s = steps.onePlus.at(k);
  const y = Math.abs(steps.neg.at(k));
  const { actual, expected } = element;
  const difference = Math.abs(actual - expected);
  const tiny = MIN_SUBNORMAL[dtype];
  const normal = MIN_NORMAL[dtype];
  if (!Number.isFinite(z)) return [];
  const causes: string[] = [];
  const libm = dtype === 'float32' ? libmExpFloat(z) : libmExp(z);
  const step = Math.max(Math.abs(libm) * 2 ** (dtype === 'float32' ? -23 : -52), tiny);
  // Paddle's packet exp far from the C library's, and a port's value nearer what the C library's e gives.
  const withLibm = g === undefined ? Math.log1p(libm) : steps.neg.at(k) * g * (libm / (1 + libm));
  if (Math.abs(e - libm) > 4 * step && Math.abs(actual - withLibm) < difference) {
    causes.push(`exp(z) = ${shortNumber(e)} is Eigen's packet value (it clamps z below ${dtype === 'float32' ? '−88.72' : '−709.78'}); the C library gives ${shortNumber(libm)} (rule exp-packet-and-tail)`);
  }
  if (g === undefined || !Number.isFinite(g) || g === 0) return causes;
  const G = Math.abs(g);
  const lost = Math.abs(actual) <= Math.abs(expected) / 2;
  if (lost && !Number.isFinite(roundTo(Math.exp(-z), dtype)) && e > 0 && Number.isFinite(e)) {
    causes.push(`exp(−z) = exp(${shortNumber(-z)}) overflows ${dtype} (largest ${shortNumber(MAX_FINITE[dtype])}): a sigmoid form −label·g/(1 + exp(−z)) gives 0 here, where Paddle's chain g·(1/(1 + e))·e·(−label) gives ${shortNumber(expected)}`);
  }
  const reciprocal = 1 / s;
  const scaled = G * reciprocal;
  // Paddle's own error there: half a step of each subnormal value, times what multiplies it afterwards.
  const chain = ((reciprocal < normal ? tiny * G * e * y : 0) + (scaled < normal ? tiny * e * y : 0)) / 2;
  if (Number.isFinite(e) && e > 1 && chain > 0 && difference <= 8 * chain) {
    const which = reciprocal < normal ? `1/(1 + e) = ${shortNumber(reciprocal)} and g·(1/(1 + e)) = ${shortNumber(scaled)} lie` : `g·(1/(1 + e)) = ${shortNumber(scaled)} lies`;
    causes.push(
      `in Paddle's chain ${which} below ${dtype}'s smallest normal, and are then multiplied by e = ${shortNumber(e)}: Paddle's gradient is off the exact value by up to ${shortNumber(chain)} ` +
        `there (within the bound); a port that forms e/(1 + e) first is not`,
    );
  }
  if (e !== 0 && e < normal && (lost || difference <= 16 * tiny * Math.max(1, G * y))) {
    causes.push(`exp(z) = ${shortNumber(e)} lies below ${dtype}'s smallest normal ${shortNumber(normal)}: every port rounds it to a multiple of ${shortNumber(tiny)}, and one that flushes subnormals to 0 gives a 0 gradient`);
  }
  return causes;
}

/** g of element k: its own upstream for 'none', the 0-D one for sum, over n for mean; 1 without grad_output. */
function upstreamAt(signature: OpSignature, request: RequestJson, k: number, n: number): number {
  let values: number[] = [];
  try {
    values = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : [];
  } catch {
    values = [];
  }
  const g = values.length === 0 ? 1 : values.length === 1 ? values[0]! : values[k] ?? NaN;
  return reductionOf(signature, request) === 'mean' && n > 0 ? g / n : g;
}

/** z and exp(z) at element k as the reference computes them, with the regime they put the loss in. */
function stepAt(input: WireTensor, label: WireTensor, k: number): { branch: string; note: string; steps: SoftMarginSteps } | undefined {
  try {
    const steps = softMarginSteps(toReference(input), toReference(label));
    const dtype = steps.exp.dtype;
    const z = steps.z.at(k);
    const e = steps.exp.at(k);
    const lanes = dtype === 'float32' ? 8 : 4;
    const n = steps.z.size;
    const where = k < n - (n % lanes) ? "Eigen's packet exp" : "the C library's exp (the tail)";
    const branch = e === Infinity ? BRANCHES.overflow : steps.onePlus.at(k) === 1 && e > 0 ? BRANCHES.absorbed : BRANCHES.plain;
    return { branch, note: `z = -label * input = ${z} and exp(z) = ${e} in ${dtype}, by ${where} (element ${k} of ${n})`, steps };
  } catch {
    return undefined;
  }
}
