/**
 * One describe block per rule of margin_cross_entropy (reference/margin_cross_entropy_rules.ts): Paddle's CPU
 * raises for every call, so each test states which error comes first, as Paddle 3.3.1 (or the release named) raised it.
 */
import { describe, expect, it } from 'vitest';
import { marginCrossEntropy } from './margin_cross_entropy.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { raised } from './test_support.js';

const LOGITS = tensor([[0.5, -0.25, 0.75, 0], [0.125, 0.5, -0.5, 1]]);
const LABEL = tensor([1, 3], { dtype: 'int64' });
const call = (options = {}, logits = LOGITS, label = LABEL) => raised(() => marginCrossEntropy({ logits, label }, options));

describe('Rule `margin-ce-cpu-kernel-unavailable`', () => {
  it("the page's call raises RuntimeError (Unavailable), with return_softmax and reduction=None too", () => {
    const unavailable = ['RuntimeError', '(Unavailable) Do not support margin_cross_entropy for cpu kernel now.'];
    expect(call()).toEqual(unavailable);
    expect(call({ return_softmax: true, reduction: null })).toEqual(unavailable);
  });
});

describe('Rule `margin-ce-python-checks`', () => {
  it('the reduction assert comes first (no message), then the group check', () => {
    expect(call({ reduction: 'MEAN', group: true })).toEqual(['AssertionError', '']);
    expect(call({ group: 1 })[1]).toBe('Expected group is False, None or instance of paddle.distributed.collective.Group              (got group: 1)');
  });

  it('no classes: ValueError since Paddle 3.1.1 (paddle.Size in the message since 3.3.0); 0-D logits IndexError', () => {
    const empty = tensor([], { shape: [4, 0] });
    expect(call({}, empty, tensor([0, 0, 0, 0], { dtype: 'int64' }))).toEqual(['ValueError', 'Expected logit_dims[-1] > 0 (got logit_dims paddle.Size([4, 0]))']);
    expect(withPaddleRelease('3.2.2', () => call({}, empty, tensor([0, 0, 0, 0], { dtype: 'int64' }))[1])).toBe('Expected logit_dims[-1] > 0 (got logit_dims [4, 0])');
    expect(withPaddleRelease('3.1.0', () => call({}, empty, tensor([0, 0, 0, 0], { dtype: 'int64' }))[0])).toBe('RuntimeError');
    expect(call({}, tensor(0.5), tensor(0, { dtype: 'int64' }))).toEqual(['IndexError', 'list index out of range']);
  });

  it("a label of another rank than the logits' or one less: ValueError", () => {
    expect(call({}, LOGITS, tensor([[[1]], [[3]]], { dtype: 'int64' }))[1]).toContain('(got input_dims2, label_dims3)');
  });
});

describe('Rule `margin-ce-argument-types`', () => {
  it('a None margin is TypeError, before the kernel is chosen (int32 logits); ValueError in Paddle 2.6.2', () => {
    const ints = tensor([[1, 0], [0, 1]], { dtype: 'int32' });
    expect(call({ margin1: null }, ints)).toEqual(['TypeError', '(InvalidType) margin_cross_entropy(): argument (position 7) must be double, but got NoneType']);
    expect(withPaddleRelease('2.6.2', () => call({ scale: 'a' })[0])).toBe('ValueError');
  });

  it('return_softmax None is taken, an int refused; a bool or int margin is taken', () => {
    expect(call({ return_softmax: null })[0]).toBe('RuntimeError');
    expect(call({ return_softmax: 1 })[1]).toBe('(InvalidType) margin_cross_entropy(): argument (position 3) must be bool, but got int');
    expect(call({ margin3: true, margin1: 1 })[0]).toBe('RuntimeError');
  });
});

describe('Rule `margin-ce-kernel-chosen-then-shapes`', () => {
  it('int32 logits with a mismatched label: NotFound first; float32: the shape inference', () => {
    const short = tensor([1], { dtype: 'int64' });
    expect(call({}, tensor([[1, 0], [0, 1]], { dtype: 'int32' }), short)[1]).toContain('(NotFound) The kernel with key (CPU, Undefined(AnyLayout), int32) of kernel `margin_cross_entropy` is not registered');
    expect(call({}, LOGITS, short)[1]).toContain('should in same shape in dimensions except axis');
    expect(call({}, LOGITS, tensor([[1, 0], [3, 0]], { dtype: 'int64' }))[1]).toContain('the last dimension of Input(Label) should be 1');
  });

  it('a 1-D logits is not shape-checked: Unavailable', () => {
    expect(call({}, tensor([0.5, 0.25]), tensor([1, 0], { dtype: 'int64' }))[0]).toBe('RuntimeError');
  });
});
