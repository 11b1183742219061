/**
 * poisson_nll_loss's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts and mutants/common.ts) and the natural bugs of the
 * loss: a dropped epsilon, a sign lost in the label's gradient, sum and mean swapped.
 */
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { computesIn, expLibmEverywhere, layerIgnoresLegacyArguments, promotesIntWithFloat, operandsBroadcast } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapValues, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { withPaddleRelease } from '../../../reference/release.js';
import { bitsAt, decodeTensor, encodeTensor, fromTypedArray, valuesOf } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';

type Op = Omit<OpDescriptor, 'mutants'>;

const dtypeOf = (r: PortRequest, name: string): string => decodeTensor(tensorOf(r, name)).dtype;

/** Alternative of `poisson-nll-epsilon-checked-first`: epsilon <= 0 is not checked and 1e-8 is used. */
function epsilonUnchecked(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'poisson-nll-epsilon-unchecked', expect: 'killed', rule: 'poisson-nll-epsilon-checked-first',
    description: 'accepts epsilon <= 0 and uses the default 1e-8 instead of raising ValueError',
    handle: (r) => {
      const e = argsOf(r).epsilon;
      return reference(typeof e === 'number' && e <= 0 ? withArgs(r, { epsilon: undefined }) : r);
    },
  };
}

/** Alternative of `poisson-nll-dtypes-unchecked`: the page's dtype list enforced, as static mode's check does. */
function dtypesChecked(op: Op): Variant {
  const { reference } = bindOp(op);
  const PAGE = ['float16', 'bfloat16', 'float32', 'float64'];
  return {
    id: 'poisson-nll-dtypes-checked', expect: 'killed', rule: 'poisson-nll-dtypes-unchecked',
    description: "enforces the page's dtypes (check_variable_and_dtype's TypeError) where eager Paddle lets every dtype reach the kernels",
    handle: (r) => {
      const bad = ['input', 'label'].find((name) => !PAGE.includes(dtypeOf(r, name)));
      if (bad === undefined) return reference(r);
      return { id: r.id, error: { type: 'TypeError', message: `The data type of '${bad}' in poisson_nll_loss must be one of ['float16', 'uint16', 'float32', 'float64'], but received ${dtypeOf(r, bad)}.` } };
    },
  };
}

/** Alternative of `poisson-nll-shapes-must-equal`: a label of another shape broadcasts, as in the other element-wise losses. */
function broadcasts(op: Op): Variant {
  return operandsBroadcast(op, 'poisson-nll-broadcasts', 'poisson-nll-shapes-must-equal');
}

/** Alternative of `poisson-nll-legacy-label-cast`: label cast to input's dtype first in every release, as Paddle 2.6.2 does. */
function labelCastEverywhere(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'poisson-nll-label-cast-in-every-release', expect: 'killed', rule: 'poisson-nll-legacy-label-cast',
    description: "casts label to input's dtype before computing (Paddle 2.6.2's source), where Paddle 3 lets the products promote",
    handle: (r) => (dtypeOf(r, 'input') === dtypeOf(r, 'label') ? reference(r) : withPaddleRelease('2.6.2', () => reference(r))),
  };
}

/** Alternative of `subtract-operator-legacy-cast`: the `-` operator casts an int right operand in every release. */
function operatorCastsEverywhere(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'poisson-nll-operator-casts-in-every-release', expect: 'killed', rule: 'subtract-operator-legacy-cast',
    description: "takes Paddle 2.6.2's eager operators (label cast to input's dtype, `-` casting an int right operand) for integer operands, where Paddle 3 raises TypeError",
    handle: (r) => (['int32', 'int64'].includes(dtypeOf(r, 'input')) ? withPaddleRelease('2.6.2', () => reference(r)) : reference(r)),
  };
}

