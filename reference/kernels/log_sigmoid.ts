/**
 * Paddle's `logsigmoid` kernel (`paddle.nn.functional.log_sigmoid`,
 * `_C_ops.logsigmoid`) and its backward: phi's LogSigmoidFunctor and
 * LogSigmoidGradFunctor (phi/kernels/funcs/activation_functor.h), Eigen
 * expressions with the log-sum-exp shift t = max(−x, 0):
 *
 *     out = −t − log(exp(−t) + exp(−x − t))
 *     dx  = (exp(−x − t) / (exp(−t) + exp(−x − t))) · dout
 *
 * each operation rounded in the dtype. Rule `logsigmoid-packet-and-tail`:
 * Eigen evaluates the expression on whole packets of 8 float32 (4 float64)
 * elements of the flattened tensor, and the last n mod 8 (n mod 4) one by
 * one, and the two paths differ: a packet takes Eigen's polynomial exp
 * (elementary.ts) and log (eigen_log.ts) and negates as 0 − v, the tail the
 * C library's exp and log and a sign flip. So where the loss is 0 (x = +inf,
 * 1e30, 20 in float32) a packet gives +0 and the tail −0; exp(−x) of x =
 * +inf is 2.9e-39 in a packet (the gradient 0x1ffeb0) and 0 in the tail; a
 * −inf gives the all-ones NaN (0xffffffff, plog's invalid mask) in a packet
 * and 0xffc00000 in the tail; a NaN x gives itself forward, and its gradient
 * is that NaN in a packet and the NaN negated in the tail (Paddle 3.3.1,
 * log_sigmoid of 15 float32 and 16 float64 special values, upstream 1, NaN
 * and −0). 9,000 random values per dtype matched bit for bit, forward and
 * backward; glibc's log in the packets missed 2% (float32) and 5% (float64).
 *
 * Rule `logsigmoid-float-kernels-only`: registered for float32 and float64
 * (and the complex dtypes) only: float16, bfloat16, int32, int64 and bool
 * raise RuntimeError (NotFound), in every release from 2.6.2.
 *
 * Backward: the ratio, then its product with the upstream, the ratio first
 * (an upstream NaN survives only where the ratio is not NaN).
 */
import { dtypeOf, type DType } from '../dtype.js';
import { eigenExpDouble, eigenExpFloat, libmExp, libmExpFloat, libmLog, libmLogFloat, packetSize } from '../elementary.js';
import { eigenLogDouble, eigenLogFloat } from '../eigen_log.js';
import { Tensor } from '../tensor.js';
import { paddleReleaseBefore } from '../release.js';
import { addKeepingFirstNaN, divKeepingFirstNaN, flipSign, mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** The default NaN of x86 SSE (sign set) that inf − inf gives. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** One path's elementary operations: a packet's or the tail's. */
interface Path {
  neg(v: number): number;
  max0(v: number): number;
  exp(v: number): number;
  log(v: number): number;
}

/** The Eigen packet path: pnegate is 0 − v (so −(+0) is +0), pmax keeps the NaN, polynomial exp and log. */
function packetPath(d: DType): Path {
  const [exp, log] = d.name === 'float64' ? [eigenExpDouble, eigenLogDouble] : [eigenExpFloat, eigenLogFloat];
  return {
    neg: (v) => (v !== v ? v : d.round(0 - v)),
    max0: (v) => (v !== v ? v : v > 0 ? v : 0),
    exp: (v) => (v !== v ? v : d.round(exp(v))),
    log: (v) => { const r = log(v); return r !== r ? r : d.round(r); },
  };
}

/** The scalar tail: unary minus flips the sign (NaN too), std::max(v, 0) keeps v unless v < 0, the C library's exp and log. */
function tailPath(d: DType): Path {
  const [exp, log] = d.name === 'float64' ? [libmExp, libmLog] : [libmExpFloat, libmLogFloat];
  return {
    neg: flipSign,
    max0: (v) => (v < 0 ? 0 : v),
    exp: (v) => (v !== v ? v : d.round(exp(v))),
    log: (v) => (v !== v ? v : d.round(log(v))),
  };
}

/** a − b as subss/subps: the first NaN operand, else x86's default NaN for inf − inf. */
function sub(a: number, b: number, d: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  const r = d.round(a - b);
  return r !== r ? X86_DEFAULT_NAN : r;
}

/** The shift's terms of one element: t, exp(−t) and exp(−x − t). */
function terms(x: number, p: Path, d: DType): { t: number; b: number; a: number } {
  const negX = p.neg(x);
  const t = p.max0(negX);
  return { t, b: p.exp(p.neg(t)), a: p.exp(sub(negX, t, d)) };
}

/** logsigmoid(x) on the tape. */
export function logSigmoid(tape: Tape, x: Var): Var {
  requireKernel('logsigmoid', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const n = x.value.size;
  const whole = n - (n % packetSize(d.name));
  const [packet, tail] = [packetPath(d), tailPath(d)];
  const out = d.allocate(n);
  for (let k = 0; k < n; k++) {
    const p = k < whole ? packet : tail;
    const v = x.value.at(k);
    const { t, b, a } = terms(v, p, d);
    d.set(out, k, sub(p.neg(t), p.log(addKeepingFirstNaN(b, a, d)), d));
  }
  // Before Paddle 3.0.0 the gradient's tail kept a NaN x's sign (Paddle 2.6.2: NaN gives +NaN, 3.0.0 on −NaN).
  const gradTail = paddleReleaseBefore('3.0.0') ? { ...tail, neg: (v: number) => (v !== v ? v : flipSign(v)) } : tail;
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => [gradient(x.value, dout, whole, packet, gradTail, d)]);
}

/** LogSigmoidGradFunctor: exp(−x − t) / (exp(−t) + exp(−x − t)), times the upstream. */
function gradient(x: Tensor, dout: Tensor, whole: number, packet: Path, tail: Path, d: DType): Tensor {
  const g = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) {
    const { b, a } = terms(x.at(k), k < whole ? packet : tail, d);
    d.set(g, k, mulKeepingFirstNaN(divKeepingFirstNaN(a, addKeepingFirstNaN(b, a, d), d), d.round(dout.at(k)), d));
  }
  return new Tensor(x.dtype, x.shape, g);
}
