/** The clauses of hsigmoid_loss's pages (Paddle 3.3.1, English pages of the function and the layer), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  input: 'input (Tensor) – A tensor with the shape [N, D], where N is the size of mini-batch, and D is the feature size. Its data type supports float32 or float64.',
  numClasses: 'num_classes (int) – The number of classes or the size of word dict, must be greater than 2.',
  returns: 'A tensor with the cost of hierarchical sigmoid, its shape is [N, 1] and data type is the same as input.',
  layerNumClasses: 'num_classes (int) – The number of classes or the size of word dict, must be greater than 2. If the default tree is used (is_custom is set to False), num_classes should not be None.',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
