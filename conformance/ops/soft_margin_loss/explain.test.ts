/**
 * The inputs behind a differing soft_margin_loss element: input and label at
 * its index, z and exp(z) and the regime they put the loss in, with literal
 * values; nothing for a reduced output.
 */
import { describe, expect, it } from 'vitest';
import type { RequestJson } from '../../case.js';
import type { ElementMismatch } from '../../compare.js';
import type { TensorJson } from '../../wire.js';
import { softMarginLoss } from './descriptor.js';
import { BRANCHES } from './explain.js';

/** The explainer the descriptor registers. */
const explain = softMarginLoss.explain!;

function request(input: TensorJson, label: TensorJson, kwargs: RequestJson['kwargs'] = { reduction: 'none' }): RequestJson {
  return { api: 'paddle.nn.functional.soft_margin_loss', inputs: { input, label }, kwargs };
}

/** A mismatch at a flat index; only field and index matter here. */
function at(field: 'output' | 'grad.input', index: number): ElementMismatch {
  return { field, index, multiIndex: [], actual: 0, expected: 0, actualBits: '', expectedBits: '', ulps: 0n, difference: 0, mismatches: 1, size: 1 };
}

const f32 = (shape: number[], data: number[]): TensorJson => ({ dtype: 'float32', shape, data });
const overflow = request(f32([3], [100, -100, 0.5]), f32([3], [-1, 1, 1]));

describe('element context', () => {
  it('input 100, label -1: z = 100, exp(z) overflows (three elements: the tail)', () => {
    expect(explain(overflow, at('output', 0))).toEqual({
      operands: { input: { index: [0], value: 100, bits: '0x42c80000' }, label: { index: [0], value: -1, bits: '0xbf800000' } },
      scalars: {},
      branch: BRANCHES.overflow,
      note: "z = -label * input = 100 and exp(z) = Infinity in float32, by the C library's exp (the tail) (element 0 of 3)",
    });
  });

  it('input 0.5, label 1: z = -0.5, the plain formula', () => {
    expect(explain(overflow, at('grad.input', 2))).toMatchObject({ operands: { input: { value: 0.5 }, label: { value: 1 } }, branch: BRANCHES.plain });
  });

  it('input 20, label 1 at index 1 of 9: 1 + exp(-20) rounds to 1, in a packet', () => {
    const c = explain(request(f32([9], [0, 20, 0, 0, 0, 0, 0, 0, 0]), f32([9], new Array(9).fill(1))), at('output', 1));
    expect([c?.branch, c?.note?.includes("Eigen's packet exp")]).toEqual([BRANCHES.absorbed, true]);
  });

  it('a reduced output has no element to explain', () => {
    expect(explain(request(f32([1], [1]), f32([1], [1]), { reduction: 'sum' }), at('output', 0))).toBeUndefined();
  });

  it('shapes that differ (Paddle raised) have no element to explain', () => {
    expect(explain(request(f32([2], [1, 2]), f32([1], [1])), at('output', 0))).toBeUndefined();
  });
});
