/**
 * The `reduction` argument: its validation and the mean and sum reductions in
 * the arithmetic of the loss's dtype.
 */
import { dtypeOf, type DType } from './dtype.js';
import { PaddleValueError } from './errors.js';
import { paddleReleaseBefore } from './release.js';
import { addKeepingFirstNaN } from './x86_nan.js';
import { Tensor } from './tensor.js';

/** The reductions Paddle accepts. */
export const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** A valid `reduction` value. */
export type Reduction = (typeof REDUCTIONS)[number];

/**
 * Throws Paddle's ValueError unless `reduction` is 'none', 'mean' or 'sum'.
 *
 * hinge_embedding_loss's source checks this before touching any tensor
 * (python/paddle/nn/functional/loss.py; its rule
 * `hinge-reduction-checked-first`), with this message naming the API.
 * Non-string values are printed as Python's str() would: None, 1.
 */
export function checkReduction(reduction: unknown, api = 'hinge_embedding_loss'): asserts reduction is Reduction {
  if (typeof reduction === 'string' && (REDUCTIONS as readonly string[]).includes(reduction)) return;
  throw new PaddleValueError(
    `'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`,
  );
}

/** Eigen's packet size on Paddle's AVX CPU build: 8 float32 lanes, 4 float64 lanes. */
function packetSize(dt: DType): number {
  return dt.name === 'float64' ? 4 : 8;
}

/**
 * The sum of all values as Paddle's CPU full reduction (Eigen's vectorised
 * FullReducer) adds them, rounded in the dtype.
 *
 * Rule `sum-full-in-eigen-order` (the sum kernel's, kernels/sum.ts; every
 * loss's reduction uses it): `paddle.sum` over a whole tensor (the
 * inner sums of 1-D inputs, and reduction 'sum') adds whole packets of P
 * lanes (P = 8 float32, 4 float64) into two packet accumulators taken in
 * turn (packet 0, 2, 4, … into the first, 1, 3, 5, … into the second), the
 * leftover n mod P values one by one into a scalar from +0, then returns
 * scalar + predux(acc0 + acc1), where predux halves the lanes ((l0+l4,
 * l1+l5, l2+l6, l3+l7), then (t0+t2) + (t1+t3)). Above P·1024 values the
 * range is split in two at a packet boundary and the halves are summed the
 * same way, recursively. This matched 3,140 random vectors of length
 * 1..100,000 per dtype, and 65 of length up to 10^6, bit for bit, where
 * left-to-right matched about 15% (confirmed against Paddle 3.3.1, CPU).
 * The same order fixes which NaN a sum over NaNs of both signs returns: x86
 * keeps the first NaN operand of an addition.
 *
 * Rule `sum-of-empty-is-zero`: with no elements the sum is +0; Paddle returns
 * +0 with shape [] (confirmed against Paddle 3.3.1).
 */
export function eigenSum(values: ArrayLike<number>, dt: DType): number {
  return eigenRange(values, 0, values.length, dt, packetSize(dt));
}

function eigenRange(values: ArrayLike<number>, first: number, n: number, dt: DType, p: number): number {
  if (n > p * 1024) {
    const split = p * Math.ceil((first + Math.ceil(n / 2)) / p);
    const left = Math.min(split - first, n);
    let acc = addKeepingFirstNaN(0, eigenRange(values, first, left, dt, p), dt);
    if (left < n) acc = addKeepingFirstNaN(acc, eigenRange(values, split, n - left, dt, p), dt);
    return acc;
  }
  const accs = [new Float64Array(p), new Float64Array(p)];
  const whole = Math.floor(n / p) * p;
  for (let j = 0, i = 0; j < whole; j += p, i++) {
    const acc = accs[i % 2]!;
    for (let l = 0; l < p; l++) acc[l] = addKeepingFirstNaN(acc[l]!, values[first + j + l]!, dt);
  }
  // The second accumulator comes first in Paddle's binary since 3.0.0 (a
  // 16-element float32 sum with +NaN in lane 4 of the first packet and -NaN
  // in lane 4 of the second gives 0xffc00000 in 3.3.1), the first in 2.6.2
  // (0x7fc00000). Only which NaN survives depends on it.
  const [lead, trail] = paddleReleaseBefore('3.0.0') ? [accs[0]!, accs[1]!] : [accs[1]!, accs[0]!];
  const lanes = lead.map((v, l) => addKeepingFirstNaN(v, trail[l]!, dt));
  let scalar = 0;
  for (let j = whole; j < n; j++) scalar = addKeepingFirstNaN(scalar, values[first + j]!, dt);
  // The packet sum first, as in the mean (a 9-element float32 sum over -NaN
  // lanes and a +NaN tail gives 0xffc00000, Paddle 3.3.1).
  return addKeepingFirstNaN(predux(lanes, dt), scalar, dt);
}

