/**
 * Paddle's `sigmoid_cross_entropy_with_logits` kernel (`_C_ops.sigmoid_cross_entropy_with_logits(x,
 * label, pos_weight, False, -100)`), which binary_cross_entropy_with_logits and sigmoid_focal_loss
 * call, and its backward (phi/kernels/cpu/sigmoid_cross_entropy_with_logits{,_grad}_kernel.cc).
 * Element by element, with y the label, w the pos_weight tensor, each operation rounded once:
 *
 *     no pos_weight:  (max(x, 0) − x·y) + log(1 + exp(−|x|))
 *     pos_weight:     w · (log(exp(−m) + exp(−x − m)) + m) + (1 − y)·x,   m = max(−x, 0)
 *
 * Rule `sigmoid-ce-two-stable-forms`: both forms are the stable ones (no overflow of exp at any
 * |x|), but they differ: with pos_weight, x = −inf gives NaN (−x − m is inf − inf), x = +inf with a
 * label strictly between 0 and 1 gives +inf; without, −inf gives +inf for y = 1 and +inf gives NaN
 * (inf − inf·y). log(1 + e) is not log1p: 1 + e rounds to 1 for |x| > 17 (float32), so the loss
 * is exactly max(x, 0) − x·y there. exp and log are glibc's expf/exp and logf/log (a scalar loop).
 * Before Paddle 3.0.0 the pos_weight form was (max(x, 0) − x·y) + log(1 + exp(−|x|)) · w, which
 * weights only the log term: wrong for x < 0 (Paddle 2.6.2: x = −3, y = 1, w = 2 gives 3.097, not
 * 6.097).
 *
 * Rule `sigmoid-ce-ignore-index`: a label whose C++ int cast (truncation) is −100, i.e. one in
 * (−101, −99], gives 0 and a 0 gradient (the ignore_index −100 the Python source passes); a NaN
 * label casts to INT_MIN and is computed.
 * Rule `sigmoid-ce-kernel-dtype-of-last-input`: the kernel is chosen by the dtype of its last
 * tensor, pos_weight when given, else the label (phi's kernel-key parser); registered for float32
 * and float64 only (RuntimeError NotFound); then x, the label and pos_weight must each hold that
 * dtype, read in that order (ValueError: The type of data we are trying to retrieve …).
 * Rule `sigmoid-ce-shapes-must-equal`: after the kernel is chosen, x and label must have one
 * rank, then one shape, then pos_weight the label's shape (ValueError, no broadcasting), unless the
 * label is 0-D: then pos_weight may have any shape, and its first element is used.
 *
 * Backward (x only). Rule `sigmoid-ce-grad-at-zero`: since Paddle 3.0.0 the gradient without
 * pos_weight is (x > 0 ? 1 : 0) − y + (−e · (x ≥ 0 ? 1 : −1)) / (1 + e), e = exp(−|x|): at x = ±0
 * the two tests disagree and it is −y − 0.5, not sigmoid(0) − y = 0.5 − y (Paddle 3.3.1, x = 0,
 * y = 0.5: −1). With pos_weight, w · (t / (exp(−m) + exp(−x − m)) + s) + (1 − y), s = x < 0 ? −1 : 0,
 * t = exp(−m)·(−s) + exp(−x − m)·(−1 − s), which is right at 0. Before 3.0.0 both were
 * 1 / (1 + exp(−x)) · w − y (Paddle 2.6.2: 0 at x = 0).
 */
