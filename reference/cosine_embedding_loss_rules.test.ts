/**
 * One describe block per named rule of cosine_embedding_loss (the `cosine-*`
 * rules, marked "Rule" and the name in reference/cosine_embedding_loss*.ts).
 * The first block scans those sources so that a new or renamed rule without
 * a test here fails. Expected values are literals observed in Paddle 3.3.1
 * (CPU); each comment gives the call (F = paddle.nn.functional,
 * T(v, dtype) = paddle.to_tensor(v, dtype=dtype), float32 unless stated).
 */
import { describe, expect, it } from 'vitest';
import { raised } from './test_support.js';
import { CosineEmbeddingLoss, cosineEmbeddingLoss, cosineEmbeddingLossGrad } from './cosine_embedding_loss.js';
import { eigenMean, eigenSum } from './reduction.js';
import { COSINE_EMBEDDING_LOSS_RULES, COSINE_EMBEDDING_LOSS_RULE_NAMES } from './cosine_embedding_loss_rules.js';
import { KERNEL_RULES } from './kernels/rules.js';
import { withPaddleRelease } from './release.js';
import { dtypeOf } from './dtype.js';
import { Tensor, tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a tensor's elements, as hex strings. */
function bits(t: Tensor): string[] {
  if (t.dtype === 'float64') return Array.from(new BigUint64Array(new Float64Array(t.data).buffer), (b) => b.toString(16).padStart(16, '0'));
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16).padStart(8, '0'));
}

describe('every cosine_embedding_loss rule is the op\'s own or a primitive\'s', () => {
  it('a rule not named cosine-* is a kernel rule, with the kernel\'s summary', () => {
    const borrowed = COSINE_EMBEDDING_LOSS_RULE_NAMES.filter((r) => !r.startsWith('cosine-'));
    expect(borrowed.filter((r) => KERNEL_RULES[r as keyof typeof KERNEL_RULES] !== COSINE_EMBEDDING_LOSS_RULES[r])).toEqual([]);
  });
});

const a = tensor([[1, 2]]);
const b = tensor([[1, 0]]);
const f16 = { dtype: 'float16' } as const;

describe('Rule `cosine-checks-in-source-order`', () => {
  it.each([
    // F.cosine_embedding_loss(T([[[1.,2.]]],'float16'), T([[1.,2.]]), T([[1]]), reduction='x')
    ['the label rank first', tensor([[[1, 2]]], f16), tensor([[1, 2]]), tensor([[1]]), ['ValueError', '1D target tensor expected, multi-target not supported']],
    // F.cosine_embedding_loss(T([[[1.,2.]]],'float16'), T([[1.,2.]]), T([1]), reduction='x')
    ['then equal shapes', tensor([[[1, 2]]], f16), tensor([[1, 2]]), tensor([1]), ['ValueError', 'the shape of input tensor 1 should be equal to input tensor 2, but found inputs with different sizes']],
    // F.cosine_embedding_loss(T([[[1.,2.]]],'float16'), T([[[1.,2.]]]), T([1]), reduction='x')
    ['then the rank', tensor([[[1, 2]]], f16), tensor([[[1, 2]]]), tensor([1]), ['ValueError', '1D target tensor expects 1D or 2D input tensors, but found inputs with different sizes']],
    // F.cosine_embedding_loss(T([[1.,2.]],'float16'), T([[1.,2.]],'float16'), T([1],'float16'), reduction='x')
    ['then input1’s dtype', tensor([[1, 2]], f16), tensor([[1, 2]], f16), tensor([1], f16), ['ValueError', "The data type of input Variable must be 'float32' or 'float64'"]],
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,2.]]), T([1],'float16'), reduction='x')
    ['then the label’s dtype', tensor([[1, 2]]), tensor([[1, 2]]), tensor([1], f16), ['ValueError', "The data type of label Variable must be 'int32', 'int64', 'float32', 'float64'"]],
  ])('%s', (_, x1, x2, y, error) => {
    expect(raised(() => cosineEmbeddingLoss(x1, x2, y, 0, 'x'))).toEqual(error);
  });

  it('a list label raises AttributeError before anything else', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,2.]]), [1]) -> AttributeError 'list' object has no attribute 'shape'
    expect(raised(() => cosineEmbeddingLoss(a, a, [1] as unknown as Tensor))).toEqual(['AttributeError', "'list' object has no attribute 'shape'"]);
  });

  it('margin None is refused before the label’s length is broadcast', () => {
    // F.cosine_embedding_loss(T([[1.,2.],[1.,1.]]), T([[1.,0.],[1.,1.]]), T([1,1,1]), margin=None) -> TypeError (__sub__)
    expect(raised(() => cosineEmbeddingLoss(tensor([[1, 2], [1, 1]]), tensor([[1, 0], [1, 1]]), tensor([1, 1, 1]), null, 'none'))[0]).toBe('TypeError');
  });
});

