/**
 * paddle.nn.functional.margin_ranking_loss and paddle.nn.MarginRankingLoss:
 * the documentation page's example, rounding step by step, errors with
 * Paddle's type and text, and the layer against the functional form. Every
 * expected value is a literal observed in Paddle 3.3.1 (CPU); the comment
 * above each names the call that produced it (F = paddle.nn.functional,
 * T(v, dtype) = paddle.to_tensor(v, dtype=dtype), float32 unless stated).
 */
import { describe, expect, it } from 'vitest';
import { raised, values } from './test_support.js';
import { MarginRankingLoss, marginRankingLoss } from './margin_ranking_loss.js';
import { PaddleRuntimeError, PaddleTypeError, PaddleValueError } from './errors.js';
import { tensor, type Tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a float32 tensor's elements, as hex strings. */
function bits32(t: Tensor): string[] {
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16).padStart(8, '0'));
}

describe('the documentation page example (float32)', () => {
  // margin_ranking_loss doc page, "Examples": input [[1,2],[3,4]], other [[2,1],[2,4]], label [[1,-1],[-1,-1]].
  const input = tensor([[1, 2], [3, 4]]);
  const other = tensor([[2, 1], [2, 4]]);
  const label = tensor([[1, -1], [-1, -1]]);

  it("the default (margin 0, 'mean') gives 0.75 = 0x3f400000, a 0-D float32 tensor", () => {
    // F.margin_ranking_loss(input, other, label) -> Tensor(shape=[], 0.75000000), bits 0x3f400000
    const out = marginRankingLoss(input, other, label);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([]);
    expect(bits32(out)).toEqual(['3f400000']);
  });

  it("reduction='none' gives [[1, 1], [1, 0]] with the input's shape", () => {
    // F.margin_ranking_loss(input, other, label, reduction='none') -> [[1., 1.], [1., 0.]], bits of the 0: 0x0
    const out = marginRankingLoss(input, other, label, 0.0, 'none');
    expect(out.shape).toEqual([2, 2]);
    expect(bits32(out)).toEqual(['3f800000', '3f800000', '3f800000', '00000000']);
  });

  it("reduction='sum' gives 3", () => {
    // F.margin_ranking_loss(input, other, label, reduction='sum') -> 3.0
    const out = marginRankingLoss(input, other, label, 0.0, 'sum');
    expect(out.shape).toEqual([]);
    expect(values(out)).toEqual([3]);
  });

  it('the layer gives the same 0.75', () => {
    // paddle.nn.MarginRankingLoss()(input, other, label) -> 0.75
    expect(bits32(new MarginRankingLoss().forward(input, other, label))).toEqual(['3f400000']);
  });

  it('the options-object form equals the positional form', () => {
    expect(values(marginRankingLoss(input, other, label, { reduction: 'none' }))).toEqual([1, 1, 1, 0]);
    expect(values(marginRankingLoss(input, other, label, { margin: 0.5, reduction: 'sum' }))).toEqual(
      values(marginRankingLoss(input, other, label, 0.5, 'sum')),
    );
  });
});

describe('every step is rounded to float32', () => {
  // F.margin_ranking_loss(T([1.014052391052246, 1.9229488372802734]), T([0.15257325768470764, 1.8466287851333618]),
  //                       T([-0.3, 0.7]), 0.1, 'none') -> bits [0x3eb785f1, 0x3d3ec671].
  // One float64 evaluation of -label*(input-other)+margin rounded once gives 0x3eb785f0 and 0x3d3ec670 instead.
  it('(other - input), × label, + margin, each rounded: 0x3eb785f1 and 0x3d3ec671', () => {
    const out = marginRankingLoss(
      tensor([1.014052391052246, 1.9229488372802734]),
      tensor([0.15257325768470764, 1.8466287851333618]),
      tensor([-0.3, 0.7]),
      0.1,
      'none',
    );
    expect(bits32(out)).toEqual(['3eb785f1', '3d3ec671']);
  });

  it("'mean' of [0.1, 0.2, 0.3] (as float32 losses) is 0x3e4ccccd and 'sum' 0x3f19999a", () => {
    // F.margin_ranking_loss(T([0,0,0]), T([0.1,0.2,0.3]), T([1,1,1]), 0.0, 'mean' | 'sum')
    const args = [tensor([0, 0, 0]), tensor([0.1, 0.2, 0.3]), tensor([1, 1, 1]), 0.0] as const;
    expect(bits32(marginRankingLoss(...args, 'mean'))).toEqual(['3e4ccccd']);
    expect(bits32(marginRankingLoss(...args, 'sum'))).toEqual(['3f19999a']);
  });

  it('labels other than ±1 scale the loss: label [2, 0.5, 0, -0.5, 3, -2] with other - input = 1 gives [2, 0.5, 0, 0, 3, 0]', () => {
    // F.margin_ranking_loss(T([1]*6), T([2]*6), T([2, 0.5, 0, -0.5, 3, -2]), 0.0, 'none')
    const out = marginRankingLoss(tensor([1, 1, 1, 1, 1, 1]), tensor([2, 2, 2, 2, 2, 2]), tensor([2, 0.5, 0, -0.5, 3, -2]), 0.0, 'none');
    expect(values(out)).toEqual([2, 0.5, 0, 0, 3, 0]);
  });

  it('float32 overflow: (3e38 - (-3e38)) × 1 is inf', () => {
    // F.margin_ranking_loss(T([-3e38]), T([3e38]), T([1.]), 0.0, 'none') -> [inf]
    expect(values(marginRankingLoss(tensor([-3e38]), tensor([3e38]), tensor([1]), 0.0, 'none'))).toEqual([Infinity]);
  });

  it('float64 keeps margin 0.1 exactly', () => {
    // F.margin_ranking_loss(T([0.], 'float64'), T([0.], 'float64'), T([1.], 'float64'), 0.1, 'none') -> [0.1]
    const f64 = { dtype: 'float64' } as const;
    expect(values(marginRankingLoss(tensor([0], f64), tensor([0], f64), tensor([1], f64), 0.1, 'none'))).toEqual([0.1]);
  });
});

