/** The reference's answer to an l1_loss request (reference/l1_loss.ts, over reference/kernels/). */
import { L1Loss, l1Loss, l1LossGrad } from '../../../reference/index.js';
import { inputLabelLossAnswer } from '../../reference_bridge.js';
import { L1 } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export const answer = inputLabelLossAnswer(L1, { forward: l1Loss, grad: l1LossGrad, layer: (args) => new L1Loss(args) });