/**
 * Eigen's horizontal sum of a packet (AVX predux): halve the lanes down to
 * one, (l0+l4, l1+l5, l2+l6, l3+l7), then (t0+t2, t1+t3), then u0+u1.
 *
 * Which NaN survives where NaNs of both signs meet follows the operand
 * order of Paddle's binary, read off Paddle 3.3.1 by placing +NaN and -NaN
 * in every pair of lanes (8 and 16 float32, 4 and 8 float64 values, sum and
 * mean, all 592 + 136 placements matched): the first halving takes the upper
 * half's lane first, the later ones the lower half's.
 */
function predux(lanes: Float64Array, dt: DType): number {
  // Halving in place in the Float64Array, not in a JS array: V8 may store a
  // NaN into a double-element array as its canonical +NaN.
  const v = Float64Array.from(lanes);
  let h = v.length / 2;
  for (let l = 0; l < h; l++) v[l] = addKeepingFirstNaN(v[l + h]!, v[l]!, dt);
  for (h /= 2; h >= 1; h /= 2) for (let l = 0; l < h; l++) v[l] = addKeepingFirstNaN(v[l]!, v[l + h]!, dt);
  return v[0]!;
}

/**
 * The mean of all values as Paddle's CPU mean kernel computes it: Eigen's
 * MeanReducer, which (being stateful) uses one packet accumulator and no
 * split, then divides by the count in the dtype.
 *
 * Rule `sum-full-in-eigen-order` (kernels/sum.ts; every loss reduction uses it): the mean's sum differs from the
 * 'sum' reduction's (one accumulator, not two): 525 random vectors of length
 * 1..100,000 per dtype matched bit for bit (Paddle 3.3.1, CPU).
 */
export function eigenMean(values: ArrayLike<number>, dt: DType): number {
  const n = values.length;
  if (n === 0) return NaN;
  const p = packetSize(dt);
  const acc = new Float64Array(p);
  const whole = Math.floor(n / p) * p;
  for (let j = 0; j < whole; j += p) for (let l = 0; l < p; l++) acc[l] = addKeepingFirstNaN(acc[l]!, values[j + l]!, dt);
  let scalar = 0;
  for (let j = whole; j < n; j++) scalar = addKeepingFirstNaN(scalar, values[j]!, dt);
  // The packet sum comes first in Paddle's binary: with NaNs of both signs
  // in the packet and in the tail, the packet's survives (an 18-row float32
  // cosine mean over -NaN and +NaN rows gives 0xffc00000, Paddle 3.3.1).
  return dt.round(addKeepingFirstNaN(predux(acc, dt), scalar, dt) / dt.round(n));
}

/**
 * A sum of `count` elements divided by the count, rounded in the dtype.
 *
 * Rule `mean-of-empty-is-nan`: with no elements paddle.mean gives the
 * positive quiet NaN, not 0/0 (meanOfEmpty); the caller checks first that
 * the release accepts an empty tensor (checkReducible).
 */
