/**
 * soft_margin_loss's derived bounds on literal inputs: the allowance where
 * 1 + e cannot round is 0, elsewhere it has the derived absolute and
 * relative parts; a log1p port is caught where Paddle's loss is exactly 0 and
 * let through where the two differ by less than the rounding of 1 + e.
 */
import { describe, expect, it } from 'vitest';
import type { GoldenCase, RequestJson } from '../../case.js';
import { compareResponse } from '../../compare.js';
import type { Allowance, TolerancePolicy } from '../../tolerance.js';
import type { TensorJson } from '../../wire.js';
import { softMarginLoss } from './descriptor.js';

const U32 = 2 ** -24;
const SLACK = 1 + 2 ** -10;

function f32(data: number[]): TensorJson {
  return { dtype: 'float32', shape: [data.length], data };
}

function request(input: number[], label: number[], extra: Partial<RequestJson> = {}): RequestJson {
  return { api: 'paddle.nn.functional.soft_margin_loss', inputs: { input: f32(input), label: f32(label) }, kwargs: { reduction: 'none' }, ...extra };
}

function allowance(policy: TolerancePolicy, r: RequestJson, field: string): Allowance {
  if (policy.kind !== 'derived') throw new Error(`expected a derived policy, got ${policy.kind}`);
  return policy.allowance(r, field, U32)!;
}

function golden(r: RequestJson, output: number[]): GoldenCase {
  return { id: 'soft_margin_loss/test/case', group: 'test', level: 'paddle', tags: [], description: 'test', request: r, expected: { output: f32(output) } };
}

describe('the loss allowance', () => {
  it('is 0 where exp(z) is at most u, so 1 + e rounds to 1 in every port (z = -20: e = 2.06e-9)', () => {
    expect([...(allowance(softMarginLoss.tolerance.output, request([20], [1]), 'output').absolute as Float64Array)]).toEqual([0]);
  });

  it('at z = 0 (e = 1) is 2(4u·1/2 + u) = 6u, times the slack, with r = 8u', () => {
    const a = allowance(softMarginLoss.tolerance.output, request([0], [1]), 'output');
    expect([...(a.absolute as Float64Array)]).toEqual([6 * U32 * SLACK]);
    expect(a.relative).toBe(8 * U32 * SLACK);
  });

  it('for large z approaches 2(4u + u) = 10u (z = 50)', () => {
    const a = allowance(softMarginLoss.tolerance.output, request([-50], [1]), 'output').absolute as Float64Array;
    expect(a[0]! / (U32 * SLACK)).toBeCloseTo(10, 12);
  });

  it('is 0 for NaN and for z whose exp overflows the dtype (non-finite values must match exactly)', () => {
    const r: RequestJson = { ...request([0, -100], [1, 1]), inputs: { input: { dtype: 'float32', shape: [2], data: ['NaN', -100] }, label: f32([1, 1]) } };
    expect([...(allowance(softMarginLoss.tolerance.output, r, 'output').absolute as Float64Array)]).toEqual([0, 0]);
  });
});

describe('what the bound lets through and what it catches', () => {
  it('catches log1p(exp(z)) where Paddle gives exactly 0: z = -20 gives 2.0611537e-9', () => {
    const v = compareResponse(golden(request([20], [1]), [0]), { id: 'x', output: f32([Math.fround(Math.log1p(Math.exp(-20)))]) }, { bitwise: false }, softMarginLoss);
    expect(v.status).toBe('fail');
  });

  it('lets log1p through at z = -10, where Paddle\'s log(fl(1 + e)) is off by less than u', () => {
    // Paddle 3.3.1 gives 0x383e7ee4 (4.5417706e-5) at z = -10; log1p gives 4.5398894e-5: 2.5e-7 relative, but |Δ| = 1.9e-8 < 2u.
    const paddle = 4.541770613286644e-5;
    const v = compareResponse(golden(request([10], [1]), [paddle]), { id: 'x', output: f32([Math.fround(Math.log1p(Math.exp(-10)))]) }, { bitwise: false }, softMarginLoss);
    expect(v.status).toBe('pass');
  });

  it('catches a loss one percent off at z = 1 (Paddle 3.3.1: 1.3132616, 0x3fa818f5)', () => {
    const v = compareResponse(golden(request([-1], [1]), [1.31326162815094]), { id: 'x', output: f32([Math.fround(1.31326162815094 * 1.01)]) }, { bitwise: false }, softMarginLoss);
    expect(v.status).toBe('fail');
  });
});

describe('the gradient allowance', () => {
  it('is 2(2·4u + 5u) = 26u relative, with a subnormal step per unit of |g·label|', () => {
    const a = allowance(softMarginLoss.tolerance.grad, request([0.5, 1], [1, -2], { grad: ['input'] }), 'grad.input');
    expect(a.relative).toBe(26 * U32 * SLACK);
    expect([...(a.absolute as Float64Array)]).toEqual([4 * 2 ** -149, 8 * 2 ** -149]);
  });

  it('scales the subnormal step by 1/N under mean', () => {
    const a = allowance(softMarginLoss.tolerance.grad, request([0.5, 1], [1, 1], { grad: ['input'], kwargs: { reduction: 'mean' } }), 'grad.input');
    expect([...(a.absolute as Float64Array)]).toEqual([2 * 2 ** -149, 2 * 2 ** -149]);
  });
});
