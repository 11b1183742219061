/** The reference's answer to an mse_loss request (reference/mse_loss.ts, over reference/kernels/). */
import { MSELoss, mseLoss, mseLossGrad } from '../../../reference/index.js';
import { inputLabelLossAnswer } from '../../reference_bridge.js';
import { MSE } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export const answer = inputLabelLossAnswer(MSE, { forward: mseLoss, grad: mseLossGrad, layer: (args) => new MSELoss(args) });
