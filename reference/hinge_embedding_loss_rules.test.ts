/**
 * One test per rule of hinge_embedding_loss, its own and its primitives'
 * (reference/hinge_embedding_loss_rules.ts), each seen through the loss. The
 * first block scans the sources, for every op, so that a new or renamed rule
 * without a test in some *rules.test.ts fails. Expected values are literals
 * confirmed against Paddle 3.3.1 on CPU (and the releases named).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { raised, rulesInSources, values } from './test_support.js';
import { withPaddleRelease } from './release.js';
import {
  hingeEmbeddingLoss,
  hingeEmbeddingLossFast,
  hingeEmbeddingLossGrad,
  hingeEmbeddingLossGradFast,
  PaddleRuntimeError,
  PaddleTypeError,
  PaddleValueError,
  tensor,
} from './index.js';

const here = new URL('.', import.meta.url);
const RULE = /Rule `([a-z0-9-]+)`/g;


/** Rule names that describe titles mention, in this file and in every op's own `*rules.test.ts`. */
function rulesInThisFile(): string[] {
  const files = readdirSync(here).filter((f) => f.endsWith('rules.test.ts'));
  const source = files.map((f) => readFileSync(new URL(f, here), 'utf8')).join('\n');
  const titles = [...source.matchAll(/describe\('(Rule `[a-z0-9-]+`)/g)].map((m) => m[1]!);
  return [...new Set(titles.flatMap((t) => [...t.matchAll(RULE)].map((m) => m[1]!)))].sort();
}

describe('every named rule has a test here', () => {
  it('the reference names at least the twelve rules of issue 2', () => {
    expect(rulesInSources().length).toBeGreaterThanOrEqual(12);
  });

  it.each(rulesInSources())('Rule `%s` has a describe block in a *rules.test.ts', (rule) => {
    expect(rulesInThisFile()).toContain(rule);
  });

  it('every rule tested here is still named in the reference', () => {
    expect(rulesInSources()).toEqual(expect.arrayContaining(rulesInThisFile()));
  });
});

describe('Rule `hinge-other-labels-contribute-zero`', () => {
  it.each([0, 2, 0.5, -0.5, NaN, Infinity, -Infinity, -0].map((y) => ({ id: `label=${Object.is(y, -0) ? '-0.0' : y}`, y })))(
    'x = -3, $id gives +0 (PyTorch would give max(0, 1 + 3) + (-3) = 1)',
    ({ y }) => {
      const out = hingeEmbeddingLoss(tensor([-3]), tensor([y]), 1.0, 'none');
      expect(Object.is(out.at(0), 0)).toBe(true);
    },
  );

  it('control: x = -3 with labels [1, -1] gives [-3, 4]', () => {
    expect(values(hingeEmbeddingLoss(tensor([-3, -3]), tensor([1, -1]), 1.0, 'none'))).toEqual([-3, 4]);
  });

  it('a bool label True counts as 1 and False contributes 0', () => {
    expect(values(hingeEmbeddingLoss(tensor([0.5, 3]), tensor([true, false], { dtype: 'bool' }), 1.0, 'none'))).toEqual([0.5, 0]);
  });
});

describe('Rule `equal-float-tolerance`', () => {
  // Float64 ulps of 1 are 2^-52 = 2.22e-16 above and 2^-53 below; Paddle's equal accepts |y - 1| < 1e-15.
  // 1 + 4·2^-52 = 0x3ff0000000000004 (diff 8.88e-16) matches; 1 + 5·2^-52 = 0x3ff0000000000005 (1.11e-15) does not.
  it.each([
    { id: 'label=1+1ulp', y: 1 + 2 ** -52, out: 0.5 },
    { id: 'label=1+4ulp', y: 1 + 4 * 2 ** -52, out: 0.5 },
    { id: 'label=1+5ulp', y: 1 + 5 * 2 ** -52, out: 0 },
    { id: 'label=-1-4ulp', y: -1 - 4 * 2 ** -52, out: 1.5 },
    { id: 'label=-1-5ulp', y: -1 - 5 * 2 ** -52, out: 0 },
    { id: 'label=1+2^-30', y: 1 + 2 ** -30, out: 0 },
  ])('float64 x = -0.5, $id gives $out (Paddle 3.3.1)', ({ y, out }) => {
    const loss = hingeEmbeddingLoss(tensor([-0.5], { dtype: 'float64' }), tensor([y], { dtype: 'float64' }), 1.0, 'none');
    expect(loss.at(0)).toBe(out === 0.5 ? -0.5 : out);
  });

  it('float32 label one ulp above 1 (0x3f800001) is not 1', () => {
    expect(Object.is(hingeEmbeddingLoss(tensor([-0.5]), tensor([1 + 2 ** -23]), 1.0, 'none').at(0), 0)).toBe(true);
  });

  it('the gradient follows the same equality: float64 label -1 - 4 ulps passes -1', () => {
    const g = hingeEmbeddingLossGrad(tensor([-0.5], { dtype: 'float64' }), tensor([-1 - 4 * 2 ** -52], { dtype: 'float64' }), 1.0, 'sum');
    expect(g.at(0)).toBe(-1);
  });
});

describe('Rule `equal-float-tolerance` before Paddle 3.1.0', () => {
  // labels/label=1+5ulp,dtype=float64: input [0.5, -2, 3], label 1 + 5·2^-52 (|y - 1| = 1.11e-15), margin 1, 'none'.
  const loss = () => hingeEmbeddingLoss(tensor([0.5, -2, 3], { dtype: 'float64' }), tensor([1, 1, 1].map((v) => v + 5 * 2 ** -52), { dtype: 'float64' }), 1.0, 'none');

  it('Paddle 3.0.0 (tolerance 1e-8) counts the label as 1: the loss is the input', () => {
    expect(values(withPaddleRelease('3.0.0', loss))).toEqual([0.5, -2, 3]);
  });

  it('Paddle 3.1.0 (tolerance 1e-15) counts it as neither: 0', () => {
    expect(values(withPaddleRelease('3.1.0', loss))).toEqual([0, 0, 0]);
  });
});

describe('Rule `where-broadcast-grad-column-major`', () => {
  // g = float32(1/7) = 0x3e124925. Paddle sums the label-1 branch (4g) and the label -1 branch (3g, through relu
  // and the -1 of scale) back to the input's shape separately, then adds: fl(4g) + fl(-3g) = 0x3e124924.
  // Adding per element first (g, -g, -g, g, -g, g, g) and summing once gives 0x3e124925 instead.
  it('input [0.3] against labels [1,-1,-1,1,-1,1,1], margin 0.7, mean: gradient bits 0x3e124924 (Paddle 3.3.1)', () => {
    const g = hingeEmbeddingLossGrad(tensor([0.3]), tensor([1, -1, -1, 1, -1, 1, 1]), 0.7, 'mean');
    expect(g.shape).toEqual([1]);
    expect(Buffer.from(g.data.buffer).reverse().toString('hex')).toBe('3e124924');
  });

  it('each branch is summed in column-major order: [[0]] against ones([2, 3]) gives 0x406b3f91, not 0x406b3f92', () => {
    // x = T([[0.]]); F.hinge_embedding_loss(x, paddle.ones([2, 3]), reduction='none').backward(g) with
    // g = [[0, a, b], [0, a, b]], a = 0x3ee5dbae, b = 0x3fb1c8a6: x.grad 0x406b3f91 = ((((0 + 0) + a) + a) + b) + b;
    // row-major order (0 + a + b + 0 + a + b) and paddle.sum(g) give 0x406b3f92 (Paddle 3.3.1)
    const f = (bits: number): number => new Float32Array(new Uint32Array([bits]).buffer)[0]!;
    const [a, b] = [f(0x3ee5dbae), f(0x3fb1c8a6)];
    const g = hingeEmbeddingLossGrad(tensor([[0]]), tensor([[1, 1, 1], [1, 1, 1]]), 1.0, 'none', tensor([[0, a, b], [0, a, b]]));
    expect(g.shape).toEqual([1, 1]);
    expect(new Uint32Array(g.data.buffer)[0]!.toString(16)).toBe('406b3f91');
  });
});

describe('Rule `hinge-negative-zero-is-added-to-zero`', () => {
  it('input -0.0 with label 1 gives +0, bitwise', () => {
    const out = hingeEmbeddingLoss(tensor([-0]), tensor([1]), 1.0, 'none');
    expect(Object.is(out.at(0), 0)).toBe(true);
  });

  it("and its 'sum' is +0", () => {
    expect(Object.is(hingeEmbeddingLoss(tensor([-0]), tensor([1]), 1.0, 'sum').at(0), 0)).toBe(true);
  });
});

describe('Rule `relu-nan-is-zero`', () => {
  it('input NaN with label -1 gives 0, not NaN', () => {
    expect(values(hingeEmbeddingLoss(tensor([NaN]), tensor([-1]), 1.0, 'none'))).toEqual([0]);
  });

  it('a NaN margin gives 0 for every label -1 element', () => {
    expect(values(hingeEmbeddingLoss(tensor([0.5, -2]), tensor([-1, -1]), NaN, 'none'))).toEqual([0, 0]);
  });

  it('margin inf with input inf (inf - inf = NaN) gives 0', () => {
    expect(values(hingeEmbeddingLoss(tensor([Infinity]), tensor([-1]), Infinity, 'none'))).toEqual([0]);
  });
});

describe('Rule `sum-of-empty-is-zero`', () => {
  it("a [0, 3] input with 'sum' gives +0 with shape []", () => {
    const out = hingeEmbeddingLoss(tensor([], { shape: [0, 3] }), tensor([], { shape: [0, 3] }), 1.0, 'sum');
    expect(out.shape).toEqual([]);
    expect(Object.is(out.at(0), 0)).toBe(true);
  });
});

describe('Rule `mean-of-empty-is-nan`', () => {
  it("a [0] input with 'mean' gives NaN with shape []", () => {
    const out = hingeEmbeddingLoss(tensor([]), tensor([]), 1.0, 'mean');
    expect(out.shape).toEqual([]);
    expect(values(out)).toEqual([NaN]);
  });

  it.each([
    { dtype: 'float32' as const, bits: '7fc00000' },
    { dtype: 'float64' as const, bits: '7ff8000000000000' },
  ])('the NaN is the positive quiet NaN, $dtype bits 0x$bits, as in Paddle (not x86 0/0, sign bit set)', ({ dtype, bits }) => {
    for (const loss of [hingeEmbeddingLoss, hingeEmbeddingLossFast]) {
      const out = loss(tensor([], { dtype, shape: [0, 3] }), tensor([], { dtype, shape: [0, 3] }), 1.0, 'mean');
      expect(Buffer.from(out.data.buffer).reverse().toString('hex')).toBe(bits);
    }
  });
});

describe('Rule `mean-of-empty-is-nan` before Paddle 3.1.0', () => {
  const empty = tensor([], { shape: [0, 3] });
  const mean = (release: '3.0.0' | '3.1.0') => withPaddleRelease(release, () => raised(() => hingeEmbeddingLoss(empty, empty, 1.0, 'mean')));

  it("Paddle 3.0.0's paddle.mean refuses a [0, 3] loss with ValueError (overlay shapes/shape=0x3,reduction=mean)", () => {
    expect(mean('3.0.0')).toEqual(['ValueError', '(InvalidArgument) Tensor need be reduced must not empty.']);
    expect(withPaddleRelease('3.0.0', () => raised(() => hingeEmbeddingLossFast(empty, empty, 1.0, 'mean')))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.0.0', () => raised(() => hingeEmbeddingLossGrad(empty, empty, 1.0, 'mean')))[0]).toBe('ValueError');
  });

  it("Paddle 3.1.0 gives NaN, and 3.0.0's sum still gives +0", () => {
    expect(() => mean('3.1.0')).toThrow('the call did not raise');
    expect(values(withPaddleRelease('3.1.0', () => hingeEmbeddingLoss(empty, empty, 1.0, 'mean')))).toEqual([NaN]);
    expect(Object.is(withPaddleRelease('3.0.0', () => hingeEmbeddingLoss(empty, empty, 1.0, 'sum')).at(0), 0)).toBe(true);
  });
});

describe('Rule `hinge-reduction-checked-first`', () => {
  it('a bad reduction with a float16 input raises the reduction ValueError, not the kernel RuntimeError', () => {
    const f16 = tensor([1], { dtype: 'float16' });
    expect(() => hingeEmbeddingLoss(f16, f16, 1.0, 'MEAN')).toThrow(PaddleValueError);
    expect(() => hingeEmbeddingLoss(f16, f16, 1.0, 'MEAN')).toThrow(
      "'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received MEAN.",
    );
  });
});

describe('Rule `mean-grad-divides-by-count`', () => {
  it("'mean' over 3 elements with label -1 gives float32(-1/3) = -0.3333333432674408 each", () => {
    const g = hingeEmbeddingLossGrad(tensor([0.5, 0.5, 0.5]), tensor([-1, -1, -1]), 1.0, 'mean');
    expect(values(g)).toEqual([-0.3333333432674408, -0.3333333432674408, -0.3333333432674408]);
  });

  it("'sum' does not divide: -1 each", () => {
    const g = hingeEmbeddingLossGrad(tensor([0.5, 0.5, 0.5]), tensor([-1, -1, -1]), 1.0, 'sum');
    expect(values(g)).toEqual([-1, -1, -1]);
  });
});

describe('Rule `relu-grad-zero-at-kink`', () => {
  it('margin - x == 0 gives +0 (PyTorch gives -1)', () => {
    const g = hingeEmbeddingLossGrad(tensor([1]), tensor([-1]), 1.0, 'none');
    expect(Object.is(g.at(0), 0)).toBe(true);
  });

  it('NaN x with label -1 gives 0', () => {
    expect(values(hingeEmbeddingLossGrad(tensor([NaN]), tensor([-1]), 1.0, 'none'))).toEqual([0]);
  });

  it('relu_grad is dout * (out > 0): an upstream NaN or inf gives NaN where relu is inactive', () => {
    // x = T([1, 2, 0.5, 1, 2, 0.5, 1, 1, nan, nan]); label T([-1, -1, -1, 1, 1, 1, 0, 2, -1, 1]);
    // F.hinge_embedding_loss(x, label, 1.0, 'none').backward(T([inf] * 10)): [nan, nan, -inf, inf, inf, inf, 0, 0, nan, inf]
    // (labels 0 and 2 give 0: where selects, it does not multiply); the same in float64, and with -inf the signs flip
    const x = [1, 2, 0.5, 1, 2, 0.5, 1, 1, NaN, NaN];
    const y = [-1, -1, -1, 1, 1, 1, 0, 2, -1, 1];
    const expected = [NaN, NaN, -Infinity, Infinity, Infinity, Infinity, 0, 0, NaN, Infinity];
    expect(values(hingeEmbeddingLossGrad(tensor(x), tensor(y), 1.0, 'none', tensor(x.map(() => Infinity))))).toEqual(expected);
    expect(values(hingeEmbeddingLossGradFast(tensor(x), tensor(y), 1.0, 'none', tensor(x.map(() => Infinity))))).toEqual(expected);
    // 'sum' with upstream NaN: [nan ×6, 0, 0, nan, nan]
    const sum = [NaN, NaN, NaN, NaN, NaN, NaN, 0, 0, NaN, NaN];
    expect(values(hingeEmbeddingLossGrad(tensor(x, { dtype: 'float64' }), tensor(y), 1.0, 'sum', tensor(NaN, { dtype: 'float64' })))).toEqual(sum);
    expect(values(hingeEmbeddingLossGradFast(tensor(x, { dtype: 'float64' }), tensor(y), 1.0, 'sum', tensor(NaN, { dtype: 'float64' })))).toEqual(sum);
  });

  it('an upstream -0 gives +0 under every label (scale\'s backward is -1 · dout + 0), bitwise', () => {
    // x = T([0, 0, 2, 0, -0.]); F.hinge_embedding_loss(x, T([1, -1, -1, 0, 1.]), reduction='none').backward(T([-0.] * 5)): all 0x00000000
    for (const grad of [hingeEmbeddingLossGrad, hingeEmbeddingLossGradFast]) {
      const g = grad(tensor([0, 0, 2, 0, -0]), tensor([1, -1, -1, 0, 1]), 1.0, 'none', tensor([-0, -0, -0, -0, -0]));
      expect(Array.from(new Uint32Array(g.data.buffer))).toEqual([0, 0, 0, 0, 0]);
    }
  });

  it('with a broadcast input the masked product is taken after the sum: [2] against labels [-1, 1, 0]', () => {
    // x = T([2.]); F.hinge_embedding_loss(x, T([-1., 1., 0.]), 1.0, 'none').backward(T([nan, 1, 1])): [nan]; with T([1, 1, nan]): [1]
    expect(values(hingeEmbeddingLossGrad(tensor([2]), tensor([-1, 1, 0]), 1.0, 'none', tensor([NaN, 1, 1])))).toEqual([NaN]);
    expect(values(hingeEmbeddingLossGrad(tensor([2]), tensor([-1, 1, 0]), 1.0, 'none', tensor([1, 1, NaN])))).toEqual([1]);
  });

  it('one float32 ulp below the boundary (x = 0x3f7fffff) gives -1', () => {
    const x = new Float32Array(new Uint32Array([0x3f7fffff]).buffer)[0]!;
    expect(values(hingeEmbeddingLossGrad(tensor([x]), tensor([-1]), 1.0, 'none'))).toEqual([-1]);
  });
});

describe('Rule `hinge-zero-d-none-is-shape-1`', () => {
  it("0-D input and label with 'none' give shape [1]", () => {
    const out = hingeEmbeddingLoss(tensor(0.5), tensor(-1), 1.0, 'none');
    expect(out.shape).toEqual([1]);
    expect(values(out)).toEqual([0.5]);
  });

  it("a [1] input with a 0-D label also gives [1], and 'mean' gives []", () => {
    expect(hingeEmbeddingLoss(tensor([0.5]), tensor(-1), 1.0, 'none').shape).toEqual([1]);
    expect(hingeEmbeddingLoss(tensor(0.5), tensor(-1), 1.0, 'mean').shape).toEqual([]);
  });
});

describe('Rule `where-broadcasts`', () => {
  it('a [2,1] input against a [2,3] label gives a [2,3] loss', () => {
    const out = hingeEmbeddingLoss(tensor([[0.5], [2]]), tensor([[-1, -1, 1], [-1, 1, 1]]), 1.0, 'none');
    expect(out.toNested()).toEqual([[0.5, 0.5, 0.5], [0, 2, 2]]);
  });

  it('a [3] input against a [2] label raises ValueError', () => {
    expect(() => hingeEmbeddingLoss(tensor([1, 2, 3]), tensor([1, -1]))).toThrow(PaddleValueError);
  });
});

describe('Rule `where-no-float16-kernel`', () => {
  it('float16 input with a float32 label fails in the kernel with RuntimeError', () => {
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'float16' }), tensor([1]))).toThrow(PaddleRuntimeError);
  });
});

