/**
 * A minimal dense tensor: a dtype, a shape and row-major data in a typed array.
 */
import { DTYPE_NAMES, dtypeOf, isDTypeName, type DTypeName, type Storage } from './dtype.js';
import { PaddleValueError } from './errors.js';

/** A nested JavaScript array of numbers, as `paddle.to_tensor` accepts. */
export type NestedNumbers = number | boolean | readonly NestedNumbers[];

/** Options for building a tensor. */
export interface TensorOptions {
  /** The dtype; defaults to float32, Paddle's default float dtype. */
  dtype?: DTypeName;
  /** The shape; defaults to the nesting of the data, or [n] for flat typed data. */
  shape?: readonly number[];
}

/** A dense row-major tensor. */
export class Tensor {
  /** The dtype name. */
  readonly dtype: DTypeName;
  /** The dimensions; [] is a 0-D tensor holding one value. */
  readonly shape: readonly number[];
  /** Row-major element storage, `numel(shape)` long. */
  readonly data: Storage;

  /** Wraps existing storage after checking that dtype, shape and length agree. */
  constructor(dtype: DTypeName, shape: readonly number[], data: Storage) {
    checkDType(dtype);
    checkShape(shape);
    checkLength(data.length, shape);
    this.dtype = dtype;
    this.shape = Object.freeze([...shape]);
    this.data = data;
  }

  /** The number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** The element at flat row-major index i. */
  at(i: number): number {
    return dtypeOf(this.dtype).get(this.data, i);
  }

  /** The data as a nested array shaped like the tensor (a bare number for 0-D). */
  toNested(): NestedNumbers {
    const values = Array.from({ length: this.size }, (_, i) => this.at(i));
    return nest(values, this.shape);
  }
}

/** The number of elements of a shape (1 for a 0-D shape). */
export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Throws unless every dimension is a non-negative integer. */
export function checkShape(shape: readonly number[]): void {
  if (!Array.isArray(shape)) {
    throw new PaddleValueError(`Tensor shape must be an array of dimensions, got ${String(shape)}.`);
  }
  shape.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0) {
      throw new PaddleValueError(
        `Tensor shape [${shape.join(', ')}] has an invalid dimension ${String(d)} at axis ${i}; ` +
          `dimensions must be non-negative integers.`,
      );
    }
  });
}

/** Throws unless `name` is a dtype this reference can store; the message lists the ones it can. */
function checkDType(name: unknown): asserts name is DTypeName {
  if (!isDTypeName(name)) {
    throw new PaddleValueError(`Unknown dtype ${String(name)}; expected one of ${DTYPE_NAMES.join(', ')}.`);
  }
}

/** Throws unless `length` data elements fill `shape` exactly. */
function checkLength(length: number, shape: readonly number[]): void {
  const n = numel(shape);
  if (length !== n) throw new PaddleValueError(`Tensor data has ${length} elements but shape [${shape.join(', ')}] needs ${n}.`);
}

/** Builds a tensor from nested arrays, flat numbers or a typed array; values are rounded to the dtype. */
export function tensor(values: NestedNumbers | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  const dtypeName = options.dtype ?? 'float32';
  checkDType(dtypeName);
  const { flat, shape: inferred } = flatten(values);
  const shape = options.shape ?? inferred;
  checkShape(shape);
  checkLength(flat.length, shape);
  const dtype = dtypeOf(dtypeName);
  const data = dtype.allocate(flat.length);
  flat.forEach((v, i) => dtype.set(data, i, dtype.round(v)));
  return new Tensor(dtypeName, shape, data);
}

/** A tensor of the given shape filled with one value. */
export function full(shape: readonly number[], value: number, dtype: DTypeName = 'float32'): Tensor {
  checkShape(shape);
  const t = dtypeOf(dtype);
  const data = t.allocate(numel(shape));
  const v = t.round(value);
  for (let i = 0; i < data.length; i++) t.set(data, i, v);
  return new Tensor(dtype, shape, data);
}

/** Whether a value is a Tensor of this reference. */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

/** Typed arrays (not DataView) count as flat data of shape [n]. */
function isArrayLike(v: unknown): v is ArrayLike<number> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Flattens nested data row-major and infers its shape; rows must agree in shape. */
function flatten(values: NestedNumbers | ArrayLike<number>): { flat: number[]; shape: number[] } {
  if (isArrayLike(values)) return { flat: Array.from(values), shape: [values.length] };
  if (typeof values === 'number' || typeof values === 'boolean') return { flat: [Number(values)], shape: [] };
  if (!Array.isArray(values)) {
    throw new PaddleValueError(`Tensor data must be a number, a nested array of numbers or a typed array, got ${typeof values}.`);
  }
  if (values.length === 0) return { flat: [], shape: [0] };
  const parts = values.map((v) => flatten(v as NestedNumbers));
  const inner = parts[0]!.shape;
  for (const p of parts) {
    if (p.shape.join(',') !== inner.join(',')) {
      throw new PaddleValueError(`Tensor data is ragged: found rows of shapes [${inner.join(', ')}] and [${p.shape.join(', ')}].`);
    }
  }
  return { flat: parts.flatMap((p) => p.flat), shape: [values.length, ...inner] };
}

/** Splits row-major values back into nested arrays of the given shape. */
function nest(values: number[], shape: readonly number[]): NestedNumbers {
  if (shape.length === 0) return values[0]!;
  const [head, ...rest] = shape;
  const stride = numel(rest);
  return Array.from({ length: head! }, (_, i) => nest(values.slice(i * stride, (i + 1) * stride), rest));
}
