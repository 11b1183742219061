/**
 * How a loss decides that a label "is" 1 or -1: Paddle's `label == 1.0`,
 * the equal kernel's comparison (kernels/equal.ts, rule
 * `equal-float-tolerance` there), for callers outside the tape.
 */
import type { DType } from './dtype.js';
import { elementEquals } from './kernels/equal.js';

/** Whether a label value of the dtype is `== target` as Paddle's `label == target` decides it. */
export function labelIs(label: number, target: 1 | -1, labelDtype: DType): boolean {
  return elementEquals(label, labelDtype.name, target);
}