describe('Rule `hinge-label-any-dtype`', () => {
  it('an int64 label with float32 input is not rejected: [0.5, 0.75, 0]', () => {
    const out = hingeEmbeddingLoss(tensor([0.5, 0.25, 3]), tensor([1, -1, 0], { dtype: 'int64' }), 1.0, 'none');
    expect(values(out)).toEqual([0.5, 0.75, 0]);
  });

  it('a float64 label with float32 input keeps the float32 loss: [0.5, 0.75]', () => {
    const out = hingeEmbeddingLoss(tensor([0.5, 0.25]), tensor([1, -1], { dtype: 'float64' }), 1.0, 'none');
    expect([out.dtype, ...values(out)]).toEqual(['float32', 0.5, 0.75]);
  });
});

describe('Rule `promotion-refuses-int-with-float`', () => {
  it('int32 input fails type promotion with TypeError: the float32 relu meets the int32 zero_ in where', () => {
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'int32' }), tensor([1]))).toThrow(PaddleTypeError);
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'int32' }), tensor([1]))).toThrow('x: float32, y: int32');
  });
});

describe('Rule `hinge-margin-by-python-type`', () => {

  const relu = (dtype: string): string =>
    `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`relu\` is not registered. ` +
    `Selected wrong DataType \`${dtype}\`. Paddle support following DataTypes: float64, float32.`;

  it.each([
    ['int32', 2n, relu('int32')],
    ['int64', -3n, relu('int64')],
    ['int32', true, relu('int32')],
    // a bool input meets an int margin as int64
    ['bool', 2n, relu('int64')],
    ['bool', true, '(NotFound) The kernel with key (CPU, Undefined(AnyLayout), bool) of kernel `subtract` is not registered. ' +
      'Selected wrong DataType `bool`. Paddle support following DataTypes: int64, int16, float64, complex128, float32, complex64, int32, bfloat16.'],
  ] as const)('%s input with the Python int or bool margin %s fails in a kernel with RuntimeError', (dtype, margin, message) => {
    // F.hinge_embedding_loss(T([1, 0]).astype(dtype), T([-1., 1.]), margin=m, reduction='none'), Paddle 3.3.1
    let error: unknown;
    try {
      hingeEmbeddingLoss(tensor([1, 0], { dtype }), tensor([-1, 1]), margin, 'none');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PaddleRuntimeError);
    expect((error as Error).message).toBe(message);
  });

  it('a Python int margin on float input is its value: margin 2 with float32 [1, 0] gives [1, 0]', () => {
    expect(values(hingeEmbeddingLoss(tensor([1, 0]), tensor([-1, 1]), 2n, 'none'))).toEqual([1, 0]);
  });

  it('bool input with a float margin fails type promotion with TypeError (x: float32, y: bool)', () => {
    expect(() => hingeEmbeddingLoss(tensor([1, 0], { dtype: 'bool' }), tensor([-1, 1]), 2.0, 'none')).toThrow(PaddleTypeError);
  });
});

