/**
 * One describe block per rule of square_error_cost (reference/square_error_cost_rules.ts) that is its
 * own; its primitives' rules are tested with mse_loss and the kernels. Expected values are Paddle 3.3.1's.
 */
import { describe, expect, it } from 'vitest';
import { squareErrorCost, squareErrorCostGrad } from './square_error_cost.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, raised, values } from './test_support.js';

describe('square_error_cost on its page', () => {
  it('(input − label)², unreduced; the label gradient negated (Paddle: input [1, 2, 3], label [0, 5, 3])', () => {
    const t = { input: tensor([1, 2, 3]), label: tensor([0, 5, 3]) };
    expect(values(squareErrorCost(t))).toEqual([1, 9, 0]);
    expect(bits(squareErrorCostGrad(t).label)).toEqual(['0xc0000000', '0x40c00000', '0x80000000']);
  });
});

describe('Rule `square-error-cost-other-dtypes-computed`', () => {
  it('int32 computes and stays int32 (Paddle: [1, 2, 3] against [0, 5, 1] gives [1, 9, 4])', () => {
    const out = squareErrorCost({ input: tensor([1, 2, 3], { dtype: 'int32' }), label: tensor([0, 5, 1], { dtype: 'int32' }) });
    expect([out.dtype, ...values(out)]).toEqual(['int32', 1, 9, 4]);
  });

  it('int32 wraps: 2147483647² is 1', () => {
    expect(values(squareErrorCost({ input: tensor([2147483647], { dtype: 'int32' }), label: tensor([0], { dtype: 'int32' }) }))).toEqual([1]);
  });

  it('float64 and int64 keep their dtype; float16 is refused (RuntimeError, in subtract)', () => {
    expect(squareErrorCost({ input: tensor([1.5], { dtype: 'float64' }), label: tensor([1], { dtype: 'float64' }) }).dtype).toBe('float64');
    expect(squareErrorCost({ input: tensor([3], { dtype: 'int64' }), label: tensor([1], { dtype: 'int64' }) }).dtype).toBe('int64');
    expect(raised(() => squareErrorCost({ input: tensor([1], { dtype: 'float16' }), label: tensor([1], { dtype: 'float16' }) }))[0]).toBe('RuntimeError');
  });
});
