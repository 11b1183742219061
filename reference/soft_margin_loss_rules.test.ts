/**
 * One describe block per named rule of soft_margin_loss: its own
 * (`soft-margin-*`, marked "Rule" and the name in reference/soft_margin_loss.ts)
 * and its primitives' (marked in reference/kernels/), tested through the op
 * and, for the primitives, on a tape of their own. Expected values are literals observed in Paddle 3.3.1
 * (CPU); each comment gives the call (F = paddle.nn.functional,
 * T(v, dtype) = paddle.to_tensor(v, dtype=dtype), float32 unless stated;
 * "grad" is x.grad after backward with x = T(..., stop_gradient=False)).
 */
import { describe, expect, it } from 'vitest';
import { raised } from './test_support.js';
import { KERNEL_RULES } from './kernels/rules.js';
import { scale } from './kernels/scale.js';
import { Tape } from './kernels/tape.js';
import { SoftMarginLoss, softMarginLoss, softMarginLossGrad } from './soft_margin_loss.js';
import { SOFT_MARGIN_LOSS_RULE_NAMES } from './soft_margin_loss_rules.js';
import { withPaddleRelease } from './release.js';
import { tensor, type Tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a tensor's elements, as hex strings (float32, or float64 for float64 tensors). */
function bits(t: Tensor): string[] {
  if (t.dtype === 'float64') return Array.from(new BigUint64Array(new Float64Array(t.data).buffer), (b) => b.toString(16));
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16));
}

const REDUCTION_ERROR = (v: string, api = 'soft_margin_loss'): string =>
  `The value of 'reduction' in ${api} should be 'sum', 'mean' or 'none', but received ${v}, which is not allowed.`;

describe("every soft_margin_loss rule is the op's own or a primitive's", () => {
  it('each name starts with soft-margin- or is a kernel rule', () => {
    expect(SOFT_MARGIN_LOSS_RULE_NAMES.filter((r) => !r.startsWith('soft-margin-') && !(r in KERNEL_RULES))).toEqual([]);
  });
});

describe('Rule `soft-margin-reduction-checked-first`', () => {
  it.each([
    ['MEAN', 'MEAN'],
    [null, 'None'],
    [['mean'], "['mean']"],
  ])('reduction %j raises ValueError naming soft_margin_loss', (reduction, shown) => {
    // F.soft_margin_loss(T([1., 2.]), T([1., 1.]), 'MEAN' | None | ['mean'])
    expect(raised(() => softMarginLoss(tensor([1, 2]), tensor([1, 1]), reduction as string))).toEqual(['ValueError', REDUCTION_ERROR(shown)]);
  });

  it('wins over a shape mismatch and over list operands', () => {
    // F.soft_margin_loss(T([1., 2.]), T([1.]), 'bad') and F.soft_margin_loss([1., 2.], [1., 1.], 'x')
    expect(raised(() => softMarginLoss(tensor([1, 2]), tensor([1]), 'bad'))).toEqual(['ValueError', REDUCTION_ERROR('bad')]);
    expect(raised(() => softMarginLoss([1, 2] as unknown as Tensor, [1, 1] as unknown as Tensor, 'x'))).toEqual([
      'ValueError',
      REDUCTION_ERROR('x'),
    ]);
  });

  it('the layer raises it at construction, naming SoftMarginLoss; reduction=False is a bad reduction there', () => {
    // paddle.nn.SoftMarginLoss('x'); paddle.nn.SoftMarginLoss(reduction=False)
    expect(raised(() => new SoftMarginLoss('x'))).toEqual(['ValueError', REDUCTION_ERROR('x', 'SoftMarginLoss')]);
    expect(raised(() => new SoftMarginLoss({ reduction: false as unknown as string }))).toEqual([
      'ValueError',
      REDUCTION_ERROR('False', 'SoftMarginLoss'),
    ]);
  });
});

describe('Rule `soft-margin-non-tensor-attribute-error`', () => {
  it.each([
    [[1, 2], 'list'],
    [null, 'NoneType'],
    [1.5, 'float'],
    [2, 'int'],
    ['a', 'str'],
  ])('input %j raises AttributeError naming %s', (input, type) => {
    // F.soft_margin_loss([1., 2.] | None | 1.5 | 2 | 'a', T([1., 1.]))
    expect(raised(() => softMarginLoss(input as unknown as Tensor, tensor([1, 1])))).toEqual([
      'AttributeError',
      `'${type}' object has no attribute 'shape'`,
    ]);
  });

  it('a list label raises the same for the label', () => {
    // F.soft_margin_loss(T([1., 2.]), [1., 1.])
    expect(raised(() => softMarginLoss(tensor([1, 2]), [1, 1] as unknown as Tensor))).toEqual([
      'AttributeError',
      "'list' object has no attribute 'shape'",
    ]);
  });
});

