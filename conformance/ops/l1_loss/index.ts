/** paddle.nn.functional.l1_loss and paddle.nn.L1Loss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { L1_DESCRIPTOR } from './descriptor.js';
import { L1_MUTANTS } from './mutants.js';

/** The descriptor of l1_loss. */
export const l1LossOp: OpDescriptor = { ...L1_DESCRIPTOR, mutants: L1_MUTANTS };
