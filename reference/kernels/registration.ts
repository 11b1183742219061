/**
 * Which dtypes each of Paddle's CPU kernels is registered for, written once
 * for every loss that calls the kernel. Calling one with another dtype raises
 * RuntimeError (NotFound) naming the kernel and its registered dtypes, in the
 * order Paddle's message lists them (its registry's hash order, not sorted).
 * Read off Paddle 3.3.1's own messages; the suite compares error types, not
 * this wording.
 */
import type { DTypeName } from '../dtype.js';
import { kernelNotRegistered } from '../errors.js';

/** Each kernel's registered dtypes as Paddle 3.3.1 lists them. */
export const KERNEL_DTYPES = {
  subtract: 'int64, int16, float64, complex128, float32, complex64, int32, bfloat16',
  multiply: 'int64, float64, complex128, float32, complex64, int32, bfloat16, bool',
  add: 'int16, float64, complex128, int32, uint8, float32, complex64, bool, int64, int8',
  relu: 'float64, float32',
  abs: 'int32, int64, float64, complex128, float32, complex64',
  mean_all: 'float64, complex128, float32, complex64, bfloat16',
  square: 'int32, int64, float64, complex128, float32, complex64',
  mean: 'int32, int64, float64, complex128, float32, complex64, bool',
  huber_loss: 'float64, float32',
  sqrt: 'float64, complex128, float32, complex64',
  divide: 'int16, float64, complex128, int32, uint8, float32, complex64, bool, int64, int8',
  clip: 'int32, int64, float64, float32',
  where: 'int32, int64, float64, complex128, float32, complex64, bool',
  exp: 'int32, int64, float64, complex128, float16, float32, complex64',
  log: 'int64, float64, complex128, float16, float32, complex64, int32, bfloat16',
  kldiv_loss: 'float64, float32',
  sigmoid_cross_entropy_with_logits: 'float64, float32',
  p_norm: 'float64, float32',
  bce_loss: 'float64, float32',
  exp_grad: 'int32, int64, float64, complex128, float32, complex64',
  log_grad: 'float64, complex128, float32, complex64',
  logsigmoid: 'float64, complex128, float32, complex64',
  log_loss: 'float32',
  margin_cross_entropy: 'float64, float16, float32',
  nll_loss: 'float64, float32',
  index_sample: 'int32, int64, float64, complex128, float32, complex64',
  gather: 'int16, float64, complex128, float32, complex64, int32, uint8, bfloat16, bool, int64, int8',
  cross_entropy_with_softmax: 'float64, float32',
  cross_entropy_with_softmax_grad: 'float64, float32',
  one_hot: 'int64, int32',
  label_smooth: 'float64, float32',
  hsigmoid_loss: 'float64, float32',
  gather_nd: 'int16, float64, complex128, int32, uint8, float32, complex64, bool, int64, int8',
} as const satisfies Record<string, string>;

/** A kernel with a registration above. */
export type KernelName = keyof typeof KERNEL_DTYPES;

/** Returns when the kernel is registered for the dtype; throws Paddle's RuntimeError (NotFound) otherwise. */
export function requireKernel(kernel: KernelName, dtype: DTypeName): void {
  const supported = KERNEL_DTYPES[kernel];
  if (supported.split(', ').includes(dtype)) return;
  throw kernelNotRegistered(kernel, dtype, supported);
}