describe("Paddle's own unit test scenario (test/legacy_test/test_margin_rank_loss.py)", () => {
  // The test draws float64 [10, 10] input and other in [0, 1), labels ±1, margins 0.0 and 0.2, every reduction, and a
  // label of shape [10] broadcast against [10, 10]; the same shapes here with fixed values.
  // F.margin_ranking_loss(T([0.1,0.9,0.5],'float64'), T([0.4,0.2,0.5],'float64'), T([1,-1,1],'float64'), 0.2, 'mean')
  //   -> 0.5333333333333333 (0x3fe1111111111111)
  it("float64, margin 0.2, 'mean'", () => {
    const f64 = { dtype: 'float64' } as const;
    const out = marginRankingLoss(tensor([0.1, 0.9, 0.5], f64), tensor([0.4, 0.2, 0.5], f64), tensor([1, -1, 1], f64), 0.2, 'mean');
    expect(out.dtype).toBe('float64');
    expect(values(out)).toEqual([0.5333333333333333]);
  });
});

describe('errors carry Paddle’s exception type and text', () => {
  const x = tensor([1]);

  it.each([
    ['reduce_mean', 'reduce_mean'],
    ['MEAN', 'MEAN'],
    ['', ''],
    [null, 'None'],
    [1, '1'],
  ])('reduction %j: ValueError naming it as Python prints it', (reduction, printed) => {
    // F.margin_ranking_loss(x, x, x, reduction=...) and paddle.nn.MarginRankingLoss(reduction=...)
    const message = `The value of 'reduction' in MarginRankingLoss should be 'sum', 'mean' or 'none', but received ${printed}, which is not allowed.`;
    expect(raised(() => marginRankingLoss(x, x, x, 0.0, reduction as string))).toEqual(['ValueError', message]);
    expect(raised(() => new MarginRankingLoss(0.0, reduction as string))).toEqual(['ValueError', message]);
  });

  it('shapes that cannot broadcast: subtract names X = other, Y = input', () => {
    // F.margin_ranking_loss(T(ones([2,3])), T(ones([3,2])), T(ones([2,3])), 0.0, 'none')
    expect(raised(() => marginRankingLoss(tensor([[1, 1, 1], [1, 1, 1]]), tensor([[1, 1], [1, 1], [1, 1]]), tensor([[1, 1, 1], [1, 1, 1]]), 0.0, 'none'))).toEqual([
      'ValueError',
      '(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = [3, 2] and the shape of Y = [2, 3]. Received [3] in X is not equal to [2] in Y at i:0.',
    ]);
  });

  it('a label that cannot broadcast: multiply names X = other - input, Y = label', () => {
    // F.margin_ranking_loss(T([1.,2.,3.]), T([1.,2.,3.]), T([1.,2.]), 0.0, 'none')
    expect(raised(() => marginRankingLoss(tensor([1, 2, 3]), tensor([1, 2, 3]), tensor([1, 2]), 0.0, 'none'))).toEqual([
      'ValueError',
      '(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = [3] and the shape of Y = [2]. Received [3] in X is not equal to [2] in Y at i:0.',
    ]);
  });

  it('a float64 label with float32 operands is promoted; an int32 label raises TypeError', () => {
    // F.margin_ranking_loss(T([1,2]), T([2,1]), T([1,-1], 'int32'), 0.0, 'none')
    expect(raised(() => marginRankingLoss(tensor([1, 2]), tensor([2, 1]), tensor([1, -1], { dtype: 'int32' }), 0.0, 'none'))).toEqual([
      'TypeError',
      '(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. But got different data type x: float32, y: int32.',
    ]);
  });

  it('float16 operands fail in the subtract kernel with RuntimeError', () => {
    // F.margin_ranking_loss(T([1,2],'float16'), T([2,1],'float16'), T([1,-1],'float16'), 0.0, 'none')
    const f16 = { dtype: 'float16' } as const;
    expect(raised(() => marginRankingLoss(tensor([1, 2], f16), tensor([2, 1], f16), tensor([1, -1], f16), 0.0, 'none'))).toEqual([
      'RuntimeError',
      '(NotFound) The kernel with key (CPU, Undefined(AnyLayout), float16) of kernel `subtract` is not registered. Selected wrong DataType `float16`. Paddle support following DataTypes: int64, int16, float64, complex128, float32, complex64, int32, bfloat16.',
    ]);
  });

  it.each([
    ['a list input', [1.0], tensor([2]), tensor([1]), "(InvalidArgument) subtract(): argument 'y' (position 1) must be Tensor, but got list"],
    ['a float other', tensor([1]), 1.5, tensor([1]), "(InvalidArgument) subtract(): argument 'x' (position 0) must be Tensor, but got float"],
    ['a None label', tensor([1]), tensor([2]), null, "(InvalidArgument) multiply(): argument 'y' (position 1) must be Tensor, but got None"],
  ])('%s raises ValueError from the argument parser', (_, input, other, label, message) => {
    // F.margin_ranking_loss([1.0], T([2.0]), T([1.0])), F.margin_ranking_loss(T([1.0]), 1.5, T([1.0])), ...(T([1.0]), T([2.0]), None)
    expect(raised(() => marginRankingLoss(input as Tensor, other as Tensor, label as Tensor))).toEqual(['ValueError', message]);
  });

  it('error types are the PaddleError subclasses', () => {
    expect(() => marginRankingLoss(x, x, x, 0.0, 'bad')).toThrow(PaddleValueError);
    expect(() => marginRankingLoss(x, x, tensor([1], { dtype: 'int64' }))).toThrow(PaddleTypeError);
    expect(() => marginRankingLoss(tensor([1], { dtype: 'int32' }), tensor([1], { dtype: 'int32' }), tensor([1], { dtype: 'int32' }))).toThrow(PaddleRuntimeError);
  });
});