describe('Rule `soft-margin-shapes-must-equal`', () => {
  it.each([
    [[1, 2], [[1, 2]]],
    [[1, 2, 3], [1]],
    [[1], 1],
  ])('input %j against label %j raises ValueError (no broadcasting)', (input, label) => {
    // F.soft_margin_loss(T([1., 2.]), T([[1., 2.]])); T([1., 2., 3.]) against T([1.]); T([1.]) against T(1.)
    expect(raised(() => softMarginLoss(tensor(input), tensor(label), 'none'))).toEqual([
      'ValueError',
      "input's shape must equal to label's shape",
    ]);
  });

  it('control: equal shapes compute', () => {
    // F.soft_margin_loss(T([0.5]), T([1.]), 'none'): [0x3ef2ba38]
    expect(bits(softMarginLoss(tensor([0.5]), tensor([1]), 'none'))).toEqual(['3ef2ba38']);
  });
});

describe('Rule `soft-margin-label-cast-to-input-dtype`', () => {
  it('a float64 label meets a float32 input as float32; the loss is float32', () => {
    // F.soft_margin_loss(T([0.5, -1.]), T([1, -1]).astype('float64'), 'none'): float32 [0x3ef2ba38, 0x3ea063d5]
    const out = softMarginLoss(tensor([0.5, -1]), tensor([1, -1], { dtype: 'float64' }), 'none');
    expect(out.dtype).toBe('float32');
    expect(bits(out)).toEqual(['3ef2ba38', '3ea063d5']);
  });

  it('a float32 label meets a float64 input as float64', () => {
    // F.soft_margin_loss(T([0.1, -1.], 'float64'), T([1., -1.]), 'none')
    const out = softMarginLoss(tensor([0.1, -1], { dtype: 'float64' }), tensor([1, -1]), 'none');
    expect(bits(out)).toEqual(['3fe49ee5be955d1c', '3fd40c7abfbec125']);
  });

  it('a bool label counts as 0 or 1', () => {
    // F.soft_margin_loss(T([0.5, -1.]), T([1, -1]).astype('bool'), 'none'): [0x3ef2ba38, 0x3fa818f5]
    expect(bits(softMarginLoss(tensor([0.5, -1]), tensor([1, 1], { dtype: 'bool' }), 'none'))).toEqual(['3ef2ba38', '3fa818f5']);
  });

  it('any label value scales: 0, 2, -3, 0.5, 1 at input 0.5', () => {
    // F.soft_margin_loss(T([0.5] * 5), T([0., 2., -3., 0.5, 1.]), 'none')
    const out = softMarginLoss(tensor([0.5, 0.5, 0.5, 0.5, 0.5]), tensor([0, 2, -3, 0.5, 1]), 'none');
    expect(bits(out)).toEqual(['3f317218', '3ea063d5', '3fd9c7e9', '3f1370c4', '3ef2ba38']);
  });
});

const notFound = (kernel: string, dtype: string, list: string): [string, string] => [
  'RuntimeError',
  `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`${kernel}\` is not registered. ` +
    `Selected wrong DataType \`${dtype}\`. Paddle support following DataTypes: ${list}.`,
];

describe('Rule `multiply-no-float16-kernel`', () => {
  const MULTIPLY = 'int64, float64, complex128, float32, complex64, int32, bfloat16, bool';

  it('float16 fails in multiply', () => {
    // F.soft_margin_loss(paddle.ones([2]).astype('float16'), paddle.ones([2]).astype('float16'), 'none')
    expect(raised(() => softMarginLoss(tensor([1, 1], { dtype: 'float16' }), tensor([1, 1], { dtype: 'float16' }), 'none'))).toEqual(
      notFound('multiply', 'float16', MULTIPLY),
    );
  });
});

describe('Rule `exp-no-bfloat16-or-bool-kernel`', () => {
  const EXP = 'int32, int64, float64, complex128, float16, float32, complex64';

  it.each(['bfloat16', 'bool'] as const)('%s fails in exp', (dtype) => {
    // F.soft_margin_loss(paddle.ones([2]).astype(dtype), paddle.ones([2]).astype(dtype), 'none')
    expect(raised(() => softMarginLoss(tensor([1, 1], { dtype }), tensor([1, 1], { dtype }), 'none'))).toEqual(notFound('exp', dtype, EXP));
  });
});

