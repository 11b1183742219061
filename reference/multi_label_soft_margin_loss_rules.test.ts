/**
 * One describe block per rule of multi_label_soft_margin_loss that is its own or a primitive's it adds (reference/
 * multi_label_soft_margin_loss_rules.ts). Expected values are Paddle 3.3.1's literal results (2.6.2's where marked),
 * each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { MultiLabelSoftMarginLoss, multiLabelSoftMarginLoss, multiLabelSoftMarginLossGrad } from './multi_label_soft_margin_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits, float32FromBits, raised, values } from './test_support.js';

const none = { reduction: 'none' };
const X = { input: tensor([[0.5, -1.5, 2]]), label: tensor([[1, 0, 1]]) };

describe('Rule `multi-label-soft-margin-reduction-checked-first`', () => {
  it('raises before the float16 input is looked at; the layer at construction, naming MultiLabelSoftMarginloss', () => {
    const t = { input: tensor([[1, 2]], { dtype: 'float16' }), label: tensor([[1, 2]]) };
    expect(raised(() => multiLabelSoftMarginLoss(t, { reduction: 'MEAN' }))).toEqual(['ValueError', "'reduction' in 'multi_label_soft_margin_loss' should be 'sum', 'mean' or 'none', but received MEAN."]);
    expect(raised(() => new MultiLabelSoftMarginLoss({ reduction: 'MEAN' }))[1]).toBe("'reduction' in 'MultiLabelSoftMarginloss' should be 'sum', 'mean' or 'none', but received MEAN.");
  });
});

describe('Rule `multi-label-soft-margin-shapes-must-equal`', () => {
  const t = { input: tensor([[1, 2, 3], [4, 5, 6]]), label: tensor([[1, 0, 1]]) };
  it('refuses [1, 3] against [2, 3] (paddle.Size since 3.3.0), and a list', () => {
    expect(raised(() => multiLabelSoftMarginLoss(t))).toEqual(['ValueError', 'The input and label should have same dimension,but received paddle.Size([2, 3])!=paddle.Size([1, 3])']);
    expect(withPaddleRelease('2.6.2', () => raised(() => multiLabelSoftMarginLoss(t))[1])).toBe('The input and label should have same dimension,but received [2, 3]!=[1, 3]');
    expect(raised(() => multiLabelSoftMarginLoss({ input: [[1, 2]] as never, label: tensor([[1, 0]]) }))).toEqual(['AttributeError', "'list' object has no attribute 'shape'"]);
  });
});

describe('Rule `multi-label-soft-margin-layer-legacy-arguments`', () => {
  it('size_average is ValueError in 3.3.1, TypeError in 2.6.2', () => {
    expect(raised(() => new MultiLabelSoftMarginLoss({ size_average: true }))[1]).toMatch(/^\[Deprecated\] 'MultiLabelSoftMarginLoss' no longer supports 'reduce' or 'size_average'\./);
    expect(withPaddleRelease('2.6.2', () => raised(() => new MultiLabelSoftMarginLoss({ size_average: true })))).toEqual(['TypeError', "MultiLabelSoftMarginLoss.__init__() got an unexpected keyword argument 'size_average'"]);
  });
});

describe('Rule `logsigmoid-packet-and-tail`', () => {
  const rows = (x: number[]) => ({ input: tensor(x, { shape: [x.length, 1] }), label: tensor(x.map(() => 1), { shape: [x.length, 1] }) });
  it('log σ(−100) is −100 in a packet and in the tail, never −inf; a zero loss is +0 in both', () => {
    expect(values(multiLabelSoftMarginLoss(rows([-100, 1, 1, 1, 1, 1, 1, 1, -100]), none))).toEqual([100, ...new Array<number>(7).fill(0.31326165795326233), 100]);
    expect(float32Bits(multiLabelSoftMarginLoss(rows(new Array<number>(9).fill(100)), none))).toEqual(new Array<string>(9).fill('0x0'));
  });
});

describe('Rule `logsigmoid-float-kernels-only`', () => {
  it('float16 and int32 operands raise RuntimeError (NotFound) in logsigmoid', () => {
    for (const dtype of ['float16', 'int32'] as const) {
      const [type, message] = raised(() => multiLabelSoftMarginLoss({ input: tensor([[1, 2]], { dtype }), label: tensor([[1, 0]], { dtype }) }));
      expect([type, message.split('.')[0]]).toEqual(['RuntimeError', `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`logsigmoid\` is not registered`]);
    }
  });
});

describe('Rule `mean-along-last-axis-sum-then-divide`', () => {
  it('a row is its sum over C; rows of no class are NaN (2.6.2 raised)', () => {
    expect(values(multiLabelSoftMarginLoss(X, none))).toEqual([0.2674727737903595]);
    const empty = { input: tensor([], { shape: [2, 0] }), label: tensor([], { shape: [2, 0] }) };
    expect(values(multiLabelSoftMarginLoss(empty, none))).toEqual([NaN, NaN]);
    expect(withPaddleRelease('2.6.2', () => raised(() => multiLabelSoftMarginLoss(empty, none)))).toEqual(['ValueError', '(InvalidArgument) Tensor need be reduced must not empty.']);
  });
  it("keeps a row's first NaN loss where sum's loop keeps the later one (−NaN at 3, +NaN at 5 of 10)", () => {
    const one = 0x3f800000;
    const x = float32FromBits([0, 0, 0, 0xff800000, 0, 0x7fc00000, 0, 0, 0, 0], [1, 10]);
    const out = multiLabelSoftMarginLoss({ input: x, label: float32FromBits(new Array<number>(10).fill(one).map(() => 0), [1, 10]) }, none);
    expect(float32Bits(out)).toEqual(['0xffffffff']);
  });
});

describe('Rule `multiply-broadcasts` (the weight)', () => {
  it('a weight [1, 1, 3] makes the result [1, 2]; a [2] weight is refused', () => {
    const t = { input: tensor([[0.5, -1.5, 2], [1, 1, 1]]), label: tensor([[1, 0, 1], [0, 1, 0]]) };
    const out = multiLabelSoftMarginLoss({ ...t, weight: tensor([[[0.5, 2, 1]]]) }, none);
    expect([out.shape, values(out)]).toEqual([[1, 2], [0.2555977404117584, 0.8654718995094299]]);
    expect(raised(() => multiLabelSoftMarginLoss({ ...t, weight: tensor([1, 2]) }))[0]).toBe('ValueError');
  });
});

describe('Rule `multiply-operator-casts-other-before-3-0-0`', () => {
  const t = { input: tensor([[1.5, -0.25, 3]]), label: tensor([[1, 0, 1]], { dtype: 'int32' }) };
  it('an int32 label gives int32 [0] and an int32 weight a float32 loss in 2.6.2; 3.3.1 refuses both', () => {
    expect(withPaddleRelease('2.6.2', () => values(multiLabelSoftMarginLoss(t, none)))).toEqual([0]);
    const w = { input: t.input, label: tensor([[1, 0, 1]]), weight: tensor([1, 2, 3], { dtype: 'int32' }) };
    expect(withPaddleRelease('2.6.2', () => values(multiLabelSoftMarginLoss(w, none)))).toEqual([0.49968472123146057]);
    expect(raised(() => multiLabelSoftMarginLoss(t, none))[0]).toBe('TypeError');
  });
  it('0-D operands promote in 3.3.1: float32 1.5 with int32 1 is 0.2014133334159851, input gradient −0.18242551386356354', () => {
    const z = { input: tensor(1.5), label: tensor(1, { dtype: 'int32' }) };
    expect(values(multiLabelSoftMarginLoss(z))).toEqual([0.2014133334159851]);
    expect(values(multiLabelSoftMarginLossGrad(z, {}, undefined, ['input']).input!)).toEqual([-0.18242551386356354]);
  });
});
