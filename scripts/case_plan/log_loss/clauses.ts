/** The clauses of log_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.log_loss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  signature: 'paddle.nn.functional. log_loss ( input: Tensor, label: Tensor, epsilon: float = 0.0001, name: str | None = None ) Tensor',
  formula: 'Out = -label * \\log{(input + \\epsilon)} - (1 - label) * \\log{(1 - input + \\epsilon)}',
  input: 'input (Tensor) – A 2-D tensor with shape [N x 1], where N is the batch size. This input is a probability computed by the previous operator. Data type float32.',
  label: 'label (Tensor) – The ground truth which is a 2-D tensor with shape [N x 1], where N is the batch size. Data type float32.',
  epsilon: 'epsilon (float, optional) – A small number for numerical stability. Default 1e-4.',
  name: 'name (str|None, optional) – For detailed information, please refer to Name . Usually name is no need to set and None by default.',
  returns: 'Returns: Tensor, which shape is [N x 1], data type is float32.',
  example: '>>> label = paddle.randn((10,1)) >>> prob = paddle.randn((10,1)) >>> cost = F.log_loss(input=prob, label=label)',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