describe('Rule `exp-of-integers-in-float32`', () => {
  it('int64 input and label compute in integers and give float32', () => {
    // F.soft_margin_loss(T([3, -2], 'int64'), T([1, -1], 'int64'), 'none'): float32 [0x3d470382, 0x3e01f96d]
    const out = softMarginLoss(tensor([3, -2], { dtype: 'int64' }), tensor([1, -1], { dtype: 'int64' }), 'none');
    expect(out.dtype).toBe('float32');
    expect(bits(out)).toEqual(['3d470382', '3e01f96d']);
  });

  it("int32's mean is float32 and the product wraps", () => {
    // F.soft_margin_loss(T([3, -2], 'int32'), T([1, -1], 'int32'), 'mean'): 0x3db3ba4e
    expect(bits(softMarginLoss(tensor([3, -2], { dtype: 'int32' }), tensor([1, -1], { dtype: 'int32' })))).toEqual(['3db3ba4e']);
    // F.soft_margin_loss(T([2**30], 'int32'), T([-4], 'int32'), 'none'): 4 · 2^30 wraps to 0, log 2 = 0x3f317218
    expect(bits(softMarginLoss(tensor([2 ** 30], { dtype: 'int32' }), tensor([-4], { dtype: 'int32' }), 'none'))).toEqual(['3f317218']);
  });

  it('an integer input gets its float gradient truncated: below 1 in magnitude it is 0', () => {
    // x = T([1, 2], 'int32', stop_gradient=False); F.soft_margin_loss(x, T([1, 1], 'int32'), 'sum').backward(): int32 [0, 0]
    const g = softMarginLossGrad(tensor([1, 2], { dtype: 'int32' }), tensor([1, 1], { dtype: 'int32' }), 'sum');
    expect(g.input.dtype).toBe('int32');
    expect(Array.from(g.input.data)).toEqual([0, 0]);
  });

  it("the float32 gradient at exp's input is truncated to the integer dtype before the multiply by -label", () => {
    // x = T([1, 2, 3, -1, -2, 0, -1], 'int32'); label T([1, 1, 1, 1, 1, 1, 3], 'int32');
    // F.soft_margin_loss(x, label, 'none').backward(T([5.] * 7)): int32 [-1, 0, 0, -3, -4, -2, -12]
    // (5 · 0.9526 = 4.76 truncates to 4 before × -3; the float product -14.29 would give -14)
    const g = softMarginLossGrad(
      tensor([1, 2, 3, -1, -2, 0, -1], { dtype: 'int32' }),
      tensor([1, 1, 1, 1, 1, 1, 3], { dtype: 'int32' }),
      'none',
      tensor([5, 5, 5, 5, 5, 5, 5]),
    );
    expect(Array.from(g.input.data)).toEqual([-1, 0, 0, -3, -4, -2, -12]);
  });

  it("mean's g / N is rounded in float32 before the chain: [0, 0, 0, -14, -16, -8]", () => {
    // F.soft_margin_loss(T([1, 2, 3, -1, -2, 0], 'int32'), T([2] * 6, 'int32'), 'mean').backward(T(50.)): int32 [0, 0, 0, -14, -16, -8]
    const g = softMarginLossGrad(tensor([1, 2, 3, -1, -2, 0], { dtype: 'int32' }), tensor([2, 2, 2, 2, 2, 2], { dtype: 'int32' }), 'mean', tensor(50));
    expect(Array.from(g.input.data)).toEqual([0, 0, 0, -14, -16, -8]);
  });

  it('where exp overflows the NaN gradient casts to the integer minimum: int32 -2^31', () => {
    // F.soft_margin_loss(T([1, 2, 3, 50, 88, 89, 100, 709, 710, 800], 'int32'), T([-1] * 10, 'int32'), 'none').backward():
    // int32 [0, 0, 0, 1, 0, -2147483648 ×5] (at 50 the float32 gradient is exactly 1; at 88 just below it)
    const x = [1, 2, 3, 50, 88, 89, 100, 709, 710, 800];
    const g = softMarginLossGrad(tensor(x, { dtype: 'int32' }), tensor(x.map(() => -1), { dtype: 'int32' }), 'none');
    expect(Array.from(g.input.data)).toEqual([0, 0, 0, 1, 0, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648]);
  });

  it('int64 gives -2^63 there', () => {
    // the same call in int64: [0, 0, 0, 1, 0, -9223372036854775808 ×5]
    const x = [1, 2, 3, 50, 88, 89, 100, 709, 710, 800];
    const g = softMarginLossGrad(tensor(x, { dtype: 'int64' }), tensor(x.map(() => -1), { dtype: 'int64' }), 'none');
    expect(Array.from(g.input.data)).toEqual([0, 0, 0, 1, 0, -(2 ** 63), -(2 ** 63), -(2 ** 63), -(2 ** 63), -(2 ** 63)]);
  });

  it('the integer multiply by -label wraps: -2^31 × -1 is -2^31, × -2 is 0', () => {
    // F.soft_margin_loss(T([-709] * 4, 'int32'), T([1, 2, 3, -1], 'int32'), 'none').backward(): int32 [-2147483648, 0, -2147483648, 0]
    const g = softMarginLossGrad(tensor([-709, -709, -709, -709], { dtype: 'int32' }), tensor([1, 2, 3, -1], { dtype: 'int32' }), 'none');
    expect(Array.from(g.input.data)).toEqual([-2147483648, 0, -2147483648, 0]);
  });

  it('an upstream gradient out of range, infinite or NaN gives the integer minimum; in range it truncates', () => {
    // F.soft_margin_loss(T([0] * 6, 'int64'), T([1] * 6, 'int64'), 'none').backward(T([1e10, -1e10, inf, -inf, nan, 1e19])):
    // int64 [-5000000000, 5000000000, -2^63, -2^63, -2^63, -4999999990253223936]
    const g = softMarginLossGrad(
      tensor([0, 0, 0, 0, 0, 0], { dtype: 'int64' }),
      tensor([1, 1, 1, 1, 1, 1], { dtype: 'int64' }),
      'none',
      tensor([1e10, -1e10, Infinity, -Infinity, NaN, 1e19]),
    );
    expect(Array.from(g.input.data)).toEqual([-5000000000, 5000000000, -(2 ** 63), -(2 ** 63), -(2 ** 63), -4999999990253223936]);
    // int32: upstream [4294967300, 3221225472] gives [-2147483648, -1610612736] (2^31 is out of range, 1610612736 is not)
    const h = softMarginLossGrad(tensor([0, 0], { dtype: 'int32' }), tensor([1, 1], { dtype: 'int32' }), 'none', tensor([4294967300, 3221225472]));
    expect(Array.from(h.input.data)).toEqual([-2147483648, -1610612736]);
  });
});

