/**
 * square_error_cost's mutants: its primitives' rule alternatives (written once, in mutants/kernel_alternatives.ts),
 * its own rule's, and the natural bugs of (input − label)², the mean mse_loss would take among them.
 */
import { computesIn, labelGradKeepsNanSign, promotesAllToWidestFloat, promotesIntWithFloat, shapesMustEqual, withOperandNanSigns } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapValues, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** A variant that rewrites the reference's response to every request it applies to. */
function edited(op: Op, v: Omit<Variant, 'handle'>, edit: (res: ReturnType<Variant['handle']>, r: Parameters<Variant['handle']>[0]) => ReturnType<Variant['handle']>): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => { const res = reference(r); return res.error || res.skip ? res : edit(res, r); } };
}

/** square_error_cost's mutants, over its descriptor. */
export function squareErrorCostMutants(OP: Op): readonly Variant[] {
  return [
    shapesMustEqual(OP, 'square-error-cost-shapes-must-equal'),
    computesIn(OP, ['float16', 'bool'], 'square-error-cost-float16-and-bool-computed', 'subtract-no-float16-or-bool-kernel', 'computes float16 and bool operands in float32, where Paddle has no subtract kernel for them'),
    computesIn(OP, ['bfloat16'], 'square-error-cost-bfloat16-computed', 'square-no-bfloat16-kernel', 'computes bfloat16 operands in float32, where Paddle has no square kernel for them'),
    labelGradKeepsNanSign(OP, 'square-error-cost-label-grad-keeps-nan-sign'),
    promotesAllToWidestFloat(OP, 'square-error-cost-promotes-to-widest'),
    promotesIntWithFloat(OP, 'square-error-cost-promotes-int-with-float'),
    edited(OP, { id: 'square-error-cost-square-clears-nan-sign', expect: 'killed', rule: 'square-keeps-nan-sign', bitwiseOnly: true, description: 'squares a NaN into +NaN (as pow(x, 2) or x · |x| might), where Paddle keeps its sign' },
      (res, r) => withOperandNanSigns(r, res, false)),
    edited(OP, { id: 'square-error-cost-float32-only', expect: 'killed', rule: 'square-error-cost-other-dtypes-computed', description: 'refuses float64, int32 and int64 operands (the page names float32) with TypeError' },
      (res, r) => {
        const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
        return dtype === 'float32' ? res : { id: r.id, error: { type: 'TypeError', message: `square_error_cost takes float32 operands, got ${dtype}` } };
      }),
    edited(OP, { id: 'square-error-cost-takes-the-mean', expect: 'killed', description: "returns the mean of (input − label)², as mse_loss's default does, where square_error_cost never reduces" },
      (res, r) => {
        if (!res.output || r.grad) return res;
        const out = decodeTensor(res.output);
        if (out.dtype !== 'float32' && out.dtype !== 'float64') return res;
        const values = valuesOf(out);
        return { ...res, output: encodeTensor(fromValues(out.dtype, [], [values.reduce((a, b) => a + b, 0) / values.length])) };
      }),
    edited(OP, { id: 'square-error-cost-absolute-error', expect: 'killed', description: 'takes |input − label| instead of its square' },
      (res, r) => (res.output && !r.grad ? { ...res, output: mapValues(res.output, (v) => Math.sqrt(v)) } : res)),
    edited(OP, { id: 'square-error-cost-grad-without-factor-2', expect: 'killed', description: 'forgets the 2 of d/dx (x − y)²' },
      (res) => (res.grad ? { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, mapValues(t, (v) => v / 2)])) } : res)),
  ];
}
