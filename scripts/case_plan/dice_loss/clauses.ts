/** The clauses of dice_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.dice_loss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  signature: 'paddle.nn.functional. dice_loss ( input: Tensor, label: Tensor, epsilon: float = 1e-05, name: str | None = None ) Tensor',
  formula: 'dice\\_loss &= 1 - \\frac{2 * intersection\\_area}{total\\_area}',
  input: 'input (Tensor) – Tensor, rank>=2, shape is [N_1, N_2, ..., N_k, D], where N_1 is the batch_size, D is the number of categories. It is usually the output predictions of sigmoid activation. The data type can be float32 or float64.',
  label: 'label (Tensor) – Tensor, the ground truth with the same rank as input, shape is [N_1, N_2, ..., N_k, 1]. where N_1 is the batch_size. The data type can be int32 or int64.',
  epsilon: 'epsilon (float) – The epsilon will be added to the numerator and denominator. If both input and label are empty, it makes sure dice is 1. Default: 0.00001',
  name: 'name (str|None, optional) – The default value is None. Normally there is no need for user to set this property.',
  returns: 'Returns: 0-D Tensor, which shape is [], data type is the same as input .',
  example: ">>> x = paddle.randn((3,224,224,2)) >>> label = paddle.randint(high=2, shape=(3,224,224,1)) >>> predictions = F.softmax(x) >>> loss = F.dice_loss(input=predictions, label=label)",
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
