/**
 * cosine_embedding_loss's derived bounds on literal rows: the allowance grows
 * with the row length D through γ_D, vanishes where no rounding can happen,
 * and a different epsilon on small vectors falls far outside it.
 */
import { describe, expect, it } from 'vitest';
import type { GoldenCase, RequestJson } from '../../case.js';
import { compareResponse } from '../../compare.js';
import { gamma, type Allowance, type TolerancePolicy } from '../../tolerance.js';
import type { TensorJson } from '../../wire.js';
import { cosineEmbeddingLoss } from './descriptor.js';

const U = 2 ** -24;
const SLACK = 1 + 2 ** -10;
/** float32's subnormal spacing. */
const TAU = 2 ** -149;

function rows(data: number[][]): TensorJson {
  return { dtype: 'float32', shape: [data.length, data[0]!.length], data: data.flat() };
}

function request(x: number[][], y: number[][], label: number[], extra: Partial<RequestJson> = {}): RequestJson {
  return {
    api: 'paddle.nn.functional.cosine_embedding_loss',
    inputs: { input1: rows(x), input2: rows(y), label: { dtype: 'int64', shape: [label.length], data: label } },
    kwargs: { reduction: 'none' },
    ...extra,
  };
}

function allowance(policy: TolerancePolicy, r: RequestJson, field: string): Allowance {
  if (policy.kind !== 'derived') throw new Error(`expected a derived policy, got ${policy.kind}`);
  return policy.allowance(r, field, U, TAU)!;
}

/** δ_d = γ_{D+1} + 1.5u + 2·8u for float32. */
function delta(d: number): number {
  return gamma(d + 1, U) + 1.5 * U + 16 * U;
}

describe('the loss allowance', () => {
  it('for parallel rows [1, 1] (κ = cos ≈ 1, D = 2) is 2(γ_2 + δ_d + u): about 47u', () => {
    const a = allowance(cosineEmbeddingLoss.tolerance.output, request([[1, 1]], [[1, 1]], [1]), 'output');
    const cos = 2 / (2 + 1e-11);
    const expected = 2 * (gamma(2, U) * cos + cos * (delta(2) + U)) * SLACK;
    expect((a.absolute as Float64Array)[0]).toBeCloseTo(expected, 20);
    expect(expected / U).toBeCloseTo(47, 0);
    expect(a.relative).toBe(2 * U * SLACK);
  });

  it('grows with D: a row of 1000 ones allows more than 1000 times u', () => {
    const ones = [new Array<number>(1000).fill(1)];
    expect((allowance(cosineEmbeddingLoss.tolerance.output, request(ones, ones, [1]), 'output').absolute as Float64Array)[0]! / U).toBeGreaterThan(4000);
  });

  it('is 0 for orthogonal unit rows (dot exactly 0 in any order) and for labels other than ±1', () => {
    const a = allowance(cosineEmbeddingLoss.tolerance.output, request([[1, 0], [1, 1]], [[0, 1], [1, 1]], [1, 0]), 'output');
    expect([...(a.absolute as Float64Array)]).toEqual([0, 0]);
  });
});

describe('the gradient allowance', () => {
  it('for x = [1, 0], y = [0, 1] (cos 0) is 2(δ_d + 2u) on the element where y is 1, the floor 2·4·τ/2 on the other', () => {
    const r = request([[1, 0]], [[0, 1]], [1], { grad: ['input1'] });
    const a = allowance(cosineEmbeddingLoss.tolerance.grad, r, 'grad.input1');
    const d = Math.sqrt((1 + 1e-11) * (1 + 1e-11));
    expect([...(a.absolute as Float64Array)]).toEqual([4 * TAU * SLACK, 2 * (1 / d) * (delta(2) + 2 * U) * SLACK]);
  });

  it('divides by the count under mean, and gives nothing, not even the floor, to rows whose label is neither 1 nor -1', () => {
    const r = request([[1, 0], [1, 0]], [[0, 1], [0, 1]], [1, 0], { grad: ['input1'], kwargs: { reduction: 'mean' } });
    const a = [...(allowance(cosineEmbeddingLoss.tolerance.grad, r, 'grad.input1').absolute as Float64Array)];
    const d = Math.sqrt((1 + 1e-11) * (1 + 1e-11));
    expect(a).toEqual([4 * TAU * SLACK, (1 / d) * (delta(2) + 2 * U) * SLACK, 0, 0]);
  });
});