export function meanOfSum(total: number, count: number, dtype: DType): number {
  if (count === 0) return NaN;
  return dtype.round(total / dtype.round(count));
}

/**
 * The Paddle kernel that takes a loss's mean: `mean` (paddle.mean, as
 * hinge_embedding_loss, soft_margin_loss and cosine_embedding_loss call it)
 * or `mean_all` (margin_ranking_loss's `_C_ops.mean_all`). They differ only
 * on an empty loss, and only before Paddle 3.1.0.
 */
export type MeanKernel = 'mean' | 'mean_all';

/**
 * Applies a valid reduction to an unreduced loss: 'none' returns it; mean and
 * sum give a 0-D tensor of its dtype, also for an empty loss (shape [] since
 * Paddle 2.5) where the release's kernel accepts one (checkReducible): the
 * dtype-rounded sum, and for mean that sum divided by the count.
 */
export function reduceLoss(loss: Tensor, reduction: Reduction, meanKernel: MeanKernel = 'mean'): Tensor {
  if (reduction === 'none') return loss;
  checkReducible(loss.size, reduction, meanKernel);
  const dtype = dtypeOf(loss.dtype);
  const data = dtype.allocate(1);
  const mean = (): number => (loss.size === 0 ? meanOfEmpty(meanKernel) : eigenMean(loss.data, dtype));
  dtype.set(data, 0, reduction === 'sum' ? eigenSum(loss.data, dtype) : mean());
  return new Tensor(loss.dtype, [], data);
}

/**
 * Throws the ValueError with which the release's reduce kernels refuse an
 * empty tensor, and returns otherwise.
 *
 * Rule `sum-of-empty-is-zero`: before
 * Paddle 3.0.0 the sum kernel refused an empty tensor, "(InvalidArgument)
 * Tensor need be reduced must not empty." (confirmed against Paddle 2.6.2:
 * margin_ranking_loss of [0] operands, margin 0, 'sum'); since 3.0.0 it sums
 * to +0.
 *
 * Rule `mean-of-empty-is-nan`: paddle.mean's kernel refused an empty tensor
 * the same way before Paddle 3.1.0 (confirmed against Paddle 2.6.2 and
 * 3.0.0: hinge_embedding_loss of [0] operands, 'mean'); since 3.1.0 it gives
 * NaN. `mean_all` accepts one in 3.0.0 (and crashes Paddle 2.6.2's process,
 * which the reference does not reproduce).
 */
export function checkReducible(count: number, reduction: Reduction, meanKernel: MeanKernel = 'mean'): void {
  if (count > 0 || reduction === 'none') return;
  const refuses = reduction === 'sum' ? paddleReleaseBefore('3.0.0') : meanKernel === 'mean' && paddleReleaseBefore('3.1.0');
  if (refuses) throw new PaddleValueError('(InvalidArgument) Tensor need be reduced must not empty.');
}

/** x86's default NaN, sign bit set: what 0/0 gives on x86. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/**
 * The mean of an empty loss.
 *
 * Rule `mean-of-empty-is-nan` (and `mean-all-of-empty-is-nan`): Paddle
 * returns the positive quiet NaN (float32 0x7fc00000), not the NaN that 0/0
 * gives on x86 (0xffc00000, sign bit set), so it is returned as a constant
 * rather than computed (confirmed against Paddle 3.3.1, bitwise). Before
 * Paddle 3.1.0 `mean_all` divided, 0/0, and gave x86's 0xffc00000
 * (confirmed against Paddle 3.0.0: margin_ranking_loss of [0] operands,
 * 'mean').
 */
export function meanOfEmpty(meanKernel: MeanKernel): number {
  return meanKernel === 'mean_all' && paddleReleaseBefore('3.1.0') ? X86_DEFAULT_NAN : NaN;
}

/** Python's `str()` of a value as an f-string would print it, for Paddle's messages. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return String(value);
}

/** Python's `repr()` of a list element: strings quoted, everything else as `str()`. */
function pythonRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : pythonStr(value);
}
