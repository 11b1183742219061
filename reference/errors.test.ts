/**
 * Every error the reference raises on Paddle's behalf: the exception type
 * (class, `name` and `type`) and the exact message. Messages are Paddle 3.3.1's
 * first line; Paddle appends a "[Hint: ...] (at file:line)" suffix that the
 * reference leaves out.
 */
import { describe, expect, it } from 'vitest';
import {
  hingeEmbeddingLoss,
  hingeEmbeddingLossGrad,
  HingeEmbeddingLoss,
  PaddleAttributeError,
  PaddleError,
  PaddleRuntimeError,
  PaddleTypeError,
  PaddleValueError,
  tensor,
  type PaddleErrorType,
  type Tensor,
} from './index.js';

type ErrorClass = new (message: string) => PaddleError;

/** Runs `fn` and returns what it threw; fails the test if it returned. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but the call returned normally');
}

/** Asserts that `fn` throws an error of Paddle type `type` (class, name and type field) with exactly `message`. */
function expectPaddleError(fn: () => unknown, Class: ErrorClass, type: PaddleErrorType, message: string): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(Class);
  expect(e).toBeInstanceOf(PaddleError);
  expect(e).toBeInstanceOf(Error);
  expect((e as PaddleError).name).toBe(type);
  expect((e as PaddleError).type).toBe(type);
  expect((e as PaddleError).message).toBe(message);
}

const x = tensor([1, 2]);
const y = tensor([1, -1]);
const asTensor = (v: unknown) => v as Tensor;

function reductionMessage(received: string): string {
  return `'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received ${received}.`;
}

describe('a bad reduction raises ValueError', () => {
  it.each([
    { id: "reduction='reduce_mean'", reduction: 'reduce_mean', shown: 'reduce_mean' },
    { id: "reduction=''", reduction: '', shown: '' },
    { id: "reduction='MEAN'", reduction: 'MEAN', shown: 'MEAN' },
    { id: 'reduction=null (Python None)', reduction: null, shown: 'None' },
    { id: 'reduction=1 (a number)', reduction: 1, shown: '1' },
  ])('$id', ({ reduction, shown }) => {
    const r = reduction as string;
    expectPaddleError(() => hingeEmbeddingLoss(x, y, 1.0, r), PaddleValueError, 'ValueError', reductionMessage(shown));
    expectPaddleError(() => hingeEmbeddingLoss(x, y, { reduction: r }), PaddleValueError, 'ValueError', reductionMessage(shown));
    expectPaddleError(() => hingeEmbeddingLossGrad(x, y, 1.0, r), PaddleValueError, 'ValueError', reductionMessage(shown));
    expectPaddleError(() => new HingeEmbeddingLoss(1.0, r).forward(x, y), PaddleValueError, 'ValueError', reductionMessage(shown));
  });
});

describe('bad operands', () => {
  it("a non-tensor input raises AttributeError \"'list' object has no attribute 'dtype'\"", () => {
    expectPaddleError(
      () => hingeEmbeddingLoss(asTensor([1, 2]), y),
      PaddleAttributeError,
      'AttributeError',
      "'list' object has no attribute 'dtype'",
    );
  });

  it('a non-tensor input is reported before a non-tensor label', () => {
    expectPaddleError(
      () => hingeEmbeddingLoss(asTensor([1]), asTensor([1])),
      PaddleAttributeError,
      'AttributeError',
      "'list' object has no attribute 'dtype'",
    );
  });

  it("a non-tensor label raises AttributeError \"'bool' object has no attribute 'shape'\"", () => {
    // `label == 1.0` on a Python list is the bool False; paddle.where then asks it for `.shape`.
    expectPaddleError(
      () => hingeEmbeddingLoss(x, asTensor([1, -1])),
      PaddleAttributeError,
      'AttributeError',
      "'bool' object has no attribute 'shape'",
    );
  });

  it.each([
    { id: 'input=[3],label=[2]', xs: [3], ys: [2], text: 'X = [3] and the shape of Y = [2]. Received [3] in X is not equal to [2] in Y at i:0.' },
    { id: 'input=[1,3],label=[2,2]', xs: [1, 3], ys: [2, 2], text: 'X = [1, 3] and the shape of Y = [2, 2]. Received [3] in X is not equal to [2] in Y at i:1.' },
  ])('unbroadcastable shapes raise ValueError ($id)', ({ xs, ys, text }) => {
    const input = tensor(new Array<number>(xs.reduce((a, b) => a * b, 1)).fill(1), { shape: xs });
    const label = tensor(new Array<number>(ys.reduce((a, b) => a * b, 1)).fill(1), { shape: ys });
    expectPaddleError(
      () => hingeEmbeddingLoss(input, label),
      PaddleValueError,
      'ValueError',
      `(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of ${text}`,
    );
  });

  it.each([{ dtype: 'float16' as const }, { dtype: 'bfloat16' as const }])(
    'input dtype=$dtype raises RuntimeError (no CPU `where` kernel)',
    ({ dtype }) => {
      expectPaddleError(
        () => hingeEmbeddingLoss(tensor([1, 2], { dtype }), tensor([1, -1], { dtype })),
        PaddleRuntimeError,
        'RuntimeError',
        `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`where\` is not registered. ` +
          `Selected wrong DataType \`${dtype}\`. Paddle support following DataTypes: int32, int64, float64, complex128, float32, complex64, bool.`,
      );
    },
  );

  it('float16 input with unbroadcastable shapes raises the broadcast ValueError, not the kernel RuntimeError', () => {
    // Paddle 3.3.1: `where` infers its output shape before it looks up a kernel.
    expectPaddleError(
      () => hingeEmbeddingLoss(tensor([1, 2, 3], { dtype: 'float16' }), tensor([1, -1], { dtype: 'float16' })),
      PaddleValueError,
      'ValueError',
      '(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = [3] and the shape of Y = [2]. Received [3] in X is not equal to [2] in Y at i:0.',
    );
  });

  it.each([{ dtype: 'int32' as const }, { dtype: 'int64' as const }])(
    'input dtype=$dtype raises TypeError (type promotion against the float32 margin)',
    ({ dtype }) => {
      expectPaddleError(
        () => hingeEmbeddingLoss(tensor([1, 2], { dtype }), tensor([1, -1], { dtype })),
        PaddleTypeError,
        'TypeError',
        '(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. ' +
          `But got different data type x: float32, y: ${dtype}.`,
      );
    },
  );

  it('margin=null (Python None) raises TypeError from __rsub__', () => {
    expectPaddleError(
      () => hingeEmbeddingLoss(x, y, null as unknown as number),
      PaddleTypeError,
      'TypeError',
      '(InvalidType) __rsub__(): argument (position 1) must be int, float, bool or Tensor, but got NoneType',
    );
  });
});

