/**
 * Paddle's CPU `matmul` of two 2-D tensors as paddle.nn.functional.linear calls it (x [n, k] · w [k, m],
 * then + bias): phi's MatmulKernel → blas.MatMul → MKL's cblas_sgemm / cblas_dgemm.
 *
 * Rule `matmul-k-left-to-right`: each out[i, j] is Σ_t x[i, t]·w[t, j] with every product rounded and the
 * sum taken left to right over t from +0 (so products of −0 give +0), no fused multiply-add (MKL's path on the AMD EPYC of the goldens).
 * Read off Paddle 3.3.1 in float32: every element of [3, 8] · [8, 5], [6, 40] · [40, 8] and [8, 16] · [16, 16]
 * matched over 40 random draws; a fused or a lane-split (2, 4, 8, 16 partial sums) order matched about half.
 * Not every element: in MKL's edge tiles (rows 1–3 of [5, 16] · [16, 7], below the diagonal; row 1 of
 * [2, 100] · [100, 9], columns 0–2; a matrix–vector product [4, 16] · [16, 1]) another order, not yet read,
 * gives about half of those elements another last bit. So the result is bounded, not exact
 * (γ_k·Σ|x||w|, conformance/ops/adaptive_log_softmax_with_loss/tolerance.ts).
 *
 * Rule `matmul-outer-product-keeps-sign`: an outer product (k = 1) of n ≥ 2 rows and m ≥ 2 columns is each
 * product as it is, so a −0 product stays −0 (Paddle 3.3.1: [[−0], [−0]] · [[1, 1]] gives −0 everywhere;
 * [1, 1] · [1, m] and [n, 1] · [1, 1] give +0).
 *
 * Backward: dx = dout · wᵀ and dw = xᵀ · dout, each in the same order.
 */
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
import type { Tape, Var } from './tape.js';

/** out = a · b for a [n, k] and b [k, m], each dot product left to right (rule `matmul-k-left-to-right`). */
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
        d.set(out, i * m + j, d.round(A(i, 0) * B(0, j)));
        continue;
      }
      let acc = 0;
      for (let t = 0; t < k; t++) acc = d.round(acc + d.round(A(i, t) * B(t, j)));
      d.set(out, i * m + j, acc);
    }
  }
  return new Tensor(a.dtype, [n, m], out);
}

/** matmul(x, w) on the tape, with its backward (dx = dout·wᵀ, dw = xᵀ·dout); `values` another port's product. */
export function matmul(tape: Tape, x: Var, w: Var, values = matmulValues): Var {
  return tape.record(values(x.value, w.value), [x, w], (dout) => [values(dout, w.value, false, true), values(x.value, dout, true, false)]);
}