/** Alternative of `poisson-nll-flags-truthy`: only a JSON true is True, as a strict bool parameter would read it. */
function flagsStrict(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'poisson-nll-flags-strict-bool', expect: 'killed', rule: 'poisson-nll-flags-truthy',
    description: 'reads log_input and full as strict bools: anything but True is False (1, 0.5 and a non-empty string included)',
    handle: (r) => {
      const args = argsOf(r);
      const patch: Record<string, boolean> = {};
      for (const flag of ['log_input', 'full']) if (flag in args && typeof args[flag] !== 'boolean') patch[flag] = false;
      return reference(withArgs(r, patch));
    },
  };
}

/** Alternative of `poisson-nll-epsilon-added-in-dtype`, and the natural bug: log(input) with epsilon dropped. */
function epsilonDropped(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'poisson-nll-epsilon-dropped', expect: 'killed', rule: 'poisson-nll-epsilon-added-in-dtype',
    description: 'takes log(input) for log_input=False when epsilon is left at its default, as a port whose default is 0 (the smallest double stands in: it rounds to 0 in the dtype)',
    handle: (r) => (argsOf(r).epsilon === undefined || argsOf(r).epsilon === 1e-8 ? reference(withArgs(r, { epsilon: Number.MIN_VALUE })) : reference(r)),
  };
}

/** Alternative of `poisson-nll-stirling-masked-not-skipped`: where label <= 1 the Stirling term takes no gradient. */
function stirlingSkipped(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'poisson-nll-stirling-skipped-where-masked', expect: 'killed', rule: 'poisson-nll-stirling-masked-not-skipped',
    description: "adds the Stirling term only where label > 1, so label's gradient there is the plain loss's, not 0 · log(label)",
    handle: (r) => {
      const res = reference(r);
      const full = argsOf(r).full;
      if (full === undefined || full === false || !res.grad?.label) return res;
      const plain = reference(withArgs(r, { full: false }));
      if (!plain.grad?.label) return res;
      const labels = valuesOf(decodeTensor(tensorOf(r, 'label')));
      const without = valuesOf(decodeTensor(plain.grad.label));
      return { ...res, grad: { ...res.grad, label: mapValues(res.grad.label, (v, k) => (labels[k]! <= 1 ? without[k]! : v)) } };
    },
  };
}

/**
 * Alternative of `subtract-grad-negates`: the subtrahend's gradient as 0 − g rather than −g, so a +0 upstream gives
 * label's gradient (0 − (+0)) · input = +0 · input where Paddle's −(+0) · input gives −0 at a positive input.
 */
function subtrahendGradFromZero(op: Op): Variant {
  const { reference, argsOf } = bindOp(op);
  return {
    id: 'poisson-nll-subtrahend-grad-zero-minus', expect: 'killed', rule: 'subtract-grad-negates', bitwiseOnly: true,
    description: "negates the subtrahend's gradient as 0 − g: a +0 upstream makes label's gradient +0 · input, not −0 · input",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad?.label || !r.grad_output || argsOf(r).full === true) return res;
      const up = decodeTensor(r.grad_output);
      const grad = decodeTensor(res.grad.label);
      if (up.shape.join() !== grad.shape.join() || grad.dtype !== 'float32') return res;
      const n = grad.shape.reduce((a, b) => a * b, 1);
      const bits = Uint32Array.from({ length: n }, (_, k) => {
        const b = Number(bitsAt(grad, k));
        return Number(bitsAt(up, k)) === 0 && (b & 0x7fffffff) === 0 ? (b ^ 0x80000000) >>> 0 : b;
      });
      return { ...res, grad: { ...res.grad, label: encodeTensor(fromTypedArray('float32', grad.shape, bits)) } };
    },
  };
}

/** A natural bug: label's gradient through `- label * …` with the sign lost. */
function labelGradNotNegated(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'poisson-nll-label-grad-not-negated', expect: 'killed',
    description: "drops the negation subtract's backward gives the subtrahend: label's gradient with the wrong sign",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad?.label) return res;
      return { ...res, grad: { ...res.grad, label: mapValues(res.grad.label, (v) => -v) } };
    },
  };
}