describe('Rule `cast-to-integer-truncates`', () => {
  it('a float label is truncated for an integer input (0.7 -> 0, -1.5 -> -1)', () => {
    // F.soft_margin_loss(T([1, 2], 'int32'), T([0.7, -1.5]), 'none'): float32 [0x3f317218, 0x40081f97]
    const out = softMarginLoss(tensor([1, 2], { dtype: 'int32' }), tensor([0.7, -1.5]), 'none');
    expect(out.dtype).toBe('float32');
    expect(bits(out)).toEqual(['3f317218', '40081f97']);
  });

  it('a float label an integer input cannot hold becomes the integer minimum, and -(-2^63) wraps to -2^63', () => {
    // F.soft_margin_loss(T([1, -1, 2, 0, 3], 'int64'), T([inf, inf, nan, -inf, -inf]), 'none'): [0, 0, log 2, log 2, 0]
    // (-label is -2^63; × 1, × -1 and × 3 give -2^63, exp underflows to 0; × 2 and × 0 give 0)
    for (const dtype of ['int32', 'int64'] as const) {
      const out = softMarginLoss(tensor([1, -1, 2, 0, 3], { dtype }), tensor([Infinity, Infinity, NaN, -Infinity, -Infinity]), 'none');
      expect(bits(out)).toEqual(['0', '0', '3f317218', '3f317218', '0']);
    }
  });
});

describe('Rule `scale-adds-zero-bias`', () => {
  it('the kernel: -T([0.0, -0.0]) is scale(x, -1, 0) = [+0, +0]', () => {
    // -paddle.to_tensor([0.0, -0.0]): [0x0, 0x0]
    const tape = new Tape();
    expect(bits(scale(tape, tape.leaf(tensor([0, -0])), -1, 0).value)).toEqual(['0', '0']);
  });

  it('a zero label gives loss log 2 and gradient +0, not -0', () => {
    // x = T([0.5, -0.5]); F.soft_margin_loss(x, T([0., 0.]), 'none'), grad via .sum().backward(): [0x0, 0x0]
    const input = tensor([0.5, -0.5]);
    const label = tensor([0, -0]);
    expect(bits(softMarginLoss(input, label, 'none'))).toEqual(['3f317218', '3f317218']);
    expect(bits(softMarginLossGrad(input, label, 'sum').input)).toEqual(['0', '0']);
  });

  it('a NaN label passes scale with its sign: the loss is the label\'s own NaN 0x7fc00000', () => {
    // F.soft_margin_loss(T([1.]), T([nan]), 'none'): [0x7fc00000]; F.soft_margin_loss(T([inf]), T([0.]), 'none'): [0xffc00000] (0 × inf)
    expect(bits(softMarginLoss(tensor([1, Infinity]), tensor([NaN, 0]), 'none'))).toEqual(['7fc00000', 'ffc00000']);
  });
});

