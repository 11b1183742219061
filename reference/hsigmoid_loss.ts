/**
 * paddle.nn.functional.hsigmoid_loss(input, label, num_classes, weight, bias=None, path_table=None, path_code=None,
 * is_sparse=False, name=None) → [N, 1], and paddle.nn.HSigmoidLoss's constructor.
 *
 * The page: each class is a leaf of a binary tree (the complete one over num_classes, or the custom one that
 * path_table and path_code describe); the loss of a row is the sum, over the non-leaf nodes on its label's path,
 * of the binary cross entropy of sigmoid(w_node · x + b_node) against the node's code bit.
 *
 * Paddle's source (python/paddle/nn/functional/loss.py) checks `num_classes < 2` (ValueError) and calls
 * _C_ops.hsigmoid_loss(input, label, weight, bias, path_table, path_code, num_classes, is_sparse, is_sparse),
 * the kernel of kernels/hsigmoid_loss.ts. Rule `hsigmoid-kernel-reads-unchecked`: the argument parser wants
 * num_classes an int and is_sparse a bool or None (TypeError, ValueError before Paddle 3.0.0); the shape inference
 * checks only input.shape[0] == label.shape[0]; the kernel reads the label, bias, weight and paths as the dtypes it
 * expects (ValueError otherwise), label as its first N values, weight's and bias's rows by node index unchecked
 * (a smaller weight reads other memory: such calls are left out), and num_classes not at all for a custom tree.
 * Rule `hsigmoid-is-sparse-forward-unchanged`: is_sparse changes only the weight gradient's kind (SelectedRows);
 * in eager mode that backward dereferences a null pointer (SIGSEGV, Paddle 2.6.2 to 3.3.1), so no call asks for it.
 */
