/** paddle.nn.functional.smooth_l1_loss and paddle.nn.SmoothL1Loss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { SMOOTH_L1_DESCRIPTOR } from './descriptor.js';
import { SMOOTH_L1_MUTANTS } from './mutants.js';

/** The descriptor of smooth_l1_loss. */
export const smoothL1LossOp: OpDescriptor = { ...SMOOTH_L1_DESCRIPTOR, mutants: SMOOTH_L1_MUTANTS };
