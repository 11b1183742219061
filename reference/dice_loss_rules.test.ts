/**
 * One describe block per rule of dice_loss (reference/dice_loss_rules.ts), its own and its primitives'. Expected
 * values are Paddle 3.3.1's literal results (bits from `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { diceLoss, diceLossGrad } from './dice_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, raised } from './test_support.js';

const labels = (values: number[], dtype: 'int64' | 'int32' = 'int64') => tensor(values.map((v) => [v]), { dtype });
const PROBE = { input: tensor([[0.2, 0.8], [0.6, 0.4], [0.5, 0.5]]), label: labels([1, 0, 1]) };

describe('dice_loss on its page', () => {
  it('one sample at epsilon 0 is 1 − 2·intersection / total (Paddle: [0.2, 0.8] class 1, [0.6, 0.4] class 0)', () => {
    expect(bits(diceLoss({ input: tensor([[0.2, 0.8]]), label: labels([1]) }, { epsilon: 0 }))).toEqual(['0x3e4ccccc']);
    expect(bits(diceLoss({ input: tensor([[0.6, 0.4]]), label: labels([0]) }, { epsilon: 0 }))).toEqual(['0x3ecccccc']);
  });
});

describe('Rule `dice-score-per-sample-then-mean`', () => {
  it('the PROBE batch at epsilon 0 is the mean of its three scores 0.2, 0.4, 0.5, not one score of the whole batch', () => {
    expect(bits(diceLoss(PROBE, { epsilon: 0 }))).toEqual(['0x3ebbbbbb']);
  });

  it('its gradient, at the default epsilon (Paddle: x.grad after loss.backward())', () => {
    expect(bits(diceLoss(PROBE))).toEqual(['0x3ebbbc25']);
    expect(bits(diceLossGrad(PROBE).input!)).toEqual(['0x3e08882f', '0xbe4cccb7', '0xbe6eeec2', '0x3dcccc48', '0x3daaaa3b', '0xbe7fffc8']);
  });

  it('an empty batch is the mean of no scores: +NaN (Paddle 3.1.1 on); before 3.1.1 the assert refuses it', () => {
    const empty = { input: tensor([], { shape: [0, 2] }), label: tensor([], { shape: [0, 1], dtype: 'int64' }) };
    expect(bits(diceLoss(empty))).toEqual(['0x7fc00000']);
    expect(withPaddleRelease('3.1.0', () => raised(() => diceLoss(empty)))).toEqual(['AssertionError', 'Any dimension of input and label cannot be equal to 0.']);
  });
});

describe('Rule `dice-epsilon-in-denominator-only`', () => {
  it('epsilon 0.1 in the denominator alone (Paddle: 0x3ecb2cb1)', () => {
    expect(bits(diceLoss(PROBE, { epsilon: 0.1 }))).toEqual(['0x3ecb2cb1']);
  });

  it("a str is read by C++ ('a' is 0) and True is 1, as Tensor.__add__ fills them in", () => {
    expect(bits(diceLoss(PROBE, { epsilon: 'a' }))).toEqual(['0x3ebbbbbb']);
    expect(bits(diceLoss(PROBE, { epsilon: true }))).toEqual(['0x3f13e93e']);
  });

  it('None raises TypeError from __add__; ValueError before Paddle 3.0.0', () => {
    expect(raised(() => diceLoss(PROBE, { epsilon: null }))).toEqual(['TypeError', '(InvalidType) __add__(): argument (position 1) must be int, float, bool or Tensor, but got NoneType']);
    expect(withPaddleRelease('2.6.2', () => raised(() => diceLoss(PROBE, { epsilon: null }))[0])).toBe('ValueError');
  });
});

describe('Rule `dice-python-asserts`', () => {
  it('the dtype asserts have no message; the shape asserts name what they check, in order', () => {
    expect(raised(() => diceLoss({ input: tensor([[0.5]], { dtype: 'float16' }), label: labels([0]) }))).toEqual(['AssertionError', '']);
    expect(raised(() => diceLoss({ input: tensor([[0.5]]), label: tensor([[0]]) }))).toEqual(['AssertionError', '']);
    expect(raised(() => diceLoss({ input: tensor([0.5]), label: tensor([0], { dtype: 'int64' }) }))).toEqual(['AssertionError', 'The rank of input should be greater than or equal to 2.']);
    expect(raised(() => diceLoss({ input: tensor([[0.5, 0.5]]), label: tensor([0], { dtype: 'int64' }) }))).toEqual(['AssertionError', 'The rank of input and label should be equal, but received input: 2, label: 1.']);
    expect(raised(() => diceLoss({ input: tensor([[0.5, 0.5]]), label: tensor([[0, 1]], { dtype: 'int64' }) }))).toEqual(['AssertionError', 'The last dimension of label should be 1, but received 2.']);
    expect(raised(() => diceLoss({ input: tensor([[0.5, 0.5]]), label: labels([0, 1]) }))).toEqual(['AssertionError', 'All dimensions should be equal except the last one.']);
  });
});

describe('Rule `one-hot-index-checked-in-order`', () => {
  it('an index equal to the class count or negative raises ValueError; the first bad one in row-major order is named', () => {
    expect(raised(() => diceLoss({ ...PROBE, label: labels([2, -1, 0]) }))[1]).toContain('received input (2) not less than depth (2)');
    expect(raised(() => diceLoss({ ...PROBE, label: labels([-1, 2, 0], 'int32') }))[1]).toContain('received input (-1) less than 0');
  });
});

describe('Rule `sum-over-trailing-axes-last-axis-outermost`', () => {
  it('a rank-3 sample [[2^24, 1], [-2^24, 1]], class 1 at both positions, epsilon 0: 0 (Paddle 3.3.1)', () => {
    // inse = 1 + 1 = 2; Σ x walked 2^24, -2^24, 1, 1 is 2 (row-major loses a 1: 1); Σ h = 2: 1 − 4 / 4 = 0 (row-major: 1 − 4 / 3).
    const input = tensor([[[16777216, 1], [-16777216, 1]]]);
    expect(diceLoss({ input, label: tensor([[[1], [1]]], { dtype: 'int64' }) }, { epsilon: 0 }).toNested()).toBe(0);
  });
});

describe('Rule `scale-attributes-in-dtype`', () => {
  it('a float64 input takes epsilon 0.1 as a double (Paddle: 0x3fd96596520b3918); Paddle 2.6.2 as float32', () => {
    const input = tensor(Array.from(PROBE.input.data), { dtype: 'float64', shape: [3, 2] });
    const out = diceLoss({ input, label: PROBE.label }, { epsilon: 0.1 }).at(0);
    expect(out).toBe(0.39682538997739547);
    expect(withPaddleRelease('2.6.2', () => diceLoss({ input, label: PROBE.label }, { epsilon: 0.1 }).at(0))).not.toBe(out);
  });
});

describe('Rule `full-str-read-by-cpp-stream`', () => {
  it("epsilon '0.5' is 0.5, 'True' is 1 (the same loss as True)", () => {
    expect(bits(diceLoss(PROBE, { epsilon: '0.5' }))).toEqual(bits(diceLoss(PROBE, { epsilon: 0.5 })));
    expect(bits(diceLoss(PROBE, { epsilon: 'True' }))).toEqual(['0x3f13e93e']);
  });
});

describe('Rule `mean-of-empty-is-nan`', () => {
  it('[0, 3] input: +NaN, shape []', () => {
    const out = diceLoss({ input: tensor([], { shape: [0, 3] }), label: tensor([], { shape: [0, 1], dtype: 'int64' }) });
    expect([out.shape, bits(out)]).toEqual([[], ['0x7fc00000']]);
  });
});