describe('Rule `cosine-one-d-input-is-one-pair`', () => {
  it("1-D inputs with label [1] give shape [1] under 'none'", () => {
    // F.cosine_embedding_loss(T([1.,2.,3.]), T([1.,0.,1.]), T([1]), reduction='none') -> shape [1], [0x3e79edc0]
    const out = cosineEmbeddingLoss(tensor([1, 2, 3]), tensor([1, 0, 1]), tensor([1]), 0, 'none');
    expect(out.shape).toEqual([1]);
    expect(bits(out)).toEqual(['3e79edc0']);
  });

  it('1-D inputs with label [3] give three losses of the one pair', () => {
    // F.cosine_embedding_loss(T([1.,2.,3.]), T([1.,0.,1.]), T([1,-1,1]), reduction='none') -> [0x3e79edc0, 0x3f418490, 0x3e79edc0]
    expect(bits(cosineEmbeddingLoss(tensor([1, 2, 3]), tensor([1, 0, 1]), tensor([1, -1, 1]), 0, 'none'))).toEqual(['3e79edc0', '3f418490', '3e79edc0']);
  });

  it('0-D inputs are one-element vectors', () => {
    // F.cosine_embedding_loss(T(3.), T(-2.), T([1,-1]), reduction='none') -> [2, 0]
    expect(cosineEmbeddingLoss(tensor(3), tensor(-2), tensor([1, -1]), 0, 'none').toNested()).toEqual([2, 0]);
  });
});

describe('Rule `cosine-input1-dtype-only`', () => {
  it('float32 input1 with float64 input2 is promoted: a float64 loss', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]],'float64'), T([1]), reduction='none') -> float64 0x3fe1b06d1d2057c0
    const out = cosineEmbeddingLoss(a, tensor([[1, 0]], { dtype: 'float64' }), tensor([1]), 0, 'none');
    expect([out.dtype, ...bits(out)]).toEqual(['float64', '3fe1b06d1d2057c0']);
  });

  it('float64 input1 with float32 input2 rounds input2’s squares in float32', () => {
    // F.cosine_embedding_loss(T([[1.,2.]],'float64'), T([[1.,0.]]), T([1]), reduction='none') -> float64 0x3fe1b06d1d2018d0
    expect(bits(cosineEmbeddingLoss(tensor([[1, 2]], { dtype: 'float64' }), b, tensor([1]), 0, 'none'))).toEqual(['3fe1b06d1d2018d0']);
  });

  it('an int32 input2 fails multiply’s type promotion (TypeError)', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1,0]],'int32'), T([1])) -> TypeError (InvalidType) Type promotion ...
    expect(raised(() => cosineEmbeddingLoss(a, tensor([[1, 0]], { dtype: 'int32' }), tensor([1])))).toEqual([
      'TypeError',
      '(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. But got different data type x: float32, y: int32.',
    ]);
  });

  it('a float16 input2 passes multiply and fails in square (RuntimeError)', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]],'float16'), T([1])) -> RuntimeError (NotFound) ... kernel `square` ...
    expect(raised(() => cosineEmbeddingLoss(a, tensor([[1, 0]], f16), tensor([1])))).toEqual([
      'RuntimeError',
      '(NotFound) The kernel with key (CPU, Undefined(AnyLayout), float16) of kernel `square` is not registered. Selected wrong DataType `float16`. Paddle support following DataTypes: int32, int64, float64, complex128, float32, complex64.',
    ]);
  });
});

describe('Rule `where-broadcasts`', () => {
  it('one row with label [1, -1, 1] gives three losses', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([1,-1,1]), reduction='none') -> [0x3f0d8369, 0x3ee4f92e, 0x3f0d8369]
    expect(bits(cosineEmbeddingLoss(a, b, tensor([1, -1, 1]), 0, 'none'))).toEqual(['3f0d8369', '3ee4f92e', '3f0d8369']);
  });

  it('label [1] covers two rows', () => {
    // F.cosine_embedding_loss(T([[1.,2.],[3.,4.]]), T([[1.,0.],[1.,1.]]), T([1]), reduction='none') -> [0x3f0d8369, 0x3c24ab00]
    expect(bits(cosineEmbeddingLoss(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [1, 1]]), tensor([1]), 0, 'none'))).toEqual(['3f0d8369', '3c24ab00']);
  });

  it('label [3] against two rows raises the broadcast ValueError', () => {
    // F.cosine_embedding_loss(T([[1.,2.],[3.,4.]]), T([[1.,0.],[1.,1.]]), T([1,-1,1])) -> ValueError
    expect(raised(() => cosineEmbeddingLoss(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [1, 1]]), tensor([1, -1, 1])))).toEqual([
      'ValueError',
      '(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = [2] and the shape of Y = [3]. Received [2] in X is not equal to [3] in Y at i:0.',
    ]);
  });
});