describe('the layer against the functional form', () => {
  const cases = [
    { id: 'doc example, defaults', args: [tensor([[1, 2], [3, 4]]), tensor([[2, 1], [2, 4]]), tensor([[1, -1], [-1, -1]])] as const, margin: 0.0, reduction: 'mean' },
    { id: 'margin 0.5, none', args: [tensor([1, 3]), tensor([2, 2]), tensor([1, 1])] as const, margin: 0.5, reduction: 'none' },
    { id: 'broadcast label, sum', args: [tensor([[0], [1], [2]]), tensor([[1, 2, 3, 4]]), tensor([1, -1, 1, -1])] as const, margin: 0.25, reduction: 'sum' },
    { id: '0-D, margin 0, none', args: [tensor(1), tensor(2), tensor(1)] as const, margin: 0.0, reduction: 'none' },
    { id: 'float16 error', args: [tensor([1], { dtype: 'float16' }), tensor([1], { dtype: 'float16' }), tensor([1])] as const, margin: 0.0, reduction: 'mean' },
    { id: 'str margin error', args: [tensor([1]), tensor([2]), tensor([1])] as const, margin: '1.5', reduction: 'mean' },
  ];

  it.each(cases)('$id', ({ args, margin, reduction }) => {
    const outcome = (f: () => Tensor): unknown => {
      try {
        const t = f();
        return { dtype: t.dtype, shape: t.shape, values: values(t) };
      } catch (e) {
        return raised(() => {
          throw e;
        });
      }
    };
    expect(outcome(() => new MarginRankingLoss(margin, reduction).forward(...args))).toEqual(
      outcome(() => marginRankingLoss(...args, margin, reduction)),
    );
  });

  it('positional (0.5, "none") as in paddle.nn.MarginRankingLoss(0.5, "none")([1, 3], [2, 2], [1, 1]) -> [1.5, 0]', () => {
    expect(values(new MarginRankingLoss(0.5, 'none').forward(tensor([1, 3]), tensor([2, 2]), tensor([1, 1])))).toEqual([1.5, 0]);
  });

  it('the layer keeps margin, reduction and name as given', () => {
    const layer = new MarginRankingLoss({ margin: 0.5, reduction: 'sum', name: 'l' });
    expect([layer.margin, layer.reduction, layer.name]).toEqual([0.5, 'sum', 'l']);
  });
});