describe('Rule `soft-margin-exp-overflows-to-inf`', () => {
  it('float32: input [100, -100, 0.5], label [-1, 1, 1] gives [inf, inf, 0.474077] (softplus: 100)', () => {
    // F.soft_margin_loss(T([100., -100., 0.5]), T([-1., 1., 1.]), 'none'): [0x7f800000, 0x7f800000, 0x3ef2ba38]
    expect(bits(softMarginLoss(tensor([100, -100, 0.5]), tensor([-1, 1, 1]), 'none'))).toEqual(['7f800000', '7f800000', '3ef2ba38']);
  });

  it('float32: the gradient there is NaN (0 × inf)', () => {
    // same call, .sum().backward(): grad [NaN (0xffc00000) × 2, 0xbec14d03]
    const g = softMarginLossGrad(tensor([100, -100, 0.5]), tensor([-1, 1, 1]), 'sum').input;
    expect(g.at(0)).toBeNaN();
    expect(g.at(1)).toBeNaN();
    expect(bits(g)[2]).toBe('bec14d03');
  });

  it('float32: the same in whole packets of 8', () => {
    // F.soft_margin_loss(T([100., -100., 0.5, 89., 88.8, -89., 1e30, -1e30]), T([-1., 1., 1., -1., -1., 1., -1., 1.]), 'none')
    const out = softMarginLoss(tensor([100, -100, 0.5, 89, 88.8, -89, 1e30, -1e30]), tensor([-1, 1, 1, -1, -1, 1, -1, 1]), 'none');
    expect(bits(out)).toEqual(['7f800000', '7f800000', '3ef2ba38', '7f800000', '7f800000', '7f800000', '7f800000', '7f800000']);
  });

  it('float32: below the overflow the loss is z exactly (88, 88.7, 88.72), above it inf', () => {
    // F.soft_margin_loss(T([88., 88.7, 88.72, 88.73, 89.]), T([-1.] * 5), 'none')
    const out = softMarginLoss(tensor([88, 88.7, 88.72, 88.73, 89]), tensor([-1, -1, -1, -1, -1]), 'none');
    expect(bits(out)).toEqual(['42b00000', '42b16666', '42b170a4', '7f800000', '7f800000']);
  });

  it('float64: input [1000, -1000, 0.5], label [-1, 1, 1] gives [inf, inf, 0.4740769841801067]', () => {
    // F.soft_margin_loss(T([1000., -1000., 0.5], 'float64'), T([-1., 1., 1.], 'float64'), 'none')
    const out = softMarginLoss(tensor([1000, -1000, 0.5], { dtype: 'float64' }), tensor([-1, 1, 1], { dtype: 'float64' }), 'none');
    expect(bits(out)).toEqual(['7ff0000000000000', '7ff0000000000000', '3fde5746fdb5c064']);
  });

  it('an infinite input: -inf with label 1 gives inf, +inf gives 0; NaN and 0 × inf give NaN', () => {
    // F.soft_margin_loss(T([nan, 1., inf, -inf, inf, 0.]), T([1., nan, 1., 1., 0., inf]), 'none'): [NaN, NaN, 0, inf, NaN, NaN]
    const out = softMarginLoss(tensor([NaN, 1, Infinity, -Infinity, Infinity, 0]), tensor([1, NaN, 1, 1, 0, Infinity]), 'none');
    const v = Array.from(out.data);
    expect([v[0], v[1], v[4], v[5]].every(Number.isNaN)).toBe(true);
    expect(bits(out)[2]).toBe('0');
    expect(bits(out)[3]).toBe('7f800000');
  });
});