describe('Rule `scale-attributes-in-dtype`', () => {
  // 0x3dcccccc = 0.09999999403953552, one ulp below float32(0.1) = 0x3dcccccd.
  const x = new Float32Array(new Uint32Array([0x3dcccccc]).buffer)[0]!;

  it('float32: margin 0.1, x = 0x3dcccccc gives 2^-27 = 7.450580596923828e-9 (not 5.9604645e-9)', () => {
    expect(values(hingeEmbeddingLoss(tensor([x]), tensor([-1]), 0.1, 'none'))).toEqual([7.450580596923828e-9]);
  });

  it('float32: margin 1e39 overflows to inf', () => {
    expect(values(hingeEmbeddingLoss(tensor([0.5]), tensor([-1]), 1e39, 'none'))).toEqual([Infinity]);
  });

  it('float64: margin 0.1 stays 0.1, so x = 0.1 gives 0 (Paddle 2.6.2 gave 1.4901161138336505e-9)', () => {
    const out = hingeEmbeddingLoss(tensor([0.1], { dtype: 'float64' }), tensor([-1], { dtype: 'float64' }), 0.1, 'none');
    expect(values(out)).toEqual([0]);
  });

  it('float64: margin 1e39 stays finite, 1e39 - 1e30 = 9.99999999e38', () => {
    const out = hingeEmbeddingLoss(tensor([1e30], { dtype: 'float64' }), tensor([-1], { dtype: 'float64' }), 1e39, 'none');
    expect(values(out)).toEqual([9.99999999e38]);
  });
});

