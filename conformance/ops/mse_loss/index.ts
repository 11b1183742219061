/** paddle.nn.functional.mse_loss and paddle.nn.MSELoss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { MSE_DESCRIPTOR } from './descriptor.js';
import { MSE_MUTANTS } from './mutants.js';

/** The descriptor of mse_loss. */
export const mseLossOp: OpDescriptor = { ...MSE_DESCRIPTOR, mutants: MSE_MUTANTS };
