/**
 * Errors as Paddle raises them: the class's `name` is Paddle's Python exception
 * type, and the message is Paddle's own text wherever Paddle's text is known.
 */

/** The Python exception types Paddle raises from this API. */
export type PaddleErrorType = 'ValueError' | 'TypeError' | 'RuntimeError' | 'AttributeError' | 'SystemError' | 'NotImplementedError' | 'AssertionError' | 'IndexError' | 'ZeroDivisionError' | 'OverflowError' | 'OSError';

/** Base class of every error this reference raises on Paddle's behalf. */
export class PaddleError extends Error {
  /** The Python exception type Paddle raises in the same situation. */
  readonly type: PaddleErrorType;

  constructor(type: PaddleErrorType, message: string) {
    super(message);
    this.type = type;
    this.name = type;
  }
}

/** Paddle's `ValueError`: a bad argument value, e.g. an unknown reduction or unbroadcastable shapes. */
export class PaddleValueError extends PaddleError {
  constructor(message: string) {
    super('ValueError', message);
  }
}

/** Paddle's `TypeError`: an argument of the wrong type, e.g. an integer input. */
export class PaddleTypeError extends PaddleError {
  constructor(message: string) {
    super('TypeError', message);
  }
}

/** Paddle's `RuntimeError`: a kernel that does not exist for a dtype on CPU. */
export class PaddleRuntimeError extends PaddleError {
  constructor(message: string) {
    super('RuntimeError', message);
  }
}

/** Paddle's `AttributeError`: eager mode touching `.dtype` or `.shape` of a non-tensor. */
export class PaddleAttributeError extends PaddleError {
  constructor(message: string) {
    super('AttributeError', message);
  }
}

/** Paddle's RuntimeError for a CPU kernel that has no registration for a dtype, listing the dtypes it has. */
export function kernelNotRegistered(kernel: string, dtype: string, supported: string): PaddleRuntimeError {
  return new PaddleRuntimeError(
    `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`${kernel}\` is not registered. ` +
      `Selected wrong DataType \`${dtype}\`. Paddle support following DataTypes: ${supported}.`,
  );
}

/** The name Python's `type(value).__name__` would give for a JavaScript value (None is `NoneType`). */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  return 'object';
}

/** Paddle's `SystemError`: a fatal error of eager autograd, e.g. Paddle 2.6.2's backward through an empty loss. */
export class PaddleSystemError extends PaddleError {
  constructor(message: string) {
    super('SystemError', message);
  }
}

/** Paddle's `NotImplementedError` ((Unimplemented)): e.g. eager autograd adding two gradients of an integer tensor. */
export class PaddleNotImplementedError extends PaddleError {
  constructor(message: string) {
    super('NotImplementedError', message);
  }
}

/** Python's `AssertionError` from Paddle's autograd: e.g. paddle.grad given an upstream gradient of another shape than the output's. */
export class PaddleAssertionError extends PaddleError {
  constructor(message: string) {
    super('AssertionError', message);
  }
}

/** Python's `IndexError`: from a kernel's (OutOfRange) check (a class index outside [0, C), an index past a dimension) or from Paddle's own source (a 0-D tensor's shape[-1]). */
export class PaddleIndexError extends PaddleError {
  constructor(message: string) {
    super('IndexError', message);
  }
}

/** Paddle's `OSError`: an (External) failure, e.g. a kernel visited with a dtype it was not instantiated for. */
export class PaddleOSError extends PaddleError {
  constructor(message: string) {
    super('OSError', message);
  }
}