// x1 = [2^24, 1 × 8, -2^24], x2 = ones: the dot product is 8 exactly; in
// float32 a left-to-right sum loses every 1 (2^24 + 1 rounds to 2^24), while
// Eigen's packet order keeps 7 of them.
const big = [16777216, 1, 1, 1, 1, 1, 1, 1, 1, -16777216];
const ones = new Array<number>(10).fill(1);

describe('Rule `sum-along-last-axis-left-to-right`', () => {
  it('a [1, 10] row sums left to right: the dot product is 0 and the loss exactly 1', () => {
    // F.cosine_embedding_loss(T([big]), T([ones]), T([1]), reduction='none') -> [0x3f800000]
    // (paddle.sum(T([big]), axis=-1) -> [0.0])
    expect(bits(cosineEmbeddingLoss(tensor([big]), tensor([ones]), tensor([1]), 0, 'none'))).toEqual(['3f800000']);
  });
});

describe('Rule `sum-full-in-eigen-order`', () => {
  it('the same vector 1-D is a full reduction: the dot product is 7, the loss 0x3f7ffffe', () => {
    // F.cosine_embedding_loss(T(big), T(ones), T([1]), reduction='none') -> [0x3f7ffffe]
    expect(bits(cosineEmbeddingLoss(tensor(big), tensor(ones), tensor([1]), 0, 'none'))).toEqual(['3f7ffffe']);
  });

  it('paddle.sum of the vector is 7 and paddle.mean 0.7 (one accumulator: 7 / 10)', () => {
    // paddle.sum(T(big)) -> 7.0; paddle.mean(T(big)) -> 0x3f333333
    const f32 = dtypeOf('float32');
    expect(eigenSum(big, f32)).toBe(7);
    expect(eigenMean(big, f32)).toBe(Math.fround(0.7));
  });
});

describe('Rule `cosine-eps-added-to-each-squared-norm`', () => {
  it('a zero vector gives cos 0: loss 1 under label 1, 0 - margin under label -1', () => {
    // F.cosine_embedding_loss(T([[0.,0.,0.],[1.,2.,3.]]), T([[1.,2.,3.],[0.,0.,0.]]), T([1,-1]), margin=-0.5, reduction='none') -> [1.0, 0.5]
    expect(cosineEmbeddingLoss(tensor([[0, 0, 0], [1, 2, 3]]), tensor([[1, 2, 3], [0, 0, 0]]), tensor([1, -1]), -0.5, 'none').toNested()).toEqual([1, 0.5]);
  });

  it('1e-11 (not 1e-12) pulls tiny vectors: [1e-6, 0] against itself gives 1 - 1/11', () => {
    // F.cosine_embedding_loss(T([[1e-6,0.]]), T([[1e-6,0.]]), T([1]), reduction='none') -> [0x3f68ba2e]; float64 0x3fed1745d1745d17
    expect(bits(cosineEmbeddingLoss(tensor([[1e-6, 0]]), tensor([[1e-6, 0]]), tensor([1]), 0, 'none'))).toEqual(['3f68ba2e']);
    const f64 = { dtype: 'float64' } as const;
    expect(bits(cosineEmbeddingLoss(tensor([[1e-6, 0]], f64), tensor([[1e-6, 0]], f64), tensor([1]), 0, 'none'))).toEqual(['3fed1745d1745d17']);
  });

  it('rows of length 0 have cos 0', () => {
    // F.cosine_embedding_loss(paddle.zeros([2,0]), paddle.zeros([2,0]), T([1,-1]), reduction='none') -> [1.0, 0.0]
    const z = tensor([], { shape: [2, 0] });
    expect(cosineEmbeddingLoss(z, z, tensor([1, -1]), 0, 'none').toNested()).toEqual([1, 0]);
  });
});

describe('Rule `sqrt-float32-fast-in-packets`', () => {
  it('nine rows whose squared norm overflows: NaN in the first eight (packet), 1 in the ninth (std::sqrt)', () => {
    // F.cosine_embedding_loss(T([[1e20,1e20]]*9), T([[1.,1.]]*9), T([1]), reduction='none') -> [nan × 8, 1.0]
    const out = cosineEmbeddingLoss(tensor(new Array(9).fill([1e20, 1e20])), tensor(new Array(9).fill([1, 1])), tensor([1]), 0, 'none');
    expect(Array.from(out.data)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 1]);
  });

  it('one such row alone is in the tail: loss 1', () => {
    // F.cosine_embedding_loss(T([[1e20,1e20]]), T([[1.,1.]]), T([1]), reduction='none') -> [1.0]
    expect(cosineEmbeddingLoss(tensor([[1e20, 1e20]]), tensor([[1, 1]]), tensor([1]), 0, 'none').toNested()).toEqual([1]);
  });
});