describe('Rule `soft-margin-one-plus-exp-absorbs-small`', () => {
  it('float32: z = -20, -50, -100, -1e30 give exactly 0 (log1p(exp(z)) would give exp(z))', () => {
    // F.soft_margin_loss(T([20., 50., 100., 1e30]), T([1.] * 4), 'none'): [0, 0, 0, 0]
    expect(bits(softMarginLoss(tensor([20, 50, 100, 1e30]), tensor([1, 1, 1, 1]), 'none'))).toEqual(['0', '0', '0', '0']);
  });

  it('float64: z = -40 gives loss 0 but a gradient of -exp(-40)', () => {
    // x = T([710., -1000., 20., 40.], 'float64'); F.soft_margin_loss(x, T([-1., 1., 1., 1.], 'float64'), 'none'), .sum().backward()
    //   loss [inf, inf, 0x3e21b4865fb1a1b7, 0], grad [NaN, NaN, 0xbe21b4865556b5d4, 0xbc539792499b1a24]
    const input = tensor([710, -1000, 20, 40], { dtype: 'float64' });
    const label = tensor([-1, 1, 1, 1], { dtype: 'float64' });
    expect(bits(softMarginLoss(input, label, 'none'))).toEqual(['7ff0000000000000', '7ff0000000000000', '3e21b4865fb1a1b7', '0']);
    expect(bits(softMarginLossGrad(input, label, 'sum').input).slice(2)).toEqual(['be21b4865556b5d4', 'bc539792499b1a24']);
  });
});

describe('Rule `exp-packet-and-tail`', () => {
  it('nine inputs of +inf with label 1: loss 0 everywhere, gradient -exp(-88.72) (the clamp) in the packet, -exp(-100) in the tail', () => {
    // x = T([100.] * 9); F.soft_margin_loss(x, T([1.] * 9), 'none'); paddle.grad(out, x)
    //   loss [0] * 9; grad [0x801ffeb0] * 8 + [0x8000001b]
    const input = tensor(Array(9).fill(100));
    const label = tensor(Array(9).fill(1));
    expect(bits(softMarginLoss(input, label, 'none'))).toEqual(Array(9).fill('0'));
    expect(bits(softMarginLossGrad(input, label, 'sum').input)).toEqual([...Array(8).fill('801ffeb0'), '8000001b']);
  });

  it('a NaN from -(-inf) × 0 keeps its sign in the packet as in the tail: input zeros [9], label -inf', () => {
    // F.soft_margin_loss(paddle.zeros([9]), T([-inf] * 9), 'none'): [0xffc00000] * 9; 'mean' of eight: 0xffc00000
    const input = tensor(Array(9).fill(0));
    const label = tensor(Array(9).fill(-Infinity));
    expect(bits(softMarginLoss(input, label, 'none'))).toEqual(Array(9).fill('ffc00000'));
    expect(bits(softMarginLoss(tensor(Array(8).fill(0)), tensor(Array(8).fill(-Infinity)), 'mean'))).toEqual(['ffc00000']);
  });
});

describe('Rule `soft-margin-grad-chain-rounded`', () => {
  it('float32 near the top of the sigmoid: input [-88, -50, -20, -17, -16], label 1', () => {
    // x = T([-88., -89., -50., -20., -17., -16.]); F.soft_margin_loss(x, T([1.] * 6), 'none').sum().backward()
    //   grad [0xbf7fffff, NaN, 0xbf800000, 0xbf800000, 0xbf800000, 0xbf7ffffe]
    const g = softMarginLossGrad(tensor([-88, -89, -50, -20, -17, -16]), tensor([1, 1, 1, 1, 1, 1]), 'sum').input;
    const b = bits(g);
    expect(g.at(1)).toBeNaN();
    expect([b[0], ...b.slice(2)]).toEqual(['bf7fffff', 'bf800000', 'bf800000', 'bf800000', 'bf7ffffe']);
  });

  it("'sum' of input [0.5, -2, 3] with label [1, -1, 2]", () => {
    // F.soft_margin_loss(T([0.5, -2., 3.]), T([1., -1., 2.]), 'sum').backward(): [0xbec14d03, 0x3df420a8, 0xbba20bbd]
    expect(bits(softMarginLossGrad(tensor([0.5, -2, 3]), tensor([1, -1, 2]), 'sum').input)).toEqual(['bec14d03', '3df420a8', 'bba20bbd']);
  });
});

describe('Rule `scale-grad-adds-zero`', () => {
  it('a -0 upstream gives -0 (scale adds +0 to -0 · (1 / (1 + e)), then · e · -label)', () => {
    // paddle.grad(F.soft_margin_loss(x, T([1., 1.]), 'none'), x, grad_outputs=T([-0., -0.])) with x = T([0.5, -0.5]): [-0, -0]
    const g = softMarginLossGrad(tensor([0.5, -0.5]), tensor([1, 1]), 'none', tensor([-0, -0])).input;
    expect(bits(g)).toEqual(['80000000', '80000000']);
  });

  it('the kernel: the backward of scale(x, -1, 0) gives upstream -0 as +0', () => {
    // x = T([1., 2.], stop_gradient=False); paddle.grad(-x, x, grad_outputs=T([-0., 0.])): [0x0, 0x80000000] × -1 + 0 = [+0, +0]
    const tape = new Tape();
    const x = tape.leaf(tensor([1, 2]), true);
    const out = scale(tape, x, -1, 0);
    expect(bits(tape.backward(out, tensor([-0, 0])).get(x.id)!)).toEqual(['0', '0']);
  });
});