import { dtypeOf, type DType, type DTypeName } from '../dtype.js';
import { libmExp, libmExpFloat, paddleLog } from '../elementary.js';
import { PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { flipSign } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** sigmoid_cross_entropy_with_logits(x, label, pos_weight, False, -100) on the tape: the unreduced loss, and x's gradient. */
export function sigmoidCrossEntropyWithLogits(tape: Tape, x: Var, label: Var, posWeight?: Var): Var {
  // Rule sigmoid-ce-kernel-dtype-of-last-input.
  const dtype = (posWeight ?? label).value.dtype;
  requireKernel('sigmoid_cross_entropy_with_logits', dtype);
  checkShapes(x.value.shape, label.value.shape, posWeight?.value.shape);
  for (const t of [x, label, ...(posWeight ? [posWeight] : [])]) {
    if (t.value.dtype !== dtype) {
      throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${dtype}) does not match the type of data (${t.value.dtype}) currently contained in the container.`);
    }
  }
  const f = new Ops(dtype);
  const legacy = paddleReleaseBefore('3.0.0');
  const n = x.value.size;
  const out = f.d.allocate(n);
  for (let k = 0; k < n; k++) {
    const v = x.value.at(k);
    const y = label.value.at(k);
    if (ignored(y)) continue;
    const w = posWeight?.value.at(k);
    let loss: number;
    if (w === undefined || legacy) {
      const term3 = f.log(f.add(1, f.exp(negativeAbs(v))));
      loss = f.add(f.sub(v > 0 ? v : 0, f.mul(v, y)), w === undefined ? term3 : f.mul(term3, w));
    } else {
      const m = v < 0 ? flipSign(v) : 0;
      const term2 = f.log(f.add(f.exp(flipSign(m)), f.exp(f.sub(flipSign(v), m))));
      // The weighted term is the first operand of the final addition, and within it the log term of pos_weight's
      // product: their NaNs win (Paddle 3.3.1: x = +NaN gives −NaN whatever w; x = 1, y = +NaN, w = −NaN gives −NaN).
      loss = f.add(f.mul(f.add(term2, m), w), f.mul(f.sub(1, y), v));
    }
    f.d.set(out, k, loss);
  }
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => [gradient(x.value, label.value, posWeight?.value, dout, f, legacy)]);
}

/** Rule sigmoid-ce-ignore-index: static_cast<int>(label) == -100 (x86 truncation; NaN and out-of-range give INT_MIN). */
function ignored(y: number): boolean {
  return y === y && Math.trunc(y) === -100;
}

/** SigmoidCrossEntropyWithLogitsGradKernel: dout · diff, per release and form (rule sigmoid-ce-grad-at-zero). */
function gradient(x: Tensor, label: Tensor, posWeight: Tensor | undefined, dout: Tensor, f: Ops, legacy: boolean): Tensor {
  const g = f.d.allocate(x.size);
  for (let k = 0; k < x.size; k++) {
    const v = x.at(k);
    const y = label.at(k);
    if (ignored(y)) continue;
    const w = posWeight?.at(k);
    let diff: number;
    if (legacy) {
      const sigmoid = f.div(1, f.add(1, f.exp(flipSign(v))));
      diff = f.sub(w === undefined ? sigmoid : f.mul(sigmoid, w), y);
    } else if (w === undefined) {
      const e = f.exp(negativeAbs(v));
      // GCC folds −e · (±1) to e · (∓1): a NaN e keeps its sign.
      const term3 = f.div(f.mul(e, v >= 0 ? -1 : 1), f.add(1, e));
      diff = f.add(f.sub(v > 0 ? 1 : 0, y), term3);
    } else {
      const m = v < 0 ? flipSign(v) : 0;
      const s = v < 0 ? -1 : 0;
      const down1 = f.exp(flipSign(m));
      const down2 = f.exp(f.sub(flipSign(v), m));
      const t = f.add(f.mul(down1, flipSign(s)), f.mul(down2, f.sub(-1, s)));
      diff = f.add(f.mul(f.add(f.div(t, f.add(down1, down2)), s), w), f.sub(1, y));
    }
    // diff · dout: diff's NaN wins over the upstream's (Paddle 3.3.1 and 2.6.2: x = +NaN, y = 0, upstream +NaN gives −NaN).
    f.d.set(g, k, f.mul(diff, dout.at(k)));
  }
  return new Tensor(dout.dtype, x.shape, g);
}

/** −|v| as C++ computes it: a NaN comes out with its sign bit set. */
function negativeAbs(v: number): number {
  return v !== v ? X86_DEFAULT_NAN : -Math.abs(v);
}

/** x86's default NaN (sign bit set): what inf − inf, 0 · inf and 0 / 0 give. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** The scalar loop's operations in the dtype: a NaN operand is returned as it is (the first), a new NaN is x86's default one. */
class Ops {
  readonly d: DType;
  private readonly expOf: (v: number) => number;
  constructor(readonly dtype: DTypeName) {
    this.d = dtypeOf(dtype);
    this.expOf = dtype === 'float64' ? libmExp : libmExpFloat;
  }
  private fresh(a: number, b: number, r: number): number {
    if (a !== a) return a;
    if (b !== b) return b;
    return r !== r ? X86_DEFAULT_NAN : this.d.round(r);
  }
  add(a: number, b: number): number { return this.fresh(a, b, a + b); }
  sub(a: number, b: number): number { return this.fresh(a, b, a - b); }
  mul(a: number, b: number): number { return this.fresh(a, b, a * b); }
  div(a: number, b: number): number { return this.fresh(a, b, a / b); }
  exp(a: number): number { return a !== a ? a : this.d.round(this.expOf(a)); }
  log(a: number): number { return a !== a ? a : this.d.round(paddleLog(a, this.dtype === 'float64' ? 'float64' : 'float32')); }
}

/** SigmoidCrossEntropyWithLogitsInferMeta: one rank, then one shape; pos_weight the label's shape. */
function checkShapes(x: readonly number[], y: readonly number[], w?: readonly number[]): void {
  if (x.length !== y.length) {
    throw new PaddleValueError(`(InvalidArgument) Input(X) and Input(Label) shall have the same rank.But received: the rank of Input(X) is [${x.length}], the rank of Input(Label) is [${y.length}].`);
  }
  if (x.some((v, i) => v !== y[i])) {
    throw new PaddleValueError(`(InvalidArgument) Input(X) and Input(Label) shall have the same shape except the last dimension. But received: the shape of Input(X) is [${x.join(', ')}], the shape of Input(Label) is [${y.join(', ')}].`);
  }
  // A 0-D label skips the check (Paddle 3.3.1 and 2.6.2: label [] with pos_weight [2] computes with its first element).
  if (w && y.length > 0 && (w.length !== y.length || w.some((v, i) => v !== y[i]))) {
    throw new PaddleValueError(`(InvalidArgument) Input(pos_weight) and Input(Label) shall have the same shape But received: the shape of Input(PosWeight) is [${w.join(', ')}], the shape of Input(Label) is [${y.join(', ')}].`);
  }
}