describe('Rule `scale-attributes-in-dtype`', () => {
  it('float32: margin 0.1 is rounded to float32 before it is subtracted', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([-1]), margin=0.1, reduction='none') -> [0x3eb1c5fb]
    expect(bits(cosineEmbeddingLoss(a, b, tensor([-1]), 0.1, 'none'))).toEqual(['3eb1c5fb']);
  });

  it('float64 keeps margin -1e39', () => {
    // F.cosine_embedding_loss(T([[1.,2.]],'float64'), T([[1.,0.]],'float64'), T([-1]), margin=-1e39, reduction='none') -> [1e+39]
    const f64 = { dtype: 'float64' } as const;
    expect(cosineEmbeddingLoss(tensor([[1, 2]], f64), tensor([[1, 0]], f64), tensor([-1]), -1e39, 'none').toNested()).toEqual([1e39]);
  });
});

describe('Rule `cosine-norms-multiplied-before-sqrt`', () => {
  it.each([
    // F.cosine_embedding_loss(T([[2.**60,2.**59,0.]]), T([[2.**58,2.**60,0.]]), T([1]), margin=0.25, reduction='none') -> [1.0]; label -1: [0.0]
    ['float32', 2 ** 60],
    // the same in float64 with 2.**500 in place of 2.**60 -> [1.0] and [0.0]
    ['float64', 2 ** 500],
  ] as const)('%s: the product of two finite squared norms overflows, so cos is 0', (dtype, big) => {
    const [x1, x2] = [tensor([[big, 2 ** 59, 0]], { dtype }), tensor([[2 ** 58, big, 0]], { dtype })];
    expect(cosineEmbeddingLoss(x1, x2, tensor([1]), 0.25, 'none').toNested()).toEqual([1]);
    expect(cosineEmbeddingLoss(x1, x2, tensor([-1]), 0.25, 'none').toNested()).toEqual([0]);
  });
});

describe('Rule `cosine-clip-after-margin`', () => {
  it('margin -1 and cos -0.7071 under label -1: clip(cos + 1) = 0.29289323, with the gradient of cos', () => {
    // x1 = T([[1.,0.]]), x2 = T([[-1.,1.]]); out = F.cosine_embedding_loss(x1, x2, T([-1]), margin=-1.0, reduction='none'); out.backward()
    //   out [0x3e95f61a], x1.grad [0, 0x3f3504f3], x2.grad [0x3eb504f3, 0x3eb504f3]
    const g = cosineEmbeddingLossGrad(tensor([[1, 0]]), tensor([[-1, 1]]), tensor([-1]), -1, 'none');
    expect(bits(cosineEmbeddingLoss(tensor([[1, 0]]), tensor([[-1, 1]]), tensor([-1]), -1, 'none'))).toEqual(['3e95f61a']);
    expect(bits(g.input1!)).toEqual(['00000000', '3f3504f3']);
    expect(bits(g.input2!)).toEqual(['3eb504f3', '3eb504f3']);
  });

  it('float64 the same: 0.29289321881875574', () => {
    // the same in float64 -> out [0x3fd2bec33302fd96]
    const f64 = { dtype: 'float64' } as const;
    expect(bits(cosineEmbeddingLoss(tensor([[1, 0]], f64), tensor([[-1, 1]], f64), tensor([-1]), -1, 'none'))).toEqual(['3fd2bec33302fd96']);
  });
});

describe('Rule `cosine-margin-none-refused`', () => {
  it('TypeError from __sub__ even when every label is 1', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([1]), margin=None) -> TypeError
    expect(raised(() => cosineEmbeddingLoss(a, b, tensor([1]), null, 'none'))).toEqual([
      'TypeError',
      '(InvalidType) __sub__(): argument (position 1) must be int, float, bool or Tensor, but got NoneType',
    ]);
  });
});

describe('Rule `full-str-read-by-cpp-stream`', () => {
  it.each([
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([-1]), margin=m, reduction='none')
    ["'0.5'", '0.5', ['00000000']],
    ["'abc' reads as 0", 'abc', ['3ee4f92e']],
    ["'1.5abc' reads as 1.5", '1.5abc', ['00000000']],
    ["'-inf' (then clipped to FLT_MAX)", '-inf', ['7f7fffff']],
  ])('margin %s', (_, margin, expected) => {
    expect(bits(cosineEmbeddingLoss(a, b, tensor([-1]), margin, 'none'))).toEqual(expected);
  });
});

describe('Rule `clip-keeps-nan`', () => {
  it('a NaN margin gives NaN under label -1 and leaves label 1 alone', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([1.,-1.]), margin=float('nan'), reduction='none') -> [0.55278641, nan]
    expect(Array.from(cosineEmbeddingLoss(a, b, tensor([1, -1]), NaN, 'none').data)).toEqual([Math.fround(0.5527864098548889), NaN]);
  });

  it('a NaN input gives NaN under both labels', () => {
    // F.cosine_embedding_loss(T([[nan,1.]]), T([[1.,1.]]), T([-1]), reduction='none') -> [nan]
    expect(Array.from(cosineEmbeddingLoss(tensor([[NaN, 1]]), tensor([[1, 1]]), tensor([-1]), 0, 'none').data)).toEqual([NaN]);
  });
});

