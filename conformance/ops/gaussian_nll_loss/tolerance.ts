import type { OpSignature } from '../../op.js';
import { EXACT_WITH_SUMMATION, type TolerancePolicies } from '../../tolerance.js';
export function gaussianNllTolerance(_signature: OpSignature): TolerancePolicies {
  return EXACT_WITH_SUMMATION;
}