import { PaddleAssertionError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { codeTable, hsigmoidLossBackward, hsigmoidLossForward, PADDLE_HSIGMOID, type HsigmoidKernels } from './kernels/hsigmoid_loss.js';
import { requireKernel } from './kernels/registration.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** The function's tensors; bias and the two paths are absent as Python's None. */
export interface HsigmoidLossTensors {
  input: Tensor;
  label: Tensor;
  weight: Tensor;
  bias?: Tensor;
  path_table?: Tensor;
  path_code?: Tensor;
}

/** The argument parser's type error: (InvalidType) TypeError, before Paddle 3.0.0 (InvalidArgument) ValueError. */
function invalidType(position: number, kind: string, value: unknown): Error {
  const message = `hsigmoid_loss(): argument (position ${position}) must be ${kind}, but got ${pythonTypeName(value)}`;
  return paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${message}`) : new PaddleTypeError(`(InvalidType) ${message}`);
}

const mismatch = (want: string, got: string): PaddleValueError =>
  new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${want}) does not match the type of data (${got}) currently contained in the container.`);

/** The checks of the source, the parser, the shape inference and the kernel, in Paddle's order. */
function check(t: HsigmoidLossTensors, numClasses: unknown, isSparse: unknown): number {
  if (typeof numClasses !== 'number' && typeof numClasses !== 'boolean') throw new PaddleTypeError(`'<' not supported between instances of '${pythonTypeName(numClasses)}' and 'int'`);
  if (Number(numClasses) < 2) throw new PaddleValueError(`Expected num_classes >= 2 (got ${typeof numClasses === 'boolean' ? (numClasses ? 'True' : 'False') : numClasses})`);
  if (typeof numClasses !== 'number' || !Number.isInteger(numClasses)) throw invalidType(7, 'int', numClasses);
  if (isSparse !== null && isSparse !== undefined && typeof isSparse !== 'boolean') throw invalidType(8, 'bool', isSparse);
  const [n, rows] = [t.input.shape[0] ?? 1, t.label.shape[0] ?? 1];
  if (n !== rows) throw new PaddleValueError(`(InvalidArgument) The first dimension of input and label is expected to be the same. But received input's first dimension is ${n}; label's first dimension is ${rows}.`);
  requireKernel('hsigmoid_loss', t.input.dtype);
  if (t.label.dtype !== 'int64') throw mismatch('int64', t.label.dtype);
  const paths = [t.path_table, t.path_code].filter((p) => p !== undefined);
  const pathCheck = (): void => { for (const p of paths) if (n > 0 && p.dtype !== 'int64') throw mismatch('int64', p.dtype); };
  if (t.bias) {
    if (t.bias.dtype !== t.input.dtype) throw mismatch(t.input.dtype, t.bias.dtype);
    pathCheck();
  }
  if (t.weight.dtype !== t.input.dtype) throw mismatch(t.input.dtype, t.weight.dtype);
  pathCheck();
  return numClasses;
}

/** The loss [N, 1]. */
export function hsigmoidLoss(t: HsigmoidLossTensors, numClasses: unknown, isSparse: unknown = false, kernels?: HsigmoidKernels): Tensor {
  const c = check(t, numClasses, isSparse);
  return hsigmoidLossForward(t.input, t.weight, codeTable(t.label, t.input.shape[0] ?? 0, c, t.path_table, t.path_code), t.bias, kernels).out;
}

/** The gradients of input, weight and (given) bias for upstream `dout` [N, 1] (absent: ones). */
export function hsigmoidLossGrad(t: HsigmoidLossTensors, numClasses: unknown, isSparse: unknown, dout?: Tensor, kernels: HsigmoidKernels = PADDLE_HSIGMOID): Record<string, Tensor> {
  const c = check(t, numClasses, isSparse);
  const table = codeTable(t.label, t.input.shape[0] ?? 0, c, t.path_table, t.path_code);
  const forward = hsigmoidLossForward(t.input, t.weight, table, t.bias, kernels);
  const grads = hsigmoidLossBackward(t.input, t.weight, table, forward, dout ?? full(forward.out.shape, 1, forward.out.dtype), t.bias, kernels);
  // Before Paddle 3.0.0 the engine leaves a zero-size tensor's gradient None (2.6.2: input [0, 2], weight [4, 0]).
  const kept = Object.entries(grads).filter(([, g]) => g !== undefined && !(g.size === 0 && paddleReleaseBefore('3.0.0')));
  return Object.fromEntries(kept) as Record<string, Tensor>;
}

/**
 * paddle.nn.HSigmoidLoss(feature_size, num_classes, weight_attr=None, bias_attr=None, is_custom=False, is_sparse=False):
 * the constructor's refusals. Rule `hsigmoid-layer-constructor`: num_classes < 2 raises ValueError for the default tree
 * only; the parameters [C, feature_size] and [C, 1] (C = num_classes − 1, or num_classes for a custom tree) must have
 * sizes ≥ 0 (AssertionError; before Paddle 3.0.0 > 0) and int sizes (TypeError; ValueError before 3.0.0). Its
 * parameters are drawn at random, so the reference builds none.
 */
export class HSigmoidLoss {
  /** The weight parameter's shape, [C, feature_size]. */
  readonly weightShape: number[];
  /** num_classes as given, which the forward passes on to hsigmoid_loss. */
  readonly numClasses: unknown;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: Record<string, unknown>) {
    const [size, classes, custom] = [options.feature_size, options.num_classes, options.is_custom === true];
    if (typeof classes !== 'number' && typeof classes !== 'boolean') throw new PaddleTypeError(`'<' not supported between instances of '${pythonTypeName(classes)}' and 'int'`);
    if (Number(classes) < 2 && !custom) throw new PaddleValueError('num_classes must not be less than 2 with default tree');
    const c = custom ? Number(classes) : Number(classes) - 1;
    const bad = !Number.isInteger(c) ? c : !Number.isInteger(size) ? size : undefined;
    if (bad !== undefined) {
      const message = `argument (position 2) must be list of int, but got ${pythonTypeName(bad)} at pos ${Number.isInteger(c) ? 1 : 0}`;
      throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${message}`) : new PaddleTypeError(`(InvalidType) ${message}`);
    }
    const floor = paddleReleaseBefore('3.0.0');
    [c, size as number].forEach((v, dim) => {
      if (floor ? v <= 0 : v < 0) throw new PaddleAssertionError(`Expected every dim's size to be larger than ${floor ? '' : 'or equal to '}0, but the size of the ${dim}-th dim is ${v}`);
    });
    this.weightShape = [c, size as number];
    this.numClasses = classes;
  }
}
