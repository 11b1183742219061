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
/** float32's subnormal spacing. */
const TAU = 2 ** -149;

function f32(data: number[]): TensorJson {
  return { dtype: 'float32', shape: [data.length], data };
}

function request(input: number[], label: number[], extra: Partial<RequestJson> = {}): RequestJson {
  return { api: 'paddle.nn.functional.soft_margin_loss', inputs: { input: f32(input), label: f32(label) }, kwargs: { reduction: 'none' }, ...extra };
}

function allowance(policy: TolerancePolicy, r: RequestJson, field: string): Allowance {
  if (policy.kind !== 'derived') throw new Error(`expected a derived policy, got ${policy.kind}`);
  return policy.allowance(r, field, U32, TAU)!;
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
  it('is 2(2·4u + 5u) = 26u relative, with a floor of five roundings per port, τ/2 each, times max(1, |label|)', () => {
    const a = allowance(softMarginLoss.tolerance.grad, request([0.5, 1], [1, -2], { grad: ['input'] }), 'grad.input');
    expect(a.relative).toBe(26 * U32 * SLACK);
    expect([...(a.absolute as Float64Array)]).toEqual([5 * TAU * SLACK, 10 * TAU * SLACK]);
  });

  it('keeps the floor of five roundings under mean: each lands on the gradient itself, whatever g', () => {
    const a = allowance(softMarginLoss.tolerance.grad, request([0.5, 1], [1, 1], { grad: ['input'], kwargs: { reduction: 'mean' } }), 'grad.input');
    expect([...(a.absolute as Float64Array)]).toEqual([5 * TAU * SLACK, 5 * TAU * SLACK]);
  });

  it('is defined at an element whose own upstream is finite when another element\'s is NaN', () => {
    const r = request([1, 1], [1, 1], { grad: ['input'], grad_output: { dtype: 'float32', shape: [2], data: [1, 'NaN'] } });
    const a = allowance(softMarginLoss.tolerance.grad, r, 'grad.input').absolute as Float64Array;
    expect([Number.isFinite(a[0]), a[1]]).toEqual([true, 0]);
  });
});

describe('the gradient below the normal range (issue 20, item 9)', () => {
  // Paddle 3.3.1 (and 2.6.2): input 97.31377 with label 1 and upstream fl(1/12) gives -33τ (0x80000021), τ = 2^-149;
  // the exact value is -(1/12)·e/(1 + e) with e = exp(-97.31377) = 5.5e-43: -32.3τ, so a correctly rounded port gives -32τ.
  const r = request([97.31377410888672], [1], { grad: ['input'], grad_output: f32([0.0833333358168602]) });
  const paddle: GoldenCase = { ...golden(r, [0]), expected: { output: f32([0]), grad: { input: f32([-33 * TAU]) } } };
  const port = (g: number) => ({ id: 'x', output: f32([0]), grad: { input: f32([g]) } });

  it('passes the correctly rounded -32τ, one step from Paddle (allowed 0.33τ before the floor)', () => {
    expect(compareResponse(paddle, port(-32 * TAU), { bitwise: false }, softMarginLoss).status).toBe('pass');
  });

  it('fails a port that flushes the subnormal gradient to -0', () => {
    expect(compareResponse(paddle, port(-0), { bitwise: false }, softMarginLoss).status).toBe('fail');
  });

  it('fails a port six steps off (-39τ): the floor is 2(5/2 + 2/12)τ here, not more', () => {
    expect(compareResponse(paddle, port(-39 * TAU), { bitwise: false }, softMarginLoss).status).toBe('fail');
  });

  it("passes 0.125 where Paddle's subnormal g·(1/s) is multiplied by e = 3e38: input 88.60164, label -1, mean of 8 (Paddle 3.3.1: 0.1250002, 0x3e00000e, 14 ulps from the exact 0.125)", () => {
    const x = new Array<number>(8).fill(88.60163879394531);
    const mean = request(x, new Array<number>(8).fill(-1), { grad: ['input'], kwargs: { reduction: 'mean' } });
    const expected: GoldenCase = { ...golden(mean, [0]), expected: { output: { dtype: 'float32', shape: [], data: [88.60163879394531] }, grad: { input: f32(new Array<number>(8).fill(0.1250002086162567)) } } };
    const exact = { id: 'x', output: { dtype: 'float32', shape: [], data: [88.60163879394531] }, grad: { input: f32(new Array<number>(8).fill(0.125)) } };
    const off = { ...exact, grad: { input: f32(new Array<number>(8).fill(0.126)) } };
    expect([compareResponse(expected, exact, { bitwise: false }, softMarginLoss).status, compareResponse(expected, off, { bitwise: false }, softMarginLoss).status]).toEqual(['pass', 'fail']);
  });

  it('passes 1/12 in float64 where Paddle\'s 1/s is subnormal: input 709.7827, label -1, mean of 12 (Paddle 3.3.1: 0x3fb5555555555571, 28 ulps above)', () => {
    const f64 = (data: number[], shape = [data.length]): TensorJson => ({ dtype: 'float64', shape, data });
    const x = Array.from({ length: 12 }, (_, i) => (i % 2 ? 0 : 709.782712893384));
    const mean: RequestJson = { api: 'paddle.nn.functional.soft_margin_loss', inputs: { input: f64(x), label: f64(new Array<number>(12).fill(-1)) }, kwargs: { reduction: 'mean' }, grad: ['input'] };
    const grad = (big: number) => f64(Array.from({ length: 12 }, (_, i) => (i % 2 ? 0.041666666666666664 : big)));
    const expected: GoldenCase = { ...golden(mean, [0]), expected: { output: f64([355.23793003697193], []), grad: { input: grad(0.08333333333333372) } } };
    expect(compareResponse(expected, { id: 'x', output: f64([355.23793003697193], []), grad: { input: grad(1 / 12) } }, { bitwise: false }, softMarginLoss).status).toBe('pass');
  });
});