describe('Rule `mean-grad-divides-by-count`', () => {
  it("'mean' of input [0.5, -2, 3] with label [1, -1, 2]", () => {
    // F.soft_margin_loss(T([0.5, -2., 3.]), T([1., -1., 2.]), 'mean').backward(): [0xbe00de02, 0x3d22c070, 0xbad80fa7]
    expect(bits(softMarginLossGrad(tensor([0.5, -2, 3]), tensor([1, -1, 2])).input)).toEqual(['be00de02', '3d22c070', 'bad80fa7']);
  });

  it('an upstream of 3 is divided by N = 2 first', () => {
    // paddle.grad(F.soft_margin_loss(x, T([1., -1.]), 'mean'), x, grad_outputs=T(3.0)) with x = T([0.5, -0.5]): [-0.566311, 0.566311]
    const g = softMarginLossGrad(tensor([0.5, -0.5]), tensor([1, -1]), 'mean', tensor(3)).input;
    expect(Array.from(g.data)).toEqual([Math.fround(-0.5663110017776489), Math.fround(0.5663110017776489)]);
  });
});

describe('Rule `mean-of-empty-is-nan`', () => {
  it('an empty mean is NaN 0x7fc00000 with shape []', () => {
    // F.soft_margin_loss(paddle.zeros([0]), paddle.zeros([0]), 'mean'): shape [], 0x7fc00000
    const out = softMarginLoss(tensor([]), tensor([]), 'mean');
    expect(out.shape).toEqual([]);
    expect(bits(out)).toEqual(['7fc00000']);
  });
});

describe('Rule `sum-of-empty-is-zero`', () => {
  it("an empty sum is +0 with shape []; 'none' keeps the empty shape", () => {
    // F.soft_margin_loss(paddle.zeros([0]), paddle.zeros([0]), 'sum'): shape [], 0x0; paddle.zeros([2, 0]) 'none': shape [2, 0]
    const out = softMarginLoss(tensor([]), tensor([]), 'sum');
    expect(out.shape).toEqual([]);
    expect(bits(out)).toEqual(['0']);
    expect(softMarginLoss(tensor([], { shape: [2, 0] }), tensor([], { shape: [2, 0] }), 'none').shape).toEqual([2, 0]);
  });
});

describe('Rule `soft-margin-layer-legacy-arguments`', () => {
  const deprecated = (reduce: string, sizeAverage: string, suggested: string): [string, string] => [
    'ValueError',
    `[Deprecated] 'SoftMarginLoss' no longer supports 'reduce' or 'size_average'.\nDetected: reduce=${reduce}, size_average=${sizeAverage}\nPlease use: reduction='${suggested}' instead.`,
  ];

  it('a bool first argument is size_average', () => {
    // paddle.nn.SoftMarginLoss(True)
    expect(raised(() => new SoftMarginLoss(true))).toEqual(deprecated('None', 'True', 'mean'));
  });

  it('a bool second argument is reduce', () => {
    // paddle.nn.SoftMarginLoss('mean', True)
    expect(raised(() => new SoftMarginLoss('mean', true))).toEqual(deprecated('True', 'None', 'mean'));
  });

  it('the keywords size_average=False and reduce=False', () => {
    // paddle.nn.SoftMarginLoss(size_average=False); paddle.nn.SoftMarginLoss(reduce=False)
    expect(raised(() => new SoftMarginLoss({ size_average: false }))).toEqual(deprecated('None', 'False', 'sum'));
    expect(raised(() => new SoftMarginLoss({ reduce: false }))).toEqual(deprecated('False', 'None', 'none'));
  });
});

/**
 * The rules whose behaviour changed between releases, each asserted on both
 * sides of the change with the values Paddle's releases recorded in
 * golden/releases/<X>/soft_margin_loss.json.
 */
