/**
 * One describe block per named rule of margin_ranking_loss (reference/
 * margin_ranking_loss_rules.ts): its own `ranking-*` rules and its
 * primitives' (reference/kernels/), each tested through the op. Expected values are literals observed in Paddle 3.3.1
 * (CPU); each comment gives the call (F = paddle.nn.functional,
 * T(v, dtype) = paddle.to_tensor(v, dtype=dtype), float32 unless stated).
 */
import { describe, expect, it } from 'vitest';
import { raised, values } from './test_support.js';
import { MarginRankingLoss, marginRankingLoss, marginRankingLossGrad } from './margin_ranking_loss.js';
import { KERNEL_RULES } from './kernels/rules.js';
import { MARGIN_RANKING_LOSS_RULES } from './margin_ranking_loss_rules.js';
import { tensor, type Tensor } from './tensor.js';
import { withPaddleRelease } from './release.js';

/** The IEEE-754 bit patterns of a float32 tensor's elements, as hex strings. */
function bits32(t: Tensor): string[] {
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16).padStart(8, '0'));
}

describe("margin_ranking_loss's rules are its own (ranking-) or its primitives'", () => {
  it('every rule name starts with ranking- or is a kernel rule, summarised as kernels/rules.ts does', () => {
    const stray = Object.entries(MARGIN_RANKING_LOSS_RULES).filter(([r, summary]) => !r.startsWith('ranking-') && (KERNEL_RULES as Record<string, string>)[r] !== summary);
    expect(stray).toEqual([]);
  });
});

const x1 = tensor([1]);

describe('Rule `ranking-reduction-checked-first`', () => {
  it('a bad reduction with a list input raises the reduction ValueError, not the argument parser’s', () => {
    // F.margin_ranking_loss([1.0], [2.0], [1.0], reduction='x') -> ValueError "...but received x, which is not allowed."
    expect(raised(() => marginRankingLoss([1] as unknown as Tensor, x1, x1, 0.0, 'x'))).toEqual([
      'ValueError',
      "The value of 'reduction' in MarginRankingLoss should be 'sum', 'mean' or 'none', but received x, which is not allowed.",
    ]);
  });

  it('a bad reduction with float16 operands beats the subtract kernel’s RuntimeError', () => {
    const f16 = tensor([1], { dtype: 'float16' });
    expect(raised(() => marginRankingLoss(f16, f16, f16, 0.0, 'MEAN'))[0]).toBe('ValueError');
  });

  it('the layer raises at construction, not at the call', () => {
    // paddle.nn.MarginRankingLoss(reduction='reduce_mean') -> ValueError (hinge's layer raises at the call)
    expect(() => new MarginRankingLoss(0.0, 'reduce_mean')).toThrow(
      "The value of 'reduction' in MarginRankingLoss should be 'sum', 'mean' or 'none', but received reduce_mean, which is not allowed.",
    );
  });
});