describe('Rule `full-str-read-by-cpp-stream`', () => {
  // Input 0 under label -1 gives relu(margin); input -1000 gives margin + 1000, which shows negative margins.
  const margin = (text: string, dtype: 'float32' | 'float64' = 'float64'): number[] =>
    values(hingeEmbeddingLoss(tensor([-1000, 0], { dtype }), tensor([-1, -1], { dtype }), text, 'none'));

  it.each([
    ['1.5', [1001.5, 1.5]],
    [' 2 ', [1002, 2]],
    ['\t2\n', [1002, 2]],
    ['1.5abc', [1001.5, 1.5]],
    ['1_000', [1001, 1]],
    ['1,5', [1001, 1]],
    ['0x10', [1000, 0]],
    ['-.5', [999.5, 0]],
    ['5.', [1005, 5]],
    ['1e', [1000, 0]],
    ['1e+', [1000, 0]],
    ['abc', [1000, 0]],
    ['NaN', [1000, 0]],
    ['Infinity', [1000, 0]],
    [' inf', [1000, 0]],
    ['true', [1000, 0]],
    ['True', [1001, 1]],
    ['False', [1000, 0]],
    ['inf', [Infinity, Infinity]],
    ['-inf', [0, 0]],
    ['nan', [0, 0]],
    ['1e400', [Number.MAX_VALUE, Number.MAX_VALUE]],
    ['-1e400', [0, 0]],
    ['2e-320', [1000, 2e-320]],
  ])('float64 margin %j gives %j (Paddle 3.3.1)', (text, expected) => {
    expect(margin(text)).toEqual(expected);
  });

  it("float32 rounds the value read: '0.1' gives 0x3dcccccd and '1e400' (DBL_MAX) overflows to inf", () => {
    expect(margin('0.1', 'float32')).toEqual([1000.0999755859375, 0.10000000149011612]);
    expect(margin('1e400', 'float32')).toEqual([Infinity, Infinity]);
  });

  it('int32 input fails in the relu kernel (RuntimeError), not in type promotion as with a float margin', () => {
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'int32' }), tensor([-1]), '1.5')).toThrow(PaddleRuntimeError);
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'int32' }), tensor([-1]), '1.5')).toThrow(/kernel `relu` is not registered/);
  });

  it('bool input fails in the subtract kernel', () => {
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'bool' }), tensor([-1]), '1.5')).toThrow(/kernel `subtract` is not registered/);
  });
});