describe('Rule `clip-caps-at-dtype-max`', () => {
  it('float32: margin -1e39 (infinite in float32) gives FLT_MAX', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([-1]), margin=-1e39, reduction='none') -> [0x7f7fffff]
    expect(bits(cosineEmbeddingLoss(a, b, tensor([-1]), -1e39, 'none'))).toEqual(['7f7fffff']);
  });

  it('float64: margin -inf gives DBL_MAX', () => {
    // F.cosine_embedding_loss(T([[1.,2.]],'float64'), T([[1.,0.]],'float64'), T([-1]), margin=-inf, reduction='none') -> [0x7fefffffffffffff]
    const f64 = { dtype: 'float64' } as const;
    expect(bits(cosineEmbeddingLoss(tensor([[1, 2]], f64), tensor([[1, 0]], f64), tensor([-1]), -Infinity, 'none'))).toEqual(['7fefffffffffffff']);
  });
});

describe('Rule `cosine-other-labels-contribute-zero`', () => {
  it('labels 0, 2, 0.5 and NaN contribute 0', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([1.,-1.,0.,2.,0.5,nan]), reduction='none')
    //   -> [0x3f0d8369, 0x3ee4f92e, 0, 0, 0, 0]
    expect(bits(cosineEmbeddingLoss(a, b, tensor([1, -1, 0, 2, 0.5, NaN]), 0, 'none'))).toEqual(['3f0d8369', '3ee4f92e', '00000000', '00000000', '00000000', '00000000']);
  });

  it('int32 labels [1, -1, 0, 2] under mean: 1 / 4', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([1,-1,0,2],'int32'), reduction='mean') -> 0.25
    expect(cosineEmbeddingLoss(a, b, tensor([1, -1, 0, 2], { dtype: 'int32' }), 0, 'mean').at(0)).toBe(0.25);
  });

  it('a float64 label 1 + 4·2^-52 counts as 1, 1 + 5·2^-52 does not', () => {
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([1+4*2**-52],'float64'), reduction='none') -> [0x3f0d8369]; 1+5*2**-52 -> [0]
    const y = (v: number) => tensor([v], { dtype: 'float64' });
    expect(bits(cosineEmbeddingLoss(a, b, y(1 + 4 * 2 ** -52), 0, 'none'))).toEqual(['3f0d8369']);
    expect(bits(cosineEmbeddingLoss(a, b, y(1 + 5 * 2 ** -52), 0, 'none'))).toEqual(['00000000']);
  });
});

describe('Rule `cosine-functional-reduction-unchecked`', () => {
  it("'reduce_mean' returns None after computing", () => {
    // F.cosine_embedding_loss(T([[1.,2.],[3.,4.]]), T([[1.,0.],[1.,1.]]), T([1,-1]), reduction='reduce_mean') -> None
    expect(cosineEmbeddingLoss(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [1, 1]]), tensor([1, -1]), 0, 'reduce_mean')).toBeNull();
  });

  it('the computation’s own errors are still raised', () => {
    // F.cosine_embedding_loss(T([[1.,2.],[3.,4.]]), T([[1.,0.],[1.,1.]]), T([1,-1,1]), reduction='x') -> ValueError (broadcast)
    expect(raised(() => cosineEmbeddingLoss(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [1, 1]]), tensor([1, -1, 1]), 0, 'x'))[0]).toBe('ValueError');
  });
});

describe('Rule `cosine-layer-checks-margin-then-reduction`', () => {
  it.each([
    // paddle.nn.CosineEmbeddingLoss(margin=m, reduction=r)
    ['margin 2', 2, 'mean', ['ValueError', "The value of 'margin' should be in the interval of [-1, 1], but received 2.000000, which is not allowed."]],
    ['margin 1.0000001', 1.0000001, 'mean', ['ValueError', "The value of 'margin' should be in the interval of [-1, 1], but received 1.000000, which is not allowed."]],
    ['margin inf', Infinity, 'mean', ['ValueError', "The value of 'margin' should be in the interval of [-1, 1], but received inf, which is not allowed."]],
    ['margin 2 beats a bad reduction', 2, 'x', ['ValueError', "The value of 'margin' should be in the interval of [-1, 1], but received 2.000000, which is not allowed."]],
    ['reduction MEAN', 0.5, 'MEAN', ['ValueError', "The value of 'reduction' should be 'sum', 'mean' or 'none', but received MEAN, which is not allowed."]],
    ['margin None', null, 'mean', ['TypeError', "'>' not supported between instances of 'NoneType' and 'int'"]],
  ])('%s', (_, margin, reduction, error) => {
    expect(raised(() => new CosineEmbeddingLoss(margin as number, reduction))).toEqual(error);
  });

  it('a NaN margin passes the range check and gives NaN', () => {
    // paddle.nn.CosineEmbeddingLoss(margin=float('nan'))(T([[1.,2.]]), T([[1.,0.]]), T([-1])) -> nan
    expect(new CosineEmbeddingLoss(NaN).forward(a, b, tensor([-1])).at(0)).toBeNaN();
  });
});