/** Alternative of `log-of-negative-nan-sign`: log of a negative float32 is +NaN, as before Paddle 3.0.0. */
function logNegativePositiveNan(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'poisson-nll-log-negative-positive-nan', expect: 'killed', rule: 'log-of-negative-nan-sign', bitwiseOnly: true,
    description: "log of a negative float32 as the positive NaN 0x7fc00000 (Paddle 2.6.2, and many libms), where Paddle 3's glibc gives 0xffc00000",
    handle: (r) => {
      const res = reference(r);
      if (!res.output || dtypeOf(r, 'input') !== 'float32') return res;
      const out = decodeTensor(res.output);
      if (out.dtype !== 'float32') return res;
      const n = out.shape.reduce((a, b) => a * b, 1);
      const bits = Uint32Array.from({ length: n }, (_, k) => { const b = Number(bitsAt(out, k)); return b === 0xffc00000 ? 0x7fc00000 : b; });
      return { ...res, output: encodeTensor(fromTypedArray('float32', out.shape, bits)) };
    },
  };
}

/** Alternative of `exp-grad-no-float16-kernel` or `log-grad-no-float16-kernel`: the float16 backward computed in float32. */
function gradKernelInFloat32(op: Op, logInput: boolean): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  const kernel = logInput ? 'exp' : 'log';
  return {
    id: `poisson-nll-${kernel}-grad-float16-computed`, expect: 'killed', rule: `${kernel}-grad-no-float16-kernel`,
    description: `computes ${kernel}'s backward of a float16 input in float32 (the forward has a float16 kernel), where Paddle raises RuntimeError`,
    handle: (r) => {
      const res = reference(r);
      const flag = argsOf(r).log_input;
      if (!res.error || dtypeOf(r, 'input') !== 'float16' || (flag === false) === logInput || !r.grad?.includes('input')) return res;
      const forward = reference(withArgs({ ...r, grad: undefined, grad_output: undefined }, {}));
      return forward.error ? res : { ...forward, grad: {} };
    },
  };
}

/** poisson_nll_loss's mutants, over its descriptor. */
export function poissonNllLossMutants(OP: Op): readonly Variant[] {
  return [
    epsilonUnchecked(OP),
    reductionCheckedLast(OP, 'poisson-nll-reduction-checked-last', 'poisson-nll-reduction-checked-first'),
    dtypesChecked(OP),
    broadcasts(OP),
    labelCastEverywhere(OP),
    operatorCastsEverywhere(OP),
    flagsStrict(OP),
    epsilonDropped(OP),
    stirlingSkipped(OP),
    layerIgnoresLegacyArguments(OP, 'poisson-nll-layer-ignores-legacy-arguments', 'poisson-nll-layer-legacy-arguments'),
    expLibmEverywhere(OP, 'poisson-nll-exp-libm-everywhere'),
    computesIn(OP, ['bfloat16', 'bool'], 'poisson-nll-exp-bfloat16-bool-computed', 'exp-no-bfloat16-or-bool-kernel', 'computes bfloat16 and bool operands in float32, where exp has no kernel for them'),
    computesIn(OP, ['float16'], 'poisson-nll-float16-computed', 'multiply-no-float16-kernel', 'computes float16 operands in float32, where multiply has no float16 kernel'),
    subtrahendGradFromZero(OP),
    labelGradNotNegated(OP),
    logNegativePositiveNan(OP),
    gradKernelInFloat32(OP, true),
    gradKernelInFloat32(OP, false),
    promotesIntWithFloat(OP, 'poisson-nll-promotes-int-with-float'),
    meanGradTimesReciprocal(OP, 'poisson-nll-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
    meanOfEmptyIsZero(OP, 'poisson-nll-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'poisson-nll-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'poisson-nll-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'poisson-nll-mean-grad-not-divided-by-n'),
  ];
}
