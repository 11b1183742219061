/**
 * log_loss's mutants: each rule's alternative (what a reasonable port does where the page is silent) and the
 * natural bugs of the loss: the textbook formula without ε, ε on the wrong side, a clamp instead of ε, a mean.
 */
import { bindOp, castTo, mapValues, reshape, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;
type Res = ReturnType<Variant['handle']>;
const f = Math.fround;

/** A variant that rewrites the reference's answer to every request it computes. */
function edited(op: Op, v: Omit<Variant, 'handle'>, edit: (res: Res, r: PortRequest) => Res): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => { const res = reference(r); return res.error || res.skip ? res : edit(res, r); } };
}

/** A variant that answers the requests `takes` picks itself, and the rest as the reference does. */
function instead(op: Op, v: Omit<Variant, 'handle'>, takes: (r: PortRequest) => boolean, answer: (r: PortRequest, reference: (r: PortRequest) => Res) => Res): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => (takes(r) ? answer(r, reference) : reference(r)) };
}

/** The loss by its own element formula in float32 (Math.log), over the request's input, label and epsilon. */
function formula(op: Op, v: Omit<Variant, 'handle'>, loss: (p: number, t: number, eps: number) => number): Variant {
  const { argsOf } = bindOp(op);
  return edited(op, v, (res, r) => {
    if (!res.output) return res;
    const t = valuesOf(decodeTensor(tensorOf(r, 'label')));
    const eps = f(Number(argsOf(r).epsilon ?? 0.0001));
    return { ...res, output: mapValues(tensorOf(r, 'input'), (p, i) => f(loss(f(p), f(t[i]!), eps))) };
  });
}

const log = (x: number): number => f(Math.log(x));
const textbook = (p: number, t: number): number => f(f(-f(t * log(p))) - f(f(1 - t) * log(f(1 - p))));

/** log_loss's mutants, over its descriptor. */
export function logLossMutants(OP: Op): readonly Variant[] {
  const { argsOf, withArgs } = bindOp(OP);
  const dtype = (r: PortRequest, name: string): string => decodeTensor(tensorOf(r, name)).dtype;
  const shape = (r: PortRequest, name: string): number[] => [...decodeTensor(tensorOf(r, name)).shape];
  return [
    formula(OP, { id: 'log-loss-epsilon-dropped', expect: 'killed', description: 'the textbook −t·log p − (1 − t)·log(1 − p), without ε' }, textbook),
    formula(OP, { id: 'log-loss-epsilon-on-the-wrong-side', expect: 'killed', description: 'log(1 − (p + ε)) for the second log: ε subtracted there, not added' },
      (p, t, e) => f(f(-f(t * log(f(p + e)))) - f(f(1 - t) * log(f(1 - f(p + e)))))),
    formula(OP, { id: 'log-loss-clamps-input', expect: 'killed', description: "clamps p to [ε, 1 − ε] and takes the textbook loss (scikit-learn's way), no ε inside the logs" },
      (p, t, e) => textbook(Math.min(Math.max(p, e), f(1 - e)), t)),
    formula(OP, { id: 'log-loss-libm-log-everywhere', expect: 'killed', rule: 'log-loss-packet-and-tail', description: "the page's formula with the C library's log on every element, where Paddle's packets take Eigen's (log(FLT_MIN) for a subnormal)" },
      (p, t, e) => f(f(-f(log(f(p + e)) * t)) - f(log(f(f(1 - p) + e)) * f(1 - t)))),
    edited(OP, { id: 'log-loss-takes-the-mean', expect: 'killed', description: 'returns the mean of the losses, where log_loss never reduces' },
      (res, r) => {
        if (!res.output || r.grad) return res;
        const values = valuesOf(decodeTensor(res.output));
        return { ...res, output: encodeTensor(fromValues('float32', [], [f(values.reduce((a, b) => a + b, 0) / values.length)])) };
      }),
    edited(OP, { id: 'log-loss-grad-sign-flipped', expect: 'killed', description: "returns the input gradient negated (d/dp of +t·log p)" },
      (res) => (res.grad ? { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([n, t]) => [n, mapValues(t, (v) => -v)])) } : res)),
    instead(OP, { id: 'log-loss-epsilon-none-defaulted', expect: 'killed', rule: 'log-loss-epsilon-is-a-float32-double', description: 'takes epsilon=None or a str as the default 1e-4, where Paddle raises TypeError' },
      (r) => 'epsilon' in argsOf(r) && (argsOf(r).epsilon === null || typeof argsOf(r).epsilon === 'object'),
      (r, reference) => reference(withArgs(r, { epsilon: undefined }))),
    instead(OP, { id: 'log-loss-operands-range-checked', expect: 'killed', rule: 'log-loss-operands-unchecked', description: 'refuses an input or a label outside [0, 1] with ValueError, as a probability check would' },
      (r) => ['input', 'label'].some((n) => { try { return valuesOf(decodeTensor(tensorOf(r, n))).some((v) => !(v >= 0 && v <= 1)); } catch { return false; } }),
      (r) => ({ id: r.id, error: { type: 'ValueError', message: 'log_loss expects input and label in [0, 1]' } })),
    instead(OP, { id: 'log-loss-float64-computed', expect: 'killed', rule: 'log-loss-float32-kernel-only', description: 'computes float64 operands (as float32, cast back to float64), where Paddle has a float32 kernel only' },
      (r) => dtype(r, 'input') === 'float64' && dtype(r, 'label') === 'float64',
      (r, reference) => {
        const cast = { ...r, inputs: { ...r.inputs, input: castTo(tensorOf(r, 'input'), 'float32'), label: castTo(tensorOf(r, 'label'), 'float32') } };
        const res = reference(cast);
        if (!res.output) return res;
        return { ...res, output: castTo(res.output, 'float64'), ...(res.grad && { grad: { input: castTo(res.grad.input!, 'float64') } }) };
      }),
    instead(OP, { id: 'log-loss-any-equal-shapes', expect: 'killed', rule: 'log-loss-shapes-2d-column', description: 'takes operands of any equal shape element by element, where Paddle wants [N, 1]' },
      (r) => { try { return shape(r, 'input').join() === shape(r, 'label').join() && !(shape(r, 'input').length === 2 && shape(r, 'input')[1] === 1); } catch { return false; } },
      (r, reference) => {
        const s = shape(r, 'input');
        const column = [s.reduce((a, b) => a * b, 1), 1];
        const inputs = { ...r.inputs, input: reshape(tensorOf(r, 'input'), column), label: reshape(tensorOf(r, 'label'), column) };
        const res = reference({ ...r, inputs, ...(r.grad_output && { grad_output: reshape(r.grad_output, column) }) });
        if (!res.output) return res;
        return { ...res, output: reshape(res.output, s), ...(res.grad && { grad: { input: reshape(res.grad.input!, s) } }) };
      }),
  ];
}