describe('Rules `mean-of-empty-is-nan` and `sum-of-empty-is-zero`', () => {
  const z = tensor([], { shape: [0, 3] });
  const y = tensor([], { shape: [0], dtype: 'int64' });
  it('mean of N = 0 is the positive quiet NaN, shape []', () => {
    // F.cosine_embedding_loss(paddle.zeros([0,3]), paddle.zeros([0,3]), T([],'int64'), reduction='mean') -> nan 0x7fc00000
    const out = cosineEmbeddingLoss(z, z, y, 0, 'mean');
    expect([out.shape, bits(out)]).toEqual([[], ['7fc00000']]);
  });

  it('sum of N = 0 is +0', () => {
    // ... reduction='sum' -> 0.0
    expect(bits(cosineEmbeddingLoss(z, z, y, 0, 'sum'))).toEqual(['00000000']);
  });
});

describe('Rule `mean-grad-divides-by-count`', () => {
  it('three rows under mean: each row gets 1/3 rounded once', () => {
    // x1 = T([[1.,2.],[3.,1.],[0.5,0.5]]), x2 = T([[2.,1.],[1.,1.],[1.,-1.]]), F.cosine_embedding_loss(x1, x2, T([1,1,-1])).backward()
    //   x1.grad [bda3d70b, 3d23d70a, 3c743d00, bd372dbe, 3eaaaaab, beaaaaab]
    const g = cosineEmbeddingLossGrad(tensor([[1, 2], [3, 1], [0.5, 0.5]]), tensor([[2, 1], [1, 1], [1, -1]]), tensor([1, 1, -1]));
    expect(bits(g.input1!)).toEqual(['bda3d70b', '3d23d70a', '3c743d00', 'bd372dbe', '3eaaaaab', 'beaaaaab']);
    expect(bits(g.input2!)).toEqual(['3d23d70a', 'bda3d70b', 'bd98a61e', '3d98a61f', '3e2aaaab', '3e2aaaab']);
  });
});

describe('Rule `clip-grad-passes-at-bounds`', () => {
  const x1 = tensor([[3, 4]]);
  const x2 = tensor([[4, 3]]);
  it('cos - margin == 0 (cos = float32(0.96)): the loss is 0 and the gradient is the full d cos', () => {
    // F.cosine_embedding_loss(T([[3.,4.]]), T([[4.,3.]]), T([-1]), margin=float(np.float32(0.96)), reduction='sum').backward()
    //   out 0, x1.grad [3d378034, bd09a026], x2.grad [bd09a026, 3d378034]
    const m = Math.fround(0.96);
    expect(cosineEmbeddingLoss(x1, x2, tensor([-1]), m, 'sum').at(0)).toBe(0);
    const g = cosineEmbeddingLossGrad(x1, x2, tensor([-1]), m, 'sum');
    expect(bits(g.input1!)).toEqual(['3d378034', 'bd09a026']);
    expect(bits(g.input2!)).toEqual(['bd09a026', '3d378034']);
  });
});

describe('Rule `scale-grad-adds-zero`', () => {
  it('label 0: the gradients are +0 except where both of their terms are -0', () => {
    // x1 = T([[0.46311016, 0.82451353, -0.20252987]],'float64'), x2 = T([[0.54466781, 1.04287548, -0.20695644]],'float64')
    // F.cosine_embedding_loss(x1, x2, T([0]), margin=0.1, reduction='sum').backward() -> x1.grad [0, 0, -0], x2.grad [0, 0, -0]
    const f64 = { dtype: 'float64' } as const;
    const g = cosineEmbeddingLossGrad(
      tensor([[0.46311016, 0.82451353, -0.20252987]], f64),
      tensor([[0.54466781, 1.04287548, -0.20695644]], f64),
      tensor([0]),
      0.1,
      'sum',
    );
    expect(bits(g.input1!)).toEqual(['0000000000000000', '0000000000000000', '8000000000000000']);
    expect(bits(g.input2!)).toEqual(['0000000000000000', '0000000000000000', '8000000000000000']);
  });
});

/**
 * The rules whose behaviour changed between releases, each asserted on both
 * sides of the change with the values Paddle's releases recorded in
 * golden/releases/<X>/cosine_embedding_loss.json.
 */