describe('Rule `ranking-checks-in-op-order`', () => {
  const f16 = { dtype: 'float16' } as const;
  it.each([
    // F.margin_ranking_loss(T([1,2,3],'int32'), T([1.,2.]), T([1.])): promotion before broadcast
    ['int32 input, other of another shape: TypeError (promotion first)', tensor([1, 2, 3], { dtype: 'int32' }), tensor([1, 2]), tensor([1]), 0.0, 'TypeError'],
    // F.margin_ranking_loss(T([1,2,3],'float16'), T([1.,2.],'float16'), T([1.])): kernel before broadcast
    ['float16 operands of different shapes: RuntimeError (kernel before shapes)', tensor([1, 2, 3], f16), tensor([1, 2], f16), tensor([1]), 0.0, 'RuntimeError'],
    // F.margin_ranking_loss(T([1.,2.],'float16'), T([1.,2.],'float16'), [1.,2.]): subtract before multiply
    ['float16 operands and a list label: the subtract kernel first', tensor([1, 2], f16), tensor([1, 2], f16), [1, 2], 0.0, 'RuntimeError'],
    // F.margin_ranking_loss(T([1.,2.,3.]), T([1.,2.]), T([1,2],'int32')): subtract's shapes before multiply's dtypes
    ['unbroadcastable input/other and an int label: ValueError', tensor([1, 2, 3]), tensor([1, 2]), tensor([1, 2], { dtype: 'int32' }), 0.0, 'ValueError'],
    // F.margin_ranking_loss(T([1.,2.,3.]), T([1.,2.,3.]), T([1.,2.]), None): the label's shape before the margin
    ['a label of the wrong shape and margin None: ValueError (broadcast)', tensor([1, 2, 3]), tensor([1, 2, 3]), tensor([1, 2]), null, 'ValueError'],
    // F.margin_ranking_loss(T([1,2],'int32') x3, None): the margin before the relu kernel
    ['int32 operands and margin None: ValueError from to_tensor', tensor([1, 2], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int32' }), null, 'ValueError'],
  ])('%s', (_, input, other, label, margin, type) => {
    expect(raised(() => marginRankingLoss(input, other, label as Tensor, margin, 'none'))[0]).toBe(type);
  });

  it('other is subtract’s x and is checked before input', () => {
    // F.margin_ranking_loss([1.0], [2.0], [1.0]) -> "(InvalidArgument) subtract(): argument 'x' (position 0) must be Tensor, but got list"
    expect(raised(() => marginRankingLoss([1] as unknown as Tensor, [2] as unknown as Tensor, x1))[1]).toBe(
      "(InvalidArgument) subtract(): argument 'x' (position 0) must be Tensor, but got list",
    );
  });
});

describe('Rule `subtract-broadcasts`', () => {
  it('input [3,4] against other [3,1] and label [4] gives a [3,4] loss', () => {
    // F.margin_ranking_loss(T(arange(12).reshape(3,4)), T([[1],[2],[3]]), T([1,-1,1,-1]), 0.0, 'none')
    //   -> [[1,0,0,2],[0,3,0,5],[0,6,0,8]]
    const out = marginRankingLoss(tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]), tensor([[1], [2], [3]]), tensor([1, -1, 1, -1]), 0.0, 'none');
    expect(out.toNested()).toEqual([[1, 0, 0, 2], [0, 3, 0, 5], [0, 6, 0, 8]]);
  });

  it('0-D input and other [3]: the loss has [3]', () => {
    // F.margin_ranking_loss(T(1.), T([2.,3.,0.]), T([1.,1.,1.]), 0.0, 'none') -> [1, 2, 0]
    expect(values(marginRankingLoss(tensor(1), tensor([2, 3, 0]), tensor([1, 1, 1]), 0.0, 'none'))).toEqual([1, 2, 0]);
  });
});

describe('Rule `multiply-broadcasts`', () => {
  it('a label larger than input and other sets the loss’s shape', () => {
    // F.margin_ranking_loss(T([1.,2.,3.]), T([3.,2.,1.]), T([[1,1,1],[-1,-1,-1]]), 0.0, 'none') -> [[2,0,0],[0,0,2]]
    expect(marginRankingLoss(tensor([1, 2, 3]), tensor([3, 2, 1]), tensor([[1, 1, 1], [-1, -1, -1]]), 0.0, 'none').toNested()).toEqual([
      [2, 0, 0],
      [0, 0, 2],
    ]);
  });

  it('0-D input and other with a [3] label give [3]', () => {
    // F.margin_ranking_loss(T(1.), T(2.), T([1.,-1.,2.]), 0.0, 'none') -> [1, 0, 2]
    expect(values(marginRankingLoss(tensor(1), tensor(2), tensor([1, -1, 2]), 0.0, 'none'))).toEqual([1, 0, 2]);
  });
});

