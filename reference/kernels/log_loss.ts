/**
 * Paddle's `log_loss` kernel (`_C_ops.log_loss(input, label, epsilon)`) and its backward, as Paddle 3.3.1's CPU
 * build computes them (phi/kernels/funcs/eigen/loss.cc, EigenLogLoss and EigenLogLossGrad), one Eigen
 * expression each over the flattened tensors, p the input, t the label, ε the epsilon attribute:
 *
 *     out = −(t · log(p + ε)) − (1 − t) · log(1 − p + ε)          dp = g · (−(t / (p + ε)) + (1 − t) / (1 − p + ε))
 *
 * each operation rounded once in float32, (1 − p) + ε in that order.
 *
 * Rule `log-loss-packet-and-tail`: Eigen evaluates both in AVX packets of 8 lanes, and the last n mod 8 elements
 * one by one. In packets the log is Eigen's plog_float (elementary.ts: a subnormal argument gives log(FLT_MIN),
 * −87.34; a negative or NaN one 0xffffffff) and the negation is 0 − v (pnegate: +0 stays +0, a NaN is kept); in
 * the tail the log is glibc's logf and the negation a sign flip (Paddle 3.3.1, input 1e-45, label 1, ε 0: nine
 * elements give 87.34 eight times and 103.28 last; input −1 gives 0xffffffff, then 0x7fc00000 last).
 *
 * Rule `log-loss-float32-kernel-only`: registered for float32 only, and chosen by the label's dtype (a float32
 * input with a float64 label asks for the float64 kernel: RuntimeError NotFound); a float32 label with an input of
 * another dtype raises ValueError when the kernel reads the input, and gives an empty float32 result when it is empty
 * (since Paddle 3.1.0; before, the empty input is read too).
 * Rule `log-loss-shapes-2d-column` (LogLossInferMeta, between the two): the shapes must be equal, no broadcasting,
 * then of rank 2, then with a second dimension of 1 (ValueError each).
 *
 * Only the input has a gradient: the label gets none.
 */
import { dtypeOf } from '../dtype.js';
import { eigenLogFloat, libmLogFloat, packetSize } from '../elementary.js';
import { PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { flipSign } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

const F32 = dtypeOf('float32');

/** log_loss(input, label, epsilon) on the tape: the [N, 1] loss, and the input's gradient. */
export function logLoss(tape: Tape, input: Var, label: Var, epsilon: number): Var {
  requireKernel('log_loss', label.value.dtype);
  checkShapes(input.value.shape, label.value.shape);
  const p = input.value;
  // An empty input is not read since Paddle 3.1.0 (3.0.0: ValueError for a float64 [0, 1] input).
  if (p.dtype !== 'float32' && (p.size > 0 || paddleReleaseBefore('3.1.0'))) {
    throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (float32) does not match the type of data (${p.dtype}) currently contained in the container.`);
  }
  const eps = Math.fround(epsilon);
  const n = p.size;
  const out = F32.allocate(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  const inPackets = n - (n % packetSize('float32'));
  for (let k = 0; k < n; k++) {
    const packet = k < inPackets;
    const t = label.value.at(k);
    a[k] = add(p.at(k), eps);
    b[k] = add(sub(1, p.at(k)), eps);
    const t1 = product(t, log(a[k]!, packet), packet);
    const t2 = product(sub(1, t), log(b[k]!, packet), packet);
    F32.set(out, k, sub(negative(t1, packet), t2));
  }
  const loss = new Tensor('float32', p.shape, out);
  return tape.record(loss, [input], (dout) => [gradient(label.value, a, b, dout, inPackets)]);
}

/** EigenLogLossGrad: g · (−(t / a) + (1 − t) / b), a = p + ε and b = (1 − p) + ε as the forward rounded them. */
function gradient(label: Tensor, a: Float32Array, b: Float32Array, dout: Tensor, inPackets: number): Tensor {
  const g = F32.allocate(dout.size);
  for (let k = 0; k < dout.size; k++) {
    const t = label.at(k);
    const q1 = div(t, a[k]!);
    const q2 = div(sub(1, t), b[k]!);
    // The tail is GCC's fold of −q1 + q2 into q2 − q1: a NaN q2 comes first (Paddle 3.3.1, input 0, label 0, ε 0: 0xffc00000).
    const inner = k < inPackets ? add(negative(q1, true), q2) : sub(q2, q1);
    F32.set(g, k, mul(dout.at(k), inner));
  }
  return new Tensor('float32', dout.shape, g);
}

/**
 * m · log as compiled: the multiply takes the log's NaN before the label's (3.3.1, input NaN, label −NaN:
 * 0xffffffff in a packet lane); Paddle 2.6.2's packets take the label's, as the source writes it (0xffc00000).
 */
function product(m: number, log: number, packet: boolean): number {
  return packet && paddleReleaseBefore('3.0.0') ? mul(m, log) : mul(log, m);
}

/** The log of a packet lane (Eigen's plog_float) or of a tail element (glibc's logf, a NaN kept). */
function log(v: number, packet: boolean): number {
  if (packet) return eigenLogFloat(v);
  if (v !== v) return v;
  // Paddle 2.6.2's tail log of a negative number is +NaN, glibc's −NaN (input 0.2, label 1, ε −0.5: 0xffc00000 after the negation).
  if (v < 0 && paddleReleaseBefore('3.0.0')) return POSITIVE_NAN;
  return Math.fround(libmLogFloat(v));
}

/** −v: pnegate's 0 − v in a packet (+0 for ±0, a NaN kept), a sign flip in the tail. */
function negative(v: number, packet: boolean): number {
  return packet ? sub(0, v) : flipSign(v);
}

/** The quiet NaN with the sign bit clear (0x7fc00000 in float32). */
const POSITIVE_NAN = new Float64Array(new BigUint64Array([0x7ff8000000000000n]).buffer)[0]!;

/** x86's default NaN, sign bit set: what an invalid operation (0 · inf, inf − inf, 0 / 0) gives. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** One SSE operation in float32: the first NaN operand itself, the default NaN for an invalid one, else r rounded. */
function sse(r: number, x: number, y: number): number {
  if (x !== x) return x;
  if (y !== y) return y;
  return r !== r ? X86_DEFAULT_NAN : Math.fround(r);
}
const add = (x: number, y: number): number => sse(x + y, x, y);
const sub = (x: number, y: number): number => sse(x - y, x, y);
const mul = (x: number, y: number): number => sse(x * y, x, y);
const div = (x: number, y: number): number => sse(x / y, x, y);

/** LogLossInferMeta: equal shapes, then rank 2, then a second dimension of 1. */
function checkShapes(pred: readonly number[], label: readonly number[]): void {
  if (pred.join() !== label.join() || pred.length !== label.length) {
    throw new PaddleValueError(`(InvalidArgument) The dimensions of Input(Predicted) must be equal to the dimensions of Input(Labels), but received dimensions of Input(Predicted) is [${pred.join(', ')}], received dimensions of Input(Labels) is [${label.join(', ')}].`);
  }
  if (pred.length !== 2) {
    throw new PaddleValueError(`(InvalidArgument) The dimensions of Input(Predicted) must be 2,But received dimensions of Input(Predicted)is [${pred.length}]`);
  }
  if (pred[1] !== 1) {
    throw new PaddleValueError(`(InvalidArgument) Each row of Input(Predicted) contains a real value, so the 2nd dimension of Input(X) must be 1,But got [${pred[1]}]`);
  }
}
