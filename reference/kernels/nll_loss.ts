/**
 * Paddle's `nll_loss` kernel (`_C_ops.nll_loss(x, label, weight, ignore_index, reduction)`) and its
 * backward (phi/kernels/cpu/nll_loss_kernel.cc, nll_loss_grad_kernel.cc, NllLossRawInferMeta in
 * phi/infermeta/ternary.cc). x is [N, C] or [N, C, H, W], the label [N] or [N, H, W]; element k of
 * the label picks x's class at k, in one sequential loop of the dtype:
 *
 *     'none':  out[k] = ignored ? +0 : (−x[k, y]) · w[y]
 *     else:    total += w[y]; acc −= x[k, y] · w[y]     (ignored: skipped)
 *              'mean' and total ≠ 0: acc / total;  otherwise acc (0 when every label is ignored)
 *
 * Rule `nll-loss-mean-divides-by-total-weight`: the mean divides by the sum of the weights of the
 * non-ignored labels, summed in label order; when that sum is 0 (all ignored, or weights 0 or
 * cancelling) the sum itself is returned, undivided. Rule `nll-loss-label-range-checked`: a label
 * that is not ignore_index must lie in [0, C), checked element by element as the loop reaches it
 * (ValueError; 'none' names the range and the value). Rule `nll-loss-int64-labels-only`: the
 * kernel reads the label as int64 and the weight in x's dtype: an int32 label or a weight of
 * another dtype raises ValueError (The type of data we are trying to retrieve …), empty or not.
 * Rule `nll-loss-float-kernels-only`: registered for float32 and float64.
 * Rule `nll-loss-shapes-checked-by-infer-meta`: only N (x's first dimension against the label's),
 * the weight's rank and size, and for 4-D x the label's rank and [N, H, W] are checked; a 2-D x
 * reads its first N labels whatever the label's other dimensions ([N, 1] and [N, 3] both pass).
 *
 * Backward (x only). Rule `nll-loss-grad-scatters-negated-weight`: x's gradient is +0 except at
 * each non-ignored label's class: 'none' (−g[k]) · w[y] ([N, C]) or (−w[y]) · g[k] (4-D), else
 * (−g) · w[y], divided by the total weight under 'mean' (by a total of 0 too: ±inf or NaN).
 */
import { dtypeOf, type DType } from '../dtype.js';
import { PaddleValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, flipSign } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** x86's default NaN (0/0, inf · 0, inf − inf), sign bit set. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** An SSE operation: the first NaN operand, else the default NaN for an invalid result, else the rounded result. */
function sse(op: (a: number, b: number) => number, a: number, b: number, d: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  const r = op(a, b);
  return r !== r ? X86_DEFAULT_NAN : d.round(r);
}
const mul = (a: number, b: number, d: DType): number => sse((p, q) => p * q, a, b, d);

/** nll_loss on the tape: x [N, C] or [N, C, H, W], an int64 label [N] or [N, H, W], an optional weight [C]. */
export function nllLoss(tape: Tape, x: Var, label: Tensor, weight: Tensor | undefined, ignoreIndex: number, reduction: string): Var {
  requireKernel('nll_loss', x.value.dtype);
  const dims = x.value.shape;
  const [n, c] = [dims[0]!, dims[1]!];
  const outShape = checkShapes(dims, label.shape, weight?.shape, reduction);
  const reads: Array<[Tensor, string]> = [[label, 'int64'], ...(weight ? [[weight, x.value.dtype] as [Tensor, string]] : [])];
  for (const [t, want] of reads) {
    if (t.dtype !== want) throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${want}) does not match the type of data (${t.dtype}) currently contained in the container.`);
  }
  const d = dtypeOf(x.value.dtype);
  const map = dims.length === 4 ? dims[2]! * dims[3]! : 1;
  const w = (y: number): number => (weight ? weight.at(y) : 1);
  const out = d.allocate(reduction === 'none' ? n * map : 1);
  let [acc, total] = [0, 0];
  for (let k = 0; k < n * map; k++) {
    const y = label.at(k);
    if (y === ignoreIndex) continue;
    if (!(y >= 0 && y < c)) {
      throw new PaddleValueError(reduction === 'none' && dims.length === 2 ? `(InvalidArgument) Label value is out of range. Expected label value in range of [0, ${c}), but received value is ${y}.` : '(InvalidArgument) label should not be out of bounds.');
    }
    const v = x.value.at(Math.floor(k / map) * c * map + y * map + (k % map));
    if (reduction === 'none') { d.set(out, k, mul(flipSign(v), w(y), d)); continue; }
    total = addKeepingFirstNaN(total, w(y), d);
    acc = sse((p, q) => p - q, acc, mul(v, w(y), d), d);
  }
  // Rule nll-loss-mean-divides-by-total-weight: `if (reduction == "mean" && total_weight_val != 0)`.
  if (reduction !== 'none') d.set(out, 0, reduction === 'mean' && total !== 0 ? sse((p, q) => p / q, acc, total, d) : acc);
  return tape.record(new Tensor(d.name, outShape, out), [x], (dout) => [gradient(x.value, label, w, ignoreIndex, reduction, total, dout)]);
}

/** NllLossGradKernel: +0 everywhere but each kept label's class. */
function gradient(x: Tensor, label: Tensor, w: (y: number) => number, ignoreIndex: number, reduction: string, total: number, dout: Tensor): Tensor {
  const d = dtypeOf(x.dtype);
  const [c, map] = [x.shape[1]!, x.shape.length === 4 ? x.shape[2]! * x.shape[3]! : 1];
  const dx = d.allocate(x.size);
  for (let k = 0; k < label.size && x.size > 0; k++) {
    const y = label.at(k);
    if (y === ignoreIndex) continue;
    const at = Math.floor(k / map) * c * map + y * map + (k % map);
    if (reduction === 'none') d.set(dx, at, x.shape.length === 4 ? mul(flipSign(w(y)), dout.at(k), d) : mul(flipSign(dout.at(k)), w(y), d));
    else d.set(dx, at, reduction === 'mean' ? sse((p, q) => p / q, mul(flipSign(dout.at(0)), w(y), d), total, d) : mul(flipSign(dout.at(0)), w(y), d));
  }
  return new Tensor(x.dtype, x.shape, dx);
}

/** NllLossRawInferMeta: N, the weight, and for 4-D x the label's [N, H, W]; the output's shape. */
function checkShapes(x: readonly number[], label: readonly number[], weight: readonly number[] | undefined, reduction: string): number[] {
  const fail = (message: string): never => { throw new PaddleValueError(`(InvalidArgument) ${message}`); };
  if (x[0] !== label[0]) fail(`ShapeError: Expected input batch_size to match label batch_size,But received: the Input(x) batch_size is [${x[0]}], the Input(label)  batch_size is [${label[0]}].`);
  if (weight && weight.length !== 1) fail('Input(Weight) should be a 1D tensor.');
  if (weight && weight[0] !== x[1]) fail(`Expected input tensor Weight's size should equal to the first dimension of the input tensor X. But received Weight's size is ${weight[0]}, the first dimension of input X is ${x[1]}`);
  if (x.length === 4 && label.length !== 3) fail(`Expected Input(Label) dimensions=3, received ${label.length}.`);
  if (x.length === 4 && (label[1] !== x[2] || label[2] !== x[3])) fail('Input(X) tensor shape should match to Input(Label) tensor shape.');
  if (reduction !== 'none') return [];
  return x.length === 4 ? [x[0]!, x[2]!, x[3]!] : [x[0]!];
}