describe('Rule `promotion-float-dtypes-widen`', () => {
  it('float32 input and other with a float64 label: subtract in float32, the loss float64', () => {
    // F.margin_ranking_loss(T([1e-8]), T([1.]), T([1.], 'float64'), 0.0, 'none') -> float64 [1.0]
    // (float64 throughout would give 0.99999999)
    const out = marginRankingLoss(tensor([1e-8]), tensor([1]), tensor([1], { dtype: 'float64' }), 0.0, 'none');
    expect([out.dtype, values(out)]).toEqual(['float64', [1]]);
  });

  it('float64 input with float32 other subtracts in float64', () => {
    // F.margin_ranking_loss(T([1e-8], 'float64'), T([1.]), T([1.]), 0.0, 'none') -> float64 [0.99999999] (0x3feffffffaa19c47)
    const out = marginRankingLoss(tensor([1e-8], { dtype: 'float64' }), tensor([1]), tensor([1]), 0.0, 'none');
    expect([out.dtype, values(out)]).toEqual(['float64', [0.99999999]]);
  });

  it('bfloat16 input and other subtract in bfloat16 before a float32 label: 512 - 1 gives 512', () => {
    // F.margin_ranking_loss(T([1.],'bfloat16'), T([512.],'bfloat16'), T([1.]), 0.0, 'none') -> float32 [512.0]
    const bf = { dtype: 'bfloat16' } as const;
    const out = marginRankingLoss(tensor([1], bf), tensor([512], bf), tensor([1]), 0.0, 'none');
    expect([out.dtype, values(out)]).toEqual(['float32', [512]]);
  });

  it('a 0-D float64 other meets a float32 input in float32 (0.1 becomes 0x3dcccccd)', () => {
    // F.margin_ranking_loss(T([0.]), T(0.1, 'float64'), T([1.]), 0.0, 'none') -> float32 [0.10000000149011612]
    const out = marginRankingLoss(tensor([0]), tensor(0.1, { dtype: 'float64' }), tensor([1]), 0.0, 'none');
    expect(out.dtype).toBe('float32');
    expect(bits32(out)).toEqual(['3dcccccd']);
  });

  it('float16 input with float32 other gives float32', () => {
    // F.margin_ranking_loss(T([1,2],'float16'), T([2,1]), T([1,-1],'float16'), 0.0, 'none') -> float32 [1, 1]
    const out = marginRankingLoss(tensor([1, 2], { dtype: 'float16' }), tensor([2, 1]), tensor([1, -1], { dtype: 'float16' }), 0.0, 'none');
    expect([out.dtype, values(out)]).toEqual(['float32', [1, 1]]);
  });
});

/** Paddle 3.3.1's RuntimeError for a kernel without a registration for the dtype. */
const kernel = (dtype: string, name: string, supported: string): [string, string] => [
  'RuntimeError',
  `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`${name}\` is not registered. Selected wrong DataType \`${dtype}\`. Paddle support following DataTypes: ${supported}.`,
];

/** The error of a call whose three operands have one dtype. */
const all = (dtype: 'int32' | 'int64' | 'bool' | 'bfloat16' | 'float16', margin: number): [string, string] => {
  const t = tensor(dtype === 'bool' ? [1, 0] : [1, 2], { dtype });
  return raised(() => marginRankingLoss(t, t, t, margin, 'none'));
};

describe('Rule `relu-float-kernels-only`', () => {
  it('int32 passes subtract, multiply and add and fails in relu (F.margin_ranking_loss(T([1,2],"int32") x3))', () => {
    expect(all('int32', 0)).toEqual(kernel('int32', 'relu', 'float64, float32'));
    expect(all('int64', 0.5)).toEqual(kernel('int64', 'relu', 'float64, float32'));
  });

  it('bfloat16 fails in relu with margin 0', () => {
    expect(all('bfloat16', 0)).toEqual(kernel('bfloat16', 'relu', 'float64, float32'));
  });
});

describe('Rule `subtract-no-float16-or-bool-kernel`', () => {
  it('bool and float16 fail in subtract, the first op', () => {
    expect(all('bool', 0)).toEqual(kernel('bool', 'subtract', 'int64, int16, float64, complex128, float32, complex64, int32, bfloat16'));
    expect(all('float16', 0)[1]).toMatch(/of kernel `subtract` is not registered/);
  });
});

describe('Rule `add-no-float16-or-bfloat16-kernel`', () => {
  it('bfloat16 passes subtract and multiply and fails in add with margin 0.5', () => {
    expect(all('bfloat16', 0.5)).toEqual(kernel('bfloat16', 'add', 'int16, float64, complex128, int32, uint8, float32, complex64, bool, int64, int8'));
  });
});

