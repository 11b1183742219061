/** paddle.nn.functional.soft_margin_loss and paddle.nn.SoftMarginLoss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { SOFT_MARGIN_DESCRIPTOR } from './descriptor.js';
import { SOFT_MARGIN_MUTANTS } from './mutants.js';

/** The descriptor of soft_margin_loss. */
export const softMarginLoss: OpDescriptor = { ...SOFT_MARGIN_DESCRIPTOR, mutants: SOFT_MARGIN_MUTANTS };