describe('Rule `exp-of-integers-in-float32` across releases', () => {
  const intCall = () => softMarginLossGrad(tensor([1, -2, 3], { dtype: 'int32' }), tensor([1, -1, -1]), 'none').input;

  it('an int32 input computes its gradient from Paddle 3.3.0: [0, 0, 0] (each float32 gradient below 1 truncates)', () => {
    // F.soft_margin_loss(x = T([1, -2, 3], 'int32'), T([1., -1., -1.]), 'none').sum().backward(); x.grad
    const grad = withPaddleRelease('3.3.0', intCall);
    expect([grad.dtype, Array.from(grad.data)]).toEqual(['int32', [0, 0, 0]]);
  });

  it('before 3.3.0 (3.2.2) the same backward raises ValueError, while the loss computes', () => {
    // soft_margin_loss/dtypes/dtype=int32,label_dtype=float32,grad=True in golden/releases/3.2.2
    expect(withPaddleRelease('3.2.2', () => raised(intCall))[0]).toBe('ValueError');
    const loss = withPaddleRelease('3.2.2', () => softMarginLoss(tensor([1, -2, 3], { dtype: 'int32' }), tensor([1, -1, -1]), 'none'));
    expect(Array.from(loss.data)).toEqual([0.31326165795326233, 0.12692804634571075, 3.0485873222351074]);
  });
});

describe('Rule `multiply-no-float16-kernel` across releases', () => {
  it.each([
    ['3.0.0', 'RuntimeError'],
    ['3.1.0', 'TypeError'],
    ['3.1.1', 'RuntimeError'],
  ] as const)('float16 input under Paddle %s raises %s (3.1.0 alone turns multiply’s failure into TypeError)', (release, type) => {
    // soft_margin_loss/dtypes/dtype=float16,label_dtype=same,grad=False
    const half = tensor([0.5, -1], { dtype: 'float16' });
    expect(withPaddleRelease(release, () => raised(() => softMarginLoss(half, half, 'none')))[0]).toBe(type);
  });
});

describe('Rule `soft-margin-layer-legacy-arguments` across releases', () => {
  it('before 3.3.0 (3.2.2) size_average= and reduce= are unexpected keywords: TypeError', () => {
    // paddle.nn.SoftMarginLoss(size_average=True); paddle.nn.SoftMarginLoss(reduce=False)
    expect(withPaddleRelease('3.2.2', () => raised(() => new SoftMarginLoss({ size_average: true })))).toEqual([
      'TypeError',
      "SoftMarginLoss.__init__() got an unexpected keyword argument 'size_average'",
    ]);
    expect(withPaddleRelease('3.2.2', () => raised(() => new SoftMarginLoss({ reduce: false })))[0]).toBe('TypeError');
  });

  it('from 3.3.0 the same keyword is the deprecation ValueError', () => {
    expect(withPaddleRelease('3.3.0', () => raised(() => new SoftMarginLoss({ size_average: true })))[0]).toBe('ValueError');
  });

  it('before 3.3.0 a positional bool name is a name: SoftMarginLoss("mean", True) computes', () => {
    // paddle.nn.SoftMarginLoss('mean', True)(T([0.5]), T([1.])) in Paddle 3.2.2: 0.4740769863128662
    const loss = withPaddleRelease('3.2.2', () => new SoftMarginLoss('mean', true).forward(tensor([0.5]), tensor([1])));
    expect(Array.from(loss.data)).toEqual([0.4740769863128662]);
    expect(withPaddleRelease('3.3.0', () => raised(() => new SoftMarginLoss('mean', true)))[0]).toBe('ValueError');
  });
});

describe('Rules `mean-of-empty-is-nan` and `sum-of-empty-is-zero` across releases', () => {
  const empty = (reduction: string) => () => softMarginLoss(tensor([], { shape: [0] }), tensor([], { shape: [0] }), reduction);
  const EMPTY = '(InvalidArgument) Tensor need be reduced must not empty.';

  it('mean of an empty loss raises ValueError before 3.1.0 (3.0.0) and is NaN from 3.1.0', () => {
    // soft_margin_loss/shapes/shape=0,reduction=mean,grad=False in golden/releases/3.0.0
    const [type, message] = withPaddleRelease('3.0.0', () => raised(empty('mean')));
    expect([type, message.startsWith(EMPTY)]).toEqual(['ValueError', true]);
    expect(bits(withPaddleRelease('3.1.0', empty('mean')))).toEqual(['7fc00000']);
  });

  it('sum of an empty loss raises ValueError before 3.0.0 (2.6.2) and is +0 from 3.0.0', () => {
    // soft_margin_loss/shapes/shape=0,reduction=sum,grad=False in golden/releases/2.6.2
    expect(withPaddleRelease('2.6.2', () => raised(empty('sum')))[0]).toBe('ValueError');
    expect(bits(withPaddleRelease('3.0.0', empty('sum')))).toEqual(['0']);
  });

  it("'none' returns the empty loss in 2.6.2 too", () => {
    expect(withPaddleRelease('2.6.2', empty('none')).shape).toEqual([0]);
  });
});