// Paddle 2.6.2's behaviour, where it differs from 3.0.0 and later; the
// literal values are the overlay's (golden/releases/2.6.2/hinge_embedding_loss.json).

describe('Rule `scale-attributes-in-dtype` before Paddle 3.0.0', () => {
  const x = tensor([0.1], { dtype: 'float64' });
  const y = tensor([-1], { dtype: 'float64' });

  it('Paddle 2.6.2 rounds a float64 input’s margin to float32: x = margin = 0.1 gives 1.4901161138336505e-9 (margin_boundary/margin=0.1,dtype=float64,x=margin)', () => {
    expect(values(withPaddleRelease('2.6.2', () => hingeEmbeddingLoss(x, y, 0.1, 'none')))).toEqual([1.4901161138336505e-9]);
    expect(values(withPaddleRelease('2.6.2', () => hingeEmbeddingLossGrad(x, y, 0.1, 'none')))).toEqual([-1]);
  });

  it('Paddle 3.0.0 keeps it in float64: 0, gradient 0', () => {
    expect(values(withPaddleRelease('3.0.0', () => hingeEmbeddingLoss(x, y, 0.1, 'none')))).toEqual([0]);
    expect(values(withPaddleRelease('3.0.0', () => hingeEmbeddingLossGrad(x, y, 0.1, 'none')))).toEqual([0]);
  });

  it('margin=None is a ValueError in Paddle 2.6.2 and a TypeError in 3.0.0 (margins/margin=None,dtype=float32,reduction=sum)', () => {
    const call = () => hingeEmbeddingLoss(tensor([1, 2]), tensor([1, -1]), { margin: null as never, reduction: 'sum' });
    expect(withPaddleRelease('2.6.2', () => raised(call))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.0.0', () => raised(call))[0]).toBe('TypeError');
  });
});

describe('Rule `promotion-refuses-int-with-float` before Paddle 3.0.0', () => {
  it('int32 input with a float margin: ValueError in Paddle 2.6.2, TypeError in 3.0.0 (dtypes/dtype=int32,label_dtype=int32,reduction=mean)', () => {
    const int = tensor([2, 3, 2, -3, 0, -2], { dtype: 'int32', shape: [2, 3] });
    const label = tensor([1, -1, 1, 1, -1, 1], { dtype: 'int32', shape: [2, 3] });
    expect(withPaddleRelease('2.6.2', () => raised(() => hingeEmbeddingLoss(int, label)))).toEqual([
      'ValueError',
      '(InvalidArgument) The type of data we are trying to retrieve (int32) does not match the type of data (float32) currently contained in the container.',
    ]);
    expect(withPaddleRelease('3.0.0', () => raised(() => hingeEmbeddingLoss(int, label)))[0]).toBe('TypeError');
  });

  it('float16 input against a label it cannot broadcast with: the add kernel’s RuntimeError in Paddle 2.6.2, the shape ValueError in 3.0.0 (errors/dtype=float16,label_shape=3x2,margin=1,reduction=mean)', () => {
    const call = () => hingeEmbeddingLoss(tensor([0.5, -2, 3, 0, 1.5, -0.25], { dtype: 'float16', shape: [2, 3] }), tensor([1, -1, 1, -1, 1, -1], { dtype: 'float16', shape: [3, 2] }), 1n, 'mean');
    const old = withPaddleRelease('2.6.2', () => raised(call));
    expect([old[0], old[1].includes('kernel `add`')]).toEqual(['RuntimeError', true]);
    expect(withPaddleRelease('3.0.0', () => raised(call))[0]).toBe('ValueError');
  });
});

describe('Rule `where-broadcasts` before Paddle 3.0.0', () => {
  const empty = (shape: number[]) => tensor([], { shape });

  it('Paddle 2.6.2 raises RuntimeError for zero-size operands (shapes/shape=0x3,reduction=none; broadcast/input_shape=0x3,label_shape=2x3)', () => {
    expect(withPaddleRelease('2.6.2', () => raised(() => hingeEmbeddingLoss(empty([0, 3]), empty([0, 3]), 1.0, 'none')))).toEqual([
      'RuntimeError',
      '(PreconditionNotMet) The meta data must be valid when call the mutable data function.',
    ]);
    expect(withPaddleRelease('2.6.2', () => raised(() => hingeEmbeddingLoss(empty([0, 3]), tensor([1, -1, 1, 1, -1, 1], { shape: [2, 3] }), 1.0, 'none')))[0]).toBe('RuntimeError');
  });

  it('Paddle 2.6.2 raises the broadcast ValueError for [0, 0] operands (shapes/shape=0x0,reduction=sum)', () => {
    const [type, message] = withPaddleRelease('2.6.2', () => raised(() => hingeEmbeddingLoss(empty([0, 0]), empty([0, 0]), 1.0, 'sum')));
    expect([type, message.includes('X = [-1, -1] and the shape of Y = [0, 0]')]).toEqual(['ValueError', true]);
  });

  it('Paddle 3.0.0 returns the empty loss', () => {
    expect(withPaddleRelease('3.0.0', () => hingeEmbeddingLoss(empty([0, 3]), empty([0, 3]), 1.0, 'none')).shape).toEqual([0, 3]);
    expect(withPaddleRelease('3.0.0', () => hingeEmbeddingLoss(empty([0, 0]), empty([0, 0]), 1.0, 'none')).shape).toEqual([0, 0]);
  });
});

describe('Rule `where-broadcast-grad-column-major` before Paddle 3.0.0', () => {
  // regressions/case=b416c1675b39: input [[0]] against label ones([2, 3]), 'none', upstream [[0, a, b], [0, a, b]].
  const [a, b] = [0.4489416480064392, 1.3889358043670654];
  const grad = () => hingeEmbeddingLossGrad(tensor([[0]]), tensor([[1, 1, 1], [1, 1, 1]]), 1.0, 'none', tensor([[0, a, b], [0, a, b]]));

  it('Paddle 2.6.2 sums the branch in row-major order (add’s backward): 3.675755023956299 (0x406b3f92)', () => {
    expect(values(withPaddleRelease('2.6.2', grad))).toEqual([3.675755023956299]);
  });

  it('Paddle 3.0.0 sums it in column-major order (where’s backward): 3.6757547855377197 (0x406b3f91)', () => {
    expect(values(withPaddleRelease('3.0.0', grad))).toEqual([3.6757547855377197]);
  });
});

describe('Rule `where-grad-zero-where-unselected`', () => {
  // gradients/at=special_upstream: x = T([0.5, 0.5, 0.5, 2.]); label T([0, 1, 2, -1.]);
  // F.hinge_embedding_loss(x, label, reduction='none').backward(T([nan, inf, -inf, nan]))
  const grad = () => hingeEmbeddingLossGrad(tensor([0.5, 0.5, 0.5, 2]), tensor([0, 1, 2, -1]), 1.0, 'none', tensor([NaN, Infinity, -Infinity, NaN]));

  it('Paddle 3.3.1 passes +0 where a where does not select: [0, inf, 0, NaN]', () => {
    expect(values(grad())).toEqual([0, Infinity, 0, NaN]);
  });

  it('Paddle 3.0.0 multiplies the upstream by the mask: NaN everywhere', () => {
    expect(values(withPaddleRelease('3.0.0', grad))).toEqual([NaN, NaN, NaN, NaN]);
  });
});

describe('Rule `scale-grad-adds-zero`', () => {
  // gradients/at=negative_zero_upstream,margin=1: label 1 under upstream -0 gives +0, the relu branch's +0 through scale's + 0.
  it('margin 1.0, labels [1, 1, -1], upstream -0: all +0, bitwise', () => {
    const g = hingeEmbeddingLossGrad(tensor([0, 0.5, 0.5]), tensor([1, 1, -1]), 1.0, 'none', tensor([-0, -0, -0]));
    expect(Array.from(new Uint32Array(g.data.buffer))).toEqual([0, 0, 0]);
  });
});

describe('Rule `subtract-grad-negates`', () => {
  // gradients/at=negative_zero_upstream,margin=str(1.0) and margin=True: full(margin) - input negates element by element.
  it.each([['1.0'], [true]] as const)('margin %s, labels [1, 1, -1], upstream -0: label 1 keeps -0 (0x80000000), label -1 +0', (margin) => {
    const g = hingeEmbeddingLossGrad(tensor([0, 0.5, 0.5]), tensor([1, 1, -1]), margin, 'none', tensor([-0, -0, -0]));
    expect(Array.from(new Uint32Array(g.data.buffer))).toEqual([0x80000000, 0x80000000, 0]);
  });
});

describe('Rule `relu-float-kernels-only`', () => {
  it("int32 input with a str margin reaches relu, which has no int32 kernel (strings/margin=1.5,dtype=int32)", () => {
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'int32' }), tensor([-1]), '1.5')).toThrow(/kernel `relu` is not registered/);
  });
});

describe('Rule `subtract-no-float16-or-bool-kernel`', () => {
  it('bool input with a bool margin fails in subtract: full(True, bool) - input', () => {
    expect(() => hingeEmbeddingLoss(tensor([1], { dtype: 'bool' }), tensor([-1]), true)).toThrow(/kernel `subtract` is not registered/);
  });
});
