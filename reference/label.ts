/**
 * How the loss decides that a label "is" 1 or -1: Paddle's `label == 1.0`.
 */
import type { DType } from './dtype.js';
import { paddleReleaseBefore } from './release.js';

/**
 * Paddle's float `equal`: two finite floats are equal when their difference,
 * computed in the label's dtype, is below 1e-15 in magnitude.
 *
 * Rule `label-equality-tolerance`: `label == 1.0` runs phi's EqualFunctor,
 * which for floating dtypes tests |a - b| < 1e-15 rather than a == b; so a
 * float64 label within 4 ulps of ±1 (e.g. 1 + 2^-52, -1 - 2^-51) counts as
 * ±1. Infinities compare exactly and NaN equals nothing. Float32, float16 and
 * bfloat16 labels have no neighbour of ±1 that close, so only exact ±1 match.
 * Confirmed against Paddle 3.3.1 (1 + 4·2^-52 matches, 1 + 5·2^-52 does not).
 * Before Paddle 3.1.0 the tolerance was 1e-8 (2.6.2 and 3.0.0: 1 + 5·2^-52
 * matches too; the releases' overlays record it).
 */
export function labelIs(label: number, target: 1 | -1, labelDtype: DType): boolean {
  if (!labelDtype.floating || !Number.isFinite(label)) return label === target;
  return Math.abs(labelDtype.round(label - target)) < labelTolerance();
}

/** The equality tolerance of the release being reproduced. */
function labelTolerance(): number {
  return paddleReleaseBefore('3.1.0') ? 1e-8 : 1e-15;
}
