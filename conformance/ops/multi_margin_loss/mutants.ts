import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
export function multiMarginLossMutants(_op: Omit<OpDescriptor, 'mutants'>): readonly Variant[] { return []; }