describe('the reduction error wins over every other error (it is checked before any tensor work)', () => {
  const f16 = tensor([1, 2], { dtype: 'float16' });
  const i32 = tensor([1, 2], { dtype: 'int32' });
  it.each([
    { id: 'with a non-tensor input', call: () => hingeEmbeddingLoss(asTensor([1, 2]), y, 1.0, 'x') },
    { id: 'with a non-tensor label', call: () => hingeEmbeddingLoss(x, asTensor([1, 2]), 1.0, 'x') },
    { id: 'with unbroadcastable shapes', call: () => hingeEmbeddingLoss(tensor([1, 2, 3]), y, 1.0, 'x') },
    { id: 'with float16 input', call: () => hingeEmbeddingLoss(f16, f16, 1.0, 'x') },
    { id: 'with int32 input', call: () => hingeEmbeddingLoss(i32, i32, 1.0, 'x') },
    { id: 'with margin null', call: () => hingeEmbeddingLoss(x, y, null as unknown as number, 'x') },
    { id: 'in the gradient, with a non-tensor input', call: () => hingeEmbeddingLossGrad(asTensor([1]), y, 1.0, 'x') },
    { id: 'in the layer, with a non-tensor input', call: () => new HingeEmbeddingLoss(1.0, 'x').forward(asTensor([1]), y) },
  ])('$id', ({ call }) => {
    expectPaddleError(call, PaddleValueError, 'ValueError', reductionMessage('x'));
  });
});

describe('the layer', () => {
  it('construction with a bad reduction does not throw', () => {
    expect(() => new HingeEmbeddingLoss(1.0, 'reduce_mean')).not.toThrow();
    expect(() => new HingeEmbeddingLoss({ reduction: 'reduce_mean' })).not.toThrow();
  });

  it('the call with a bad reduction raises ValueError', () => {
    const layer = new HingeEmbeddingLoss(1.0, 'reduce_mean');
    expectPaddleError(() => layer.forward(x, y), PaddleValueError, 'ValueError', reductionMessage('reduce_mean'));
  });
});

describe('the gradient', () => {
  it('a grad_output whose shape is not the loss shape raises ValueError', () => {
    expectPaddleError(
      () => hingeEmbeddingLossGrad(x, y, 1.0, 'none', tensor([1, 2, 3])),
      PaddleValueError,
      'ValueError',
      'grad_output has shape [3] but the loss has shape [2].',
    );
  });
});

describe('tensor construction', () => {
  it('a data length that does not match the shape raises ValueError', () => {
    expectPaddleError(
      () => tensor([1, 2, 3], { shape: [2, 2] }),
      PaddleValueError,
      'ValueError',
      'Tensor data has 3 elements but shape [2, 2] needs 4.',
    );
  });

  it('an unknown dtype raises ValueError', () => {
    expectPaddleError(
      () => tensor([1], { dtype: 'float8' as 'float32' }),
      PaddleValueError,
      'ValueError',
      'Unknown dtype float8; expected one of float32, float64, float16, bfloat16, int32, int64, bool.',
    );
  });

  it.each([
    { id: 'negative dimension', shape: [2, -1], text: 'Tensor shape [2, -1] has an invalid dimension -1 at axis 1' },
    { id: 'non-integer dimension', shape: [1.5], text: 'Tensor shape [1.5] has an invalid dimension 1.5 at axis 0' },
    { id: 'NaN dimension', shape: [NaN], text: 'Tensor shape [NaN] has an invalid dimension NaN at axis 0' },
  ])('a $id raises ValueError', ({ shape, text }) => {
    expectPaddleError(
      () => tensor([], { shape }),
      PaddleValueError,
      'ValueError',
      `${text}; dimensions must be non-negative integers.`,
    );
  });

  it('ragged nesting raises ValueError', () => {
    expectPaddleError(
      () => tensor([[1, 2], [3]]),
      PaddleValueError,
      'ValueError',
      'Tensor data is ragged: found rows of shapes [2] and [1].',
    );
  });
});

describe('the error classes', () => {
  it.each([
    { Class: PaddleValueError, type: 'ValueError' },
    { Class: PaddleTypeError, type: 'TypeError' },
    { Class: PaddleRuntimeError, type: 'RuntimeError' },
    { Class: PaddleAttributeError, type: 'AttributeError' },
  ] as { Class: ErrorClass; type: PaddleErrorType }[])('$type carries its Paddle type as name and type', ({ Class, type }) => {
    expectPaddleError(() => {
      throw new Class('some message');
    }, Class, type, 'some message');
  });
});