describe('Rule `cosine-margin-none-refused` across releases', () => {
  it('margin None is ValueError in 2.6.2 and TypeError from 3.0.0', () => {
    // cosine_embedding_loss/margins/margin=None,dtype=float32,form=functional
    const none = () => raised(() => cosineEmbeddingLoss(a, b, tensor([1]), null, 'none'))[0];
    expect([withPaddleRelease('2.6.2', none), withPaddleRelease('3.0.0', none)]).toEqual(['ValueError', 'TypeError']);
  });
});

describe('Rule `cosine-input1-dtype-only` across releases', () => {
  const x1 = tensor([[-608, -832], [-864, -928], [640, 832]]);
  const x2 = tensor([[-864, 768], [-992, -736], [544, -608]], { dtype: 'int32' });
  const call = () => cosineEmbeddingLoss(x1, x2, tensor([1, -1, 1], { dtype: 'int64' }), 0.5, 'none');

  it('2.6.2 casts an int32 input2 to input1’s dtype: float32 losses', () => {
    // cosine_embedding_loss/dtypes/input1_dtype=float32,input2_dtype=int32,reduction=none in golden/releases/2.6.2
    const loss = withPaddleRelease('2.6.2', call);
    expect([loss.dtype, Array.from(loss.data)]).toEqual(['float32', [1.0954176187515259, 0.48334264755249023, 1.184144139289856]]);
  });

  it('from 3.0.0 the same call fails type promotion (TypeError)', () => {
    expect(withPaddleRelease('3.0.0', () => raised(call))[0]).toBe('TypeError');
  });

  it('2.6.2: a bool input2 passes multiply and fails in square (RuntimeError)', () => {
    // cosine_embedding_loss/dtypes/input1_dtype=float32,input2_dtype=bool,reduction=none in golden/releases/2.6.2
    const flags = tensor([[1, 0], [0, 1], [1, 1]], { dtype: 'bool' });
    const bool = () => raised(() => cosineEmbeddingLoss(x1, flags, tensor([1, -1, 1], { dtype: 'int64' }), 0.5, 'none'))[0];
    expect([withPaddleRelease('2.6.2', bool), withPaddleRelease('3.0.0', bool)]).toEqual(['RuntimeError', 'TypeError']);
  });
});

/** The float64 rows of the margins group: exact dot products and norms. */
const MARGIN_ROWS = {
  input1: tensor([928, -832, 640, 576, 608, -832, 896, 768, 544, -896, 736, 864, 640, -640, -576, -768, -800, 704, 992, 544, -992, -736, 544, 640], { dtype: 'float64', shape: [6, 4] }),
  input2: tensor([992, -640, -608, -640, 800, -864, 544, 992, -672, 512, -992, -576, -544, 608, -736, -608, -800, 640, 960, 800, -640, -576, 768, 960], { dtype: 'float64', shape: [6, 4] }),
  label: tensor([1, -1, -1, -1, 1, -1], { dtype: 'int64' }),
};
const marginLoss = (margin: number) => () => Array.from(cosineEmbeddingLoss(MARGIN_ROWS.input1, MARGIN_ROWS.input2, MARGIN_ROWS.label, margin, 'none').data);

describe('Rule `scale-attributes-in-dtype` across releases', () => {
  it('2.6.2 subtracts the float32 margin from a float64 cosine; 3.0.0 the float64 one', () => {
    // cosine_embedding_loss/margins/margin=0.1,dtype=float64,form=functional (3.3.1 and golden/releases/2.6.2)
    expect(withPaddleRelease('2.6.2', marginLoss(0.1))).toEqual([0.6886304376588428, 0.8594305131603178, 0, 0, 0.013308685398711217, 0.8326437442458579]);
    expect(withPaddleRelease('3.0.0', marginLoss(0.1))).toEqual([0.6886304376588428, 0.859430514650434, 0, 0, 0.013308685398711217, 0.832643745735974]);
  });
});

describe('Rule `cosine-eps-added-to-each-squared-norm` across releases', () => {
  const tiny = () => {
    const v = 9.999999974752427e-7;
    const x = tensor([v, 0, 0, -736, 800, -608, 736, 576, 576], { dtype: 'float64', shape: [3, 3] });
    const y = tensor([v, 0, 0, 832, -832, 992, 800, 896, 960], { dtype: 'float64', shape: [3, 3] });
    return cosineEmbeddingLoss(x, y, tensor([1, 1, -1], { dtype: 'int64' }), 0.25, 'none').data[0];
  };

  it('2.6.2 adds the float32 epsilon to float64 squared norms; 3.0.0 the float64 one', () => {
    // cosine_embedding_loss/special_values/probe=tiny_same,label=1,rows=3,dtype=float64 (3.3.1 and golden/releases/2.6.2)
    expect([withPaddleRelease('2.6.2', tiny), withPaddleRelease('3.0.0', tiny)]).toEqual([0.9090909091779927, 0.9090909095082244]);
  });
});