describe('Rule `promotion-refuses-int-with-float`', () => {
  it('int32 against int64 fails type promotion', () => {
    // F.margin_ranking_loss(T([1,2],'int32'), T([1,2],'int64'), T([1,2],'int32')) -> "... x: int64, y: int32."
    expect(raised(() => marginRankingLoss(tensor([1, 2], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int64' }), tensor([1, 2], { dtype: 'int32' })))[1]).toMatch(
      /x: int64, y: int32\.$/,
    );
  });

  it('a 0-D float32 label makes int32 input and other computable: [6, 6, 6]', () => {
    // F.margin_ranking_loss(T([1,1,1],'int32'), T([3,3,3],'int32'), T(3.), 0.0, 'none') -> float32 [6, 6, 6]
    const i32 = { dtype: 'int32' } as const;
    const out = marginRankingLoss(tensor([1, 1, 1], i32), tensor([3, 3, 3], i32), tensor(3), 0.0, 'none');
    expect([out.dtype, values(out)]).toEqual(['float32', [6, 6, 6]]);
  });
});

describe('Rule `ranking-margin-added-only-when-nonzero`', () => {
  it.each([
    ['0.0', 0.0, []],
    ['-0.0', -0, []],
    ['False', false, []],
    ['0.5', 0.5, [1]],
    ['1e-50 (0 in float32, still added)', 1e-50, [1]],
    ['NaN', NaN, [1]],
  ])('margin %s: 0-D operands with none give shape %j', (_, margin, shape) => {
    // F.margin_ranking_loss(T(1.), T(2.), T(1.), margin, 'none')
    expect(marginRankingLoss(tensor(1), tensor(2), tensor(1), margin, 'none').shape).toEqual(shape);
  });
});

describe('Rule `ranking-zero-d-none-shape-follows-margin`', () => {
  it("margin 0: shape [] with value 1; margin 0.5: shape [1] with 1.5; 'mean' is [] either way", () => {
    // F.margin_ranking_loss(T(1.), T(2.), T(1.), 0.0 | 0.5, 'none' | 'mean')
    const [a, b, c] = [tensor(1), tensor(2), tensor(1)];
    const none0 = marginRankingLoss(a, b, c, 0.0, 'none');
    const none5 = marginRankingLoss(a, b, c, 0.5, 'none');
    expect([none0.shape, values(none0), none5.shape, values(none5)]).toEqual([[], [1], [1], [1.5]]);
    expect(marginRankingLoss(a, b, c, 0.5, 'mean').shape).toEqual([]);
  });
});

describe('Rule `ranking-margin-in-result-dtype`', () => {
  it.each([
    // F.margin_ranking_loss(T([1.]), T([2.]), T([1.]), 1e39, 'none') -> [inf]
    ['1e39, float32: inf', 1e39, 'float32', [Infinity]],
    // ... float64 -> [1e+39]
    ['1e39, float64: finite', 1e39, 'float64', [1e39]],
    // ... -1e39, float32 -> -inf + 1 = -inf -> relu 0
    ['-1e39, float32: 0', -1e39, 'float32', [0]],
  ] as const)('margin %s', (_, margin, dtype, expected) => {
    const out = marginRankingLoss(tensor([1], { dtype }), tensor([2], { dtype }), tensor([1], { dtype }), margin, 'none');
    expect(values(out)).toEqual(expected);
  });

  it('0.1 is rounded to float32 before it is added: 0 + 0.1 gives 0x3dcccccd', () => {
    // F.margin_ranking_loss(T([0.]), T([0.]), T([1.]), 0.1, 'none') -> 0x3dcccccd
    expect(bits32(marginRankingLoss(tensor([0]), tensor([0]), tensor([1]), 0.1, 'none'))).toEqual(['3dcccccd']);
  });

  it('with a float64 label the margin is float64: 0.1 exactly', () => {
    // F.margin_ranking_loss(T([0.]), T([0.]), T([1.], 'float64'), 0.1, 'none') -> float64 [0.1]
    expect(values(marginRankingLoss(tensor([0]), tensor([0]), tensor([1], { dtype: 'float64' }), 0.1, 'none'))).toEqual([0.1]);
  });

  it('int 1 and True both add 1', () => {
    // F.margin_ranking_loss(T([1.]), T([2.]), T([1.]), 1 | True, 'none') -> [2.]
    expect(values(marginRankingLoss(tensor([1]), tensor([2]), tensor([1]), 1, 'none'))).toEqual([2]);
    expect(values(marginRankingLoss(tensor([1]), tensor([2]), tensor([1]), true, 'none'))).toEqual([2]);
  });
});

describe('Rule `ranking-margin-none-or-str-refused`', () => {
  it('None raises ValueError from to_tensor', () => {
    // F.margin_ranking_loss(T([1.]), T([2.]), T([1.]), None, 'none')
    expect(raised(() => marginRankingLoss(x1, tensor([2]), x1, null, 'none'))).toEqual([
      'ValueError',
      '\n\tFailed to convert input data to a regular ndarray :\n\t - Usually this means the input data contains nested lists with different lengths. ',
    ]);
  });

  it.each([
    ['1.5', '<U3'],
    ['inf', '<U3'],
    ['True', '<U4'],
    ['0', '<U1'],
    ['', '<U1'],
    ['1.5abc', '<U6'],
  ])('the str %j raises TypeError naming numpy dtype %s (hinge reads strings; this loss refuses them)', (margin, dtype) => {
    // F.margin_ranking_loss(T([1.]), T([2.]), T([1.]), margin, 'none')
    expect(raised(() => marginRankingLoss(x1, tensor([2]), x1, margin, 'none'))).toEqual([
      'TypeError',
      `dtype must be any of [bool, float16, uint16, float32, float64, int8, int16, int32, int64, uint8, complex64, complex128, bfloat16], but received ${dtype}`,
    ]);
  });
});

describe('Rule `relu-nan-is-zero`', () => {
  it('NaN and infinities anywhere give 0 where the pre-relu value is NaN', () => {
    // F.margin_ranking_loss(T([inf, inf, -inf, nan, 1, 1, 1, 1]), T([inf, -inf, inf, 1, nan, 1, 2, 2]),
    //                       T([1, 1, 1, 1, 1, nan, inf, -inf]), 0.0, 'none') -> [0, 0, inf, 0, 0, 0, inf, 0]
    const out = marginRankingLoss(
      tensor([Infinity, Infinity, -Infinity, NaN, 1, 1, 1, 1]),
      tensor([Infinity, -Infinity, Infinity, 1, NaN, 1, 2, 2]),
      tensor([1, 1, 1, 1, 1, NaN, Infinity, -Infinity]),
      0.0,
      'none',
    );
    expect(values(out)).toEqual([0, 0, Infinity, 0, 0, 0, Infinity, 0]);
  });

  it('a NaN margin gives 0, and a mean over a NaN element ignores it: [NaN, 1] against [1, 2] gives 0.5', () => {
    // F.margin_ranking_loss(T([1.,2.]), T([2.,1.]), T([1.,-1.]), nan, 'none') -> [0, 0]
    expect(values(marginRankingLoss(tensor([1, 2]), tensor([2, 1]), tensor([1, -1]), NaN, 'none'))).toEqual([0, 0]);
    // F.margin_ranking_loss(T([nan, 1.]), T([1., 2.]), T([1., 1.]), 0.0, 'mean') -> 0.5
    expect(values(marginRankingLoss(tensor([NaN, 1]), tensor([1, 2]), tensor([1, 1]), 0.0, 'mean'))).toEqual([0.5]);
  });

  it('-0 before relu comes out +0: input == other, label 1 (and label -0.0)', () => {
    // F.margin_ranking_loss(T([1.]), T([1.]), T([1.]) | T([-0.0]) ...) -> bits 0x0
    expect(bits32(marginRankingLoss(tensor([1, 2]), tensor([1, 1]), tensor([1, -0]), 0.0, 'none'))).toEqual(['00000000', '00000000']);
  });
});

describe('Rule `sum-of-empty-is-zero`', () => {
  it("[0] operands with 'sum' give +0, shape []", () => {
    // F.margin_ranking_loss(T([]), T([]), T([]), 0.0, 'sum') -> 0.0 shape []
    const e = tensor([]);
    const out = marginRankingLoss(e, e, e, 0.0, 'sum');
    expect([out.shape, bits32(out)]).toEqual([[], ['00000000']]);
  });
});

describe('Rule `sum-of-empty-is-zero` before Paddle 3.0.0', () => {
  const e = tensor([]);
  const sum = () => marginRankingLoss(e, e, e, 0.0, 'sum');

  it("Paddle 2.6.2's sum kernel refuses an empty loss with ValueError (overlay shapes/shape=0,margin=0,reduction=sum)", () => {
    expect(withPaddleRelease('2.6.2', () => raised(sum))).toEqual(['ValueError', '(InvalidArgument) Tensor need be reduced must not empty.']);
    expect(withPaddleRelease('2.6.2', () => raised(() => marginRankingLossGrad(e, e, e, 0.0, 'sum')))[0]).toBe('ValueError');
  });

  it('Paddle 3.0.0 sums it to +0', () => {
    expect(bits32(withPaddleRelease('3.0.0', sum))).toEqual(['00000000']);
  });
});

describe('Rule `mean-all-of-empty-is-nan` before Paddle 3.1.0', () => {
  const e = tensor([], { shape: [2, 0] });
  const mean = () => marginRankingLoss(e, e, e, 0.5, 'mean');

  it("Paddle 3.0.0's mean_all divides 0 by 0: x86's NaN 0xffc00000 (overlay shapes/shape=2x0,margin=0.5,reduction=mean)", () => {
    expect(bits32(withPaddleRelease('3.0.0', mean))).toEqual(['ffc00000']);
  });

  it('Paddle 3.1.0 gives the positive quiet NaN 0x7fc00000', () => {
    expect(bits32(withPaddleRelease('3.1.0', mean))).toEqual(['7fc00000']);
  });
});

describe('Rule `mean-all-of-empty-is-nan`', () => {
  it("[0, 3] operands with 'mean' give the positive quiet NaN 0x7fc00000; float64 0x7ff8000000000000", () => {
    // F.margin_ranking_loss(T(zeros([0,3])), ..., 0.5, 'mean') -> nan, bits 0x7fc00000 (float64: 0x7ff8000000000000)
    const e = tensor([], { shape: [0, 3] });
    const out = marginRankingLoss(e, e, e, 0.5, 'mean');
    expect([out.shape, bits32(out)]).toEqual([[], ['7fc00000']]);
    const e64 = tensor([], { shape: [0, 3], dtype: 'float64' });
    const out64 = marginRankingLoss(e64, e64, e64, 0.5, 'mean');
    expect(Buffer.from(out64.data.buffer).reverse().toString('hex')).toBe('7ff8000000000000');
  });
});

describe('Rule `relu-grad-zero-at-kink`', () => {
  it('loss exactly 0 at the kink gives ±0, not ∓label', () => {
    // F.margin_ranking_loss(T([1.,1.,2.]), T([1.,0.5,1.]), T([1.,1.,1.]), 0.5, 'none').backward()
    //   loss [0.5, 0, 0]; input.grad bits [bf800000, 80000000, 80000000], other.grad [3f800000, 0, 0]
    const g = marginRankingLossGrad(tensor([1, 1, 2]), tensor([1, 0.5, 1]), tensor([1, 1, 1]), 0.5, 'none');
    expect(bits32(g.input)).toEqual(['bf800000', '80000000', '80000000']);
    expect(bits32(g.other)).toEqual(['3f800000', '00000000', '00000000']);
  });
});

describe('Rule `multiply-grad-is-upstream-times-other`', () => {
  it('NaN and inf labels: the gradient is NaN where the loss is 0, inf where it is inf', () => {
    // F.margin_ranking_loss(T([nan, inf, 1, 1]), T([1, inf, 2, 2]), T([1, 1, nan, inf]), 0.0, 'none').backward()
    //   input.grad [-0, -0, nan, -inf], other.grad [0, 0, nan, inf]
    const g = marginRankingLossGrad(tensor([NaN, Infinity, 1, 1]), tensor([1, Infinity, 2, 2]), tensor([1, 1, NaN, Infinity]), 0.0, 'none');
    expect(values(g.input)).toEqual([-0, -0, NaN, -Infinity]);
    expect(values(g.other)).toEqual([0, 0, NaN, Infinity]);
  });

  it('a -inf label where the loss is 0 gives NaN (0 × -inf)', () => {
    // F.margin_ranking_loss(T([1.,1.]), T([2.,0.]), T([-inf, nan]), 0.0, 'sum').backward() -> input.grad [nan, nan]
    const g = marginRankingLossGrad(tensor([1, 1]), tensor([2, 0]), tensor([-Infinity, NaN]), 0.0, 'sum');
    expect(values(g.input)).toEqual([NaN, NaN]);
  });

  it('a NaN input gives a zero gradient (its loss is relu(NaN) = 0)', () => {
    // F.margin_ranking_loss(T([nan]), T([1.]), T([1.]), 0.5, 'sum').backward() -> input.grad [-0], other.grad [0]
    const g = marginRankingLossGrad(tensor([NaN]), tensor([1]), tensor([1]), 0.5, 'sum');
    expect([bits32(g.input), bits32(g.other)]).toEqual([['80000000'], ['00000000']]);
  });
});

describe('Rule `mean-all-grad-divides-by-count`', () => {
  it("'mean' over 7 with grad_output 3: each element gets fl(3/7) = 0x3edb6db7, not 3·fl(1/7) = 0x3edb6db8", () => {
    // out = F.margin_ranking_loss(T([0.]*7), T([1.]*7), T([1.]*7), 0.0, 'mean'); out.backward(T(3.)) -> other.grad 0x3edb6db7
    const g = marginRankingLossGrad(tensor(new Array(7).fill(0)), tensor(new Array(7).fill(1)), tensor(new Array(7).fill(1)), 0.0, 'mean', tensor(3));
    expect(bits32(g.other)).toEqual(new Array(7).fill('3edb6db7'));
    expect(bits32(g.input)).toEqual(new Array(7).fill('bedb6db7'));
  });
});

describe('Rule `broadcast-grad-summed-in-order`', () => {
  it('input [1] against labels [1, 1e8, -1e8]: -1 - 1e8 + 1e8 summed left to right is 0 (pairwise or reversed gives -1)', () => {
    // F.margin_ranking_loss(T([1.]), T([2.,2.,0.]), T([1.,1e8,-1e8]), 0.0, 'sum').backward()
    //   input.grad [0.0] (0x0); other.grad [1, 1e8, -1e8]
    const g = marginRankingLossGrad(tensor([1]), tensor([2, 2, 0]), tensor([1, 1e8, -1e8]), 0.0, 'sum');
    expect(bits32(g.input)).toEqual(['00000000']);
    expect(values(g.other)).toEqual([1, 1e8, -1e8]);
  });
});

const ones34 = [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]];

describe('Rule `subtract-grad-negates`', () => {
  it('same shapes, input == other, label 1: input’s gradient is -0, other’s +0', () => {
    // F.margin_ranking_loss(T(ones34), T(ones34), T(ones34), 0.0, 'sum').backward() -> input.grad all 0x80000000
    const g = marginRankingLossGrad(tensor(ones34), tensor(ones34), tensor(ones34), 0.0, 'sum');
    expect(new Set(bits32(g.input))).toEqual(new Set(['80000000']));
    expect(new Set(bits32(g.other))).toEqual(new Set(['00000000']));
  });

  it('a NaN label where the loss is 0: other gets 0 × NaN, input that NaN with its sign flipped', () => {
    // F.margin_ranking_loss(T([1.]), T([2.]), T([nan]), 0.5, 'none').backward() -> other 0x7fc00000, input 0xffc00000
    const g = marginRankingLossGrad(tensor([1]), tensor([2]), tensor([NaN]), 0.5, 'none');
    expect([bits32(g.other), bits32(g.input)]).toEqual([['7fc00000'], ['ffc00000']]);
  });
});

describe('Rule `broadcast-grad-accumulates-from-zero`', () => {
  it('other [3,1] against input [3,4] (the general path): input’s gradient is +0', () => {
    // F.margin_ranking_loss(T(ones34), T([[1],[1],[1]]), T(ones34), 0.0, 'sum').backward() -> input.grad all 0x0
    const g = marginRankingLossGrad(tensor(ones34), tensor([[1], [1], [1]]), tensor(ones34), 0.0, 'sum');
    expect(new Set(bits32(g.input))).toEqual(new Set(['00000000']));
  });

  it('input [3,1] against other [3,4], label -1 (the contiguous path): other keeps -0, input’s sums are +0', () => {
    // F.margin_ranking_loss(T([[1],[1],[1]]), T(ones34), T(-ones34), 0.0, 'sum').backward()
    //   other.grad all 0x80000000, input.grad all 0x0
    const minus = [[-1, -1, -1, -1], [-1, -1, -1, -1], [-1, -1, -1, -1]];
    const g = marginRankingLossGrad(tensor([[1], [1], [1]]), tensor(ones34), tensor(minus), 0.0, 'sum');
    expect(new Set(bits32(g.other))).toEqual(new Set(['80000000']));
    expect(new Set(bits32(g.input))).toEqual(new Set(['00000000']));
  });
});

// Paddle 2.6.2's behaviour, where it differs from 3.0.0 and later; the
// literal values are the overlay's (golden/releases/2.6.2/margin_ranking_loss.json).

describe('Rule `promotion-refuses-int-with-float` before Paddle 3.0.0', () => {
  // dtypes/mix=i32_f32_f32: int32 input, float32 other and label, margin 0.5, 'none'.
  const call = () => marginRankingLoss(tensor([0, 1, -2, 3, 2, -1], { dtype: 'int32' }), tensor([1, -1, 0, 2, 3, -3]), tensor([1, -1, 1, -1, -1, 1]), 0.5, 'none');

  it('Paddle 2.6.2: the float32 kernel refuses the int32 data with ValueError', () => {
    expect(withPaddleRelease('2.6.2', () => raised(call))).toEqual([
      'ValueError',
      '(InvalidArgument) The type of data we are trying to retrieve (int32) does not match the type of data (float32) currently contained in the container.',
    ]);
  });

  it('Paddle 3.0.0: type promotion’s TypeError', () => {
    expect(withPaddleRelease('3.0.0', () => raised(call))[0]).toBe('TypeError');
  });
});

describe('Rule `promotion-float-dtypes-widen` before Paddle 3.0.0', () => {
  // dtypes/mix=f32_f64scalar_f32: float32 input and label, a 0-D float64 other, margin 0.5, 'none'.
  const call = () => marginRankingLoss(tensor([0.5, 1.5, -1.75, 3.5, 2.5, -0.5]), tensor(0.5, { dtype: 'float64' }), tensor([1, -1, 1, -1, -1, 1]), 0.5, 'none');

  it('Paddle 2.6.2 promotes the 0-D float64 other too: a float64 loss', () => {
    const out = withPaddleRelease('2.6.2', call);
    expect([out.dtype, values(out)]).toEqual(['float64', [0.5, 1.5, 2.75, 3.5, 2.5, 1.5]]);
  });

  it('Paddle 3.0.0 keeps float32', () => {
    expect(withPaddleRelease('3.0.0', call).dtype).toBe('float32');
  });

  // regressions/case=67d07a270264: input 0-D float32 0, other 0-D bfloat16 0, label -inf; other's gradient is 0 × -inf = NaN cast to bfloat16.
  const grad = () => marginRankingLossGrad(tensor(0), tensor(0, { dtype: 'bfloat16' }), tensor(-Infinity)).other;

  it('Paddle 2.6.2 truncates the NaN 0xffc00000 to bfloat16 0xffc0', () => {
    expect(bits32(withPaddleRelease('2.6.2', grad))).toEqual(['ffc00000']);
  });

  it('Paddle 3.0.0 writes it as 0x7fff', () => {
    expect(bits32(withPaddleRelease('3.0.0', grad))).toEqual(['7fff0000']);
  });
});

describe('Paddle 2.6\'s broadcasting of zero-size operands before Paddle 3.0.0 (add\'s shape inference)', () => {
  // shapes/shape=0,margin=0.5,reduction=none: the [1] margin tensor meets a [0] product.
  const e = tensor([]);

  it('Paddle 2.6.2 raises RuntimeError adding the margin to an empty product', () => {
    expect(withPaddleRelease('2.6.2', () => raised(() => marginRankingLoss(e, e, e, 0.5, 'none')))).toEqual([
      'RuntimeError',
      '(PreconditionNotMet) The meta data must be valid when call the mutable data function.',
    ]);
  });

  it('Paddle 3.0.0 returns the empty loss', () => {
    expect(withPaddleRelease('3.0.0', () => marginRankingLoss(e, e, e, 0.5, 'none')).shape).toEqual([0]);
  });
});

describe('the backward through an empty loss before Paddle 3.0.0 (a departure from the page, no rule)', () => {
  // shapes/shape=2x0,margin=0,reduction=none with gradients.
  const e = tensor([], { shape: [2, 0] });

  it('Paddle 3.0.0 and later: empty gradients of the operands’ shapes', () => {
    const g = withPaddleRelease('3.0.0', () => marginRankingLossGrad(e, e, e, 0.0, 'none'));
    expect([g.input.shape, g.other.shape]).toEqual([[2, 0], [2, 0]]);
  });

  it('Paddle 2.6.2 computes the loss, then its backward raises SystemError', () => {
    expect(withPaddleRelease('2.6.2', () => marginRankingLoss(e, e, e, 0.0, 'none')).shape).toEqual([2, 0]);
    expect(withPaddleRelease('2.6.2', () => raised(() => marginRankingLossGrad(e, e, e, 0.0, 'none')))).toEqual([
      'SystemError',
      '(Fatal) Unable to fill empty grad inputs due to empty GradSlotMeta',
    ]);
  });
});