describe('what the bound catches', () => {
  const golden = (r: RequestJson, output: number[]): GoldenCase => ({
    id: 'cosine_embedding_loss/test/case', group: 'test', level: 'paddle', tags: [], description: 'test', request: r,
    expected: { output: { dtype: 'float32', shape: [output.length], data: output } },
  });

  it("PyTorch's eps of 1e-12 on x = y = [1e-6, 0]: 0.5 where Paddle 3.3.1 gives 0.90909088 (0x3f68ba2e)", () => {
    const r = request([[1e-6, 0]], [[1e-6, 0]], [1]);
    const torchLike = Math.fround(1 - 1e-12 / Math.sqrt((1e-12 + 1e-12) * (1e-12 + 1e-12)));
    expect(compareResponse(golden(r, [0.9090908765792847]), { id: 'x', output: { dtype: 'float32', shape: [1], data: [torchLike] } }, { bitwise: false }, cosineEmbeddingLoss).status).toBe('fail');
  });

  it('one ulp off on the same case passes (the allowance there is dozens of u)', () => {
    const r = request([[1e-6, 0]], [[1e-6, 0]], [1]);
    expect(compareResponse(golden(r, [0.9090908765792847]), { id: 'x', output: { dtype: 'float32', shape: [1], data: [0.9090909361839294] } }, { bitwise: false }, cosineEmbeddingLoss).status).toBe('pass');
  });
});

describe('below the normal range (issue 20, item 9)', () => {
  const f32 = (shape: number[], data: number[]): TensorJson => ({ dtype: 'float32', shape, data });
  const golden = (r: RequestJson, output: TensorJson, grad?: Record<string, TensorJson>): GoldenCase => ({
    id: 'cosine_embedding_loss/test/case', group: 'test', level: 'paddle', tags: [], description: 'test', request: r, expected: { output, ...(grad && { grad }) },
  });

  // Paddle 3.3.1, float32, margin 0, label [-1, 1]: row 0 is [1.1e-21, 0, 0] against [1.3e-21, 0, 0]. Its product
  // 1.43e-42 is subnormal, 1020τ after rounding (exact 1020.47τ), and the division by d ≈ 1e-11 carries that into
  // cos: Paddle's loss 1.4293245e-31 (0x0c398974), the exact 1.43e-31 is 4.7e-4 away (relative 2^-11).
  const tiny: RequestJson = {
    ...request([[1.0999999650920748e-21, 0, 0], [1, 2, 3]], [[1.2999999587451793e-21, 0, 0], [3, 2, 1]], [-1, 1]),
    kwargs: { margin: 0, reduction: 'none' },
  };
  const paddle = golden(tiny, f32([2], [1.429324488368228e-31, 0.2857142686843872]));

  it('passes the loss computed in float64 and rounded once, 1.4299999e-31 (0x0c399fe6), where the product x·y is subnormal in float32', () => {
    expect(compareResponse(paddle, { id: 'x', output: f32([2], [1.4299999274222105e-31, 0.2857142686843872]) }, { bitwise: false }, cosineEmbeddingLoss).status).toBe('pass');
  });

  it('fails a loss 1% off there', () => {
    expect(compareResponse(paddle, { id: 'x', output: f32([2], [Math.fround(1.429324488368228e-31 * 1.01), 0.2857142686843872]) }, { bitwise: false }, cosineEmbeddingLoss).status).toBe('fail');
  });

  // special_values, probe squares_underflow, label 1, float32 (Paddle 3.3.1): grad.input1[0, 1] is 6.077431439776732e-42
  // (4337τ), cos·x_1/m_x with cos = 7.2e-32; before the floor it was allowed 5.77e-47, below τ.
  const squares = request([[2 ** -70, 2 ** -70, 0], [576, -576, 864], [928, 992, -576]], [[2 ** -70, 0, 2 ** -70], [-512, 576, 928], [576, 864, -672]], [1, 1, -1], { grad: ['input1'], kwargs: { margin: 0.25, reduction: 'none' } });
  const grad = (v: number) => f32([3, 3], [-8.470329299070656e-11, v, -8.470329299070656e-11, 0.0004073791205883026, -0.00045205940841697156, -0.0005729590775445104, -9.983766358345747e-05, 2.9320421162992716e-05, -0.00011035348870791495]);
  const output = f32([3], [1, 0.8777546882629395, 0.724636971950531]);
  const expected = golden(squares, output, { input1: grad(6.077431439776732e-42) });

  it('allows the subnormal gradient 6.08e-42 of squares_underflow one step either way', () => {
    const a = allowance(cosineEmbeddingLoss.tolerance.grad, squares, 'grad.input1').absolute as Float64Array;
    expect(a[1]! >= TAU).toBe(true);
    expect(compareResponse(expected, { id: 'x', output, grad: { input1: grad(6.077431439776732e-42 + TAU) } }, { bitwise: false }, cosineEmbeddingLoss).status).toBe('pass');
  });

  it('fails the 0 of a port that forms cos·x_1 first (7.2e-32 · 8.5e-22 underflows float32), then divides by m_x', () => {
    expect(compareResponse(expected, { id: 'x', output, grad: { input1: grad(0) } }, { bitwise: false }, cosineEmbeddingLoss).status).toBe('fail');
  });
});