describe('Rule `clip-caps-at-dtype-max` across releases', () => {
  it('float64 margin -inf is capped at FLT_MAX up to 3.1.0 and at DBL_MAX from 3.1.1', () => {
    // cosine_embedding_loss/margins/margin=-inf,dtype=float64,form=functional (golden/releases/3.1.0 and 3.3.1)
    const f = 3.4028234663852886e38;
    const d = Number.MAX_VALUE;
    const rows = [0.6886304376588428, 0, 0, 0, 0.013308685398711217, 0];
    expect(withPaddleRelease('3.1.0', marginLoss(-Infinity))).toEqual(rows.map((v, i) => (i === 0 || i === 4 ? v : f)));
    expect(withPaddleRelease('3.1.1', marginLoss(-Infinity))).toEqual(rows.map((v, i) => (i === 0 || i === 4 ? v : d)));
  });
});

describe('Rule `clip-grad-passes-at-bounds` across releases', () => {
  it('at the kink the label -1 gradient is 0 before 3.1.0 (3.0.0) and the full d cos from 3.1.0', () => {
    // cosine_embedding_loss/gradients/at=kink_none,dtype=float32 (golden/releases/3.0.0 and 3.3.1)
    const grad = () => bits(cosineEmbeddingLossGrad(tensor([[3, 4]]), tensor([[4, 3]]), tensor([-1], { dtype: 'int64' }), 0.96, 'none').input1!);
    expect(withPaddleRelease('3.0.0', grad)).toEqual(['00000000', '00000000']);
    expect(withPaddleRelease('3.1.0', grad)).toEqual(['3d378034', 'bd09a026']);
  });
});

describe('Rules `sum-of-empty-is-zero` and `mean-of-empty-is-nan` across releases', () => {
  const batch = (reduction: string) => () =>
    cosineEmbeddingLoss(tensor([], { shape: [0, 3] }), tensor([], { shape: [0, 3] }), tensor([], { dtype: 'int64', shape: [0] }), 0.5, reduction);
  const rows = () => cosineEmbeddingLoss(tensor([], { shape: [2, 0] }), tensor([], { shape: [2, 0] }), tensor([1, -1], { dtype: 'int64' }), 0.5, 'none');

  it('2.6.2 refuses zero-size inputs at the first row sum, under every reduction', () => {
    // cosine_embedding_loss/shapes/edge=empty_rows,reduction=none in golden/releases/2.6.2; 3.0.0 gives [1, 0]
    expect(withPaddleRelease('2.6.2', () => raised(rows))[0]).toBe('ValueError');
    expect(withPaddleRelease('2.6.2', () => raised(batch('none')))[0]).toBe('ValueError');
    expect(Array.from(withPaddleRelease('3.0.0', rows).data)).toEqual([1, 0]);
  });

  it('3.0.0 refuses the mean of an empty loss, sums it to 0; 3.1.0 gives the mean NaN', () => {
    // cosine_embedding_loss/shapes/edge=empty_batch,reduction=mean in golden/releases/3.0.0
    expect(withPaddleRelease('3.0.0', () => raised(batch('mean')))[0]).toBe('ValueError');
    expect(Array.from(withPaddleRelease('3.0.0', batch('sum'))!.data)).toEqual([0]);
    expect(bits(withPaddleRelease('3.1.0', batch('mean'))!)).toEqual(['7fc00000']);
  });
});

describe('Rule `sum-along-last-axis-left-to-right`: which NaN a row sum returns', () => {
  // Paddle 3.3.1, rows [1, 8] of float32 zeros with +NaN at i and -NaN at j,
  // against ones, label 1: '1' where the loss is -NaN (the row sum's NaN
  // passes through the division and 1 - cos).
  const PADDLE = ['.1001110', '0.001110', '11.01110', '111.1110', '0000.110', '00000.10', '000000.0', '1111111.'];
  const nan = (negative: boolean) => new Float32Array(Uint32Array.of(negative ? 0xffc00000 : 0x7fc00000).buffer)[0]!;
  it('every placement of +NaN and -NaN in a row of 8 gives the sign Paddle gives', () => {
    const got = PADDLE.map((_, i) =>
      PADDLE.map((__, j) => {
        if (i === j) return '.';
        const row = new Float32Array(8);
        row[i] = nan(false);
        row[j] = nan(true);
        // Typed arrays throughout: a JS array may hold a NaN as +NaN.
        const loss = cosineEmbeddingLoss(new Tensor('float32', [1, 8], row), new Tensor('float32', [1, 8], new Float32Array(8).fill(1)), tensor([1], { dtype: 'float32' }), 0, 'none');
        return String(new Uint32Array(Float32Array.of(loss.at(0)).buffer)[0]! >>> 31);
      }).join(''),
    );
    expect(got).toEqual(PADDLE);
  });
});
