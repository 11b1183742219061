/** The clauses of square_error_cost's page (Paddle 3.3.1, English page of paddle.nn.functional.square_error_cost), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  signature: 'paddle.nn.functional. square_error_cost ( input: Tensor, label: Tensor ) Tensor',
  formula: 'For predictions label, and target label, the equation is: Out = (input − label)^2',
  input: 'input (Tensor) – Input tensor, the data type should be float32.',
  label: 'label (Tensor) – Label tensor, the data type should be float32.',
  returns: 'Returns: Tensor, The tensor storing the element-wise squared error difference between input and label.',
  example: '>>> input = paddle.to_tensor([1.1, 1.9]) >>> label = paddle.to_tensor([1.0, 2.0]) >>> output = paddle.nn.functional.square_error_cost(input, label) >>> print(output) Tensor(shape=[2], dtype=float32, place=Place(cpu), stop_gradient=True, [0.01000000, 0.01000000])',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
