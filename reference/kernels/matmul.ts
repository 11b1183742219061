/**
 * Paddle's CPU `matmul` of two matrices (phi's MatmulKernel → blas.MatMul → MKL's cblas_sgemm / cblas_dgemm):
 * x [n, k] · w [k, m] as paddle.nn.functional.linear calls it, and x · yᵀ as `paddle.matmul(x, y,
 * transpose_y=True)` (npair_loss's similarity), each with its backward.
 *
 * Rule `matmul-k-left-to-right`: each out[i, j] is Σ_t x[i, t]·w[t, j] with every product rounded and the
 * sum taken left to right over t from +0 (so products of −0 give +0), no fused multiply-add (MKL's path on the
 * AMD EPYC of the goldens); where both operands are NaN the second factor's NaN is kept, then the first NaN of
 * the sum. Read off Paddle 3.3.1 in float32: every element of [3, 8] · [8, 5], [6, 40] · [40, 8] and
 * [8, 16] · [16, 16] over 40 random draws, and by placing ±2^40 pairs among ones: where both dimensions are at
 * least 8, each full block of 8 columns adds left to right. Not every element: MKL's edge tiles (the last
 * N mod 8 columns, every element when a dimension is below 8, a matrix–vector product) run a kernel of 4
 * lanes over K whose peel and tail follow the row's alignment ((p0 + p2) + (p1 + p3) at M = 4, K a multiple
 * of 4). So the result is bounded, not exact: γ_k·Σ|x||w| (each op's tolerance).
 *
 * Rule `matmul-outer-product-keeps-sign`: an outer product (k = 1) of n ≥ 2 rows and m ≥ 2 columns is each
 * product as it is, so a −0 product stays −0 (Paddle 3.3.1: [[−0], [−0]] · [[1, 1]] gives −0 everywhere;
 * [1, 1] · [1, m] and [n, 1] · [1, 1] give +0).
 *
 * Rule `matmul-no-promotion`: operands of different dtypes are not promoted: x's kernel refuses y's data
 * (ValueError), except that since Paddle 3.0.0 an integer y meeting a float32 x is cast to float32, and its
 * backward refuses it (Paddle 3.3.1 and 3.0.0: float32 times int64 or int32 is float32, the backward
 * ValueError; float64 times int64, float32 times float64, int64 times float32 raise; 2.6.2 all raise).
 *
 * Backward: dx = dout · wᵀ and dw = xᵀ · dout (with transpose_y: dx = dout · y, dy = doutᵀ · x), each in the
 * same order.
 */
import { dtypeOf } from '../dtype.js';
import { PaddleNotImplementedError, PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { cast } from './cast.js';
import { castGradient } from './promotion.js';
import { Tape, type Var } from './tape.js';

/** out = a · b for a [n, k] and b [k, m] (either transposed), each dot product left to right (rule `matmul-k-left-to-right`). */
export function matmulValues(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  const d = dtypeOf(a.dtype);
  const [n, k] = transA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const m = transB ? b.shape[0]! : b.shape[1]!;
  const A = (i: number, t: number): number => (transA ? a.at(t * n + i) : a.at(i * k + t));
  const B = (t: number, j: number): number => (transB ? b.at(j * k + t) : b.at(t * m + j));
  const out = d.allocate(n * m);
  const outer = k === 1 && n > 1 && m > 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      // Rule matmul-outer-product-keeps-sign: k = 1 with n, m ≥ 2 is the product itself.
      if (outer) {
        d.set(out, i * m + j, mulKeepingFirstNaN(B(0, j), A(i, 0), d));
        continue;
      }
      let acc = 0;
      for (let t = 0; t < k; t++) acc = addKeepingFirstNaN(acc, mulKeepingFirstNaN(B(t, j), A(i, t), d), d);
      d.set(out, i * m + j, acc);
    }
  }
  return new Tensor(a.dtype, [n, m], out);
}

/** matmul(x, w) on the tape, with its backward (dx = dout·wᵀ, dw = xᵀ·dout); `values` another port's product. */
export function matmul(tape: Tape, x: Var, w: Var, values = matmulValues): Var {
  return tape.record(values(x.value, w.value), [x, w], (dout) => [values(dout, w.value, false, true), values(x.value, dout, true, false)]);
}

/** x · yᵀ for x [M, K] and y [N, K], on the tape: [M, N] (rule `matmul-no-promotion` for operands of two dtypes). */
export function matmulTransposeY(tape: Tape, x: Var, y: Var): Var {
  const [, k] = x.value.shape as [number, number];
  const [, ky] = y.value.shape as [number, number];
  if (k !== ky) {
    throw new PaddleValueError(`(InvalidArgument) In operator matmul, the [1] dimension of Input(X) must be equal to the [1] dimension of Input(Y). But receiving the [1]dimension of Input(X) is [${k}], and the [1] dimension of Input(Y) is [${ky}].`);
  }
  const dtype = x.value.dtype;
  if (y.value.dtype !== dtype) {
    // Rule `matmul-no-promotion`: no promotion but an integer y meeting a float32 x, cast to float32 since Paddle 3.0.0.
    if (dtype === 'float32' && !dtypeOf(y.value.dtype).floating && !paddleReleaseBefore('3.0.0')) {
      // Its backward then finds y's data integer (Paddle 3.3.1: ValueError, whichever gradient is asked for).
      const out = matmulValues(x.value, cast(new Tape(), y, 'float32').value, false, true);
      return tape.record(out, [x, y], () => {
        // An integer y that alone wants a gradient meets its other use's first (Paddle 3.3.1: NotImplementedError);
        // with x's asked for too, matmul_grad's ValueError comes first.
        if (y.needsGrad && !x.needsGrad) throw new PaddleNotImplementedError(`(Unimplemented) Gradient accumulation of data type (${y.value.dtype === 'int32' ? 'int' : 'int64_t'}) on place (Place(cpu)) is not supported in imperative mode`);
        throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (float32) does not match the type of data (${y.value.dtype}) currently contained in the container.`);
      });
    }
    throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${y.value.dtype}) does not match the type of data (${dtype}) currently contained in the container.`);
  }
  return tape.record(matmulValues(x.value, y.value, false, true), [x, y], (dout) => [
    castGradient(matmulValues(dout, y.value), x.value.dtype),
    castGradient(matmulValues(dout, x.value, true, false), y.value.dtype),
  ]);
}
