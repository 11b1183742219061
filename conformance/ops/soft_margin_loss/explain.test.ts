/**
 * The inputs behind a differing soft_margin_loss element: input and label at
 * its index, z and exp(z) and the regime they put the loss in, with literal
 * values; nothing for a reduced output.
 */
import { describe, expect, it } from 'vitest';
import type { GoldenCase, RequestJson, ResponseJson } from '../../case.js';
import { compareResponse, type ElementMismatch } from '../../compare.js';
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

describe('the cause named first in the note (issue 20, item 13)', () => {
  // Each test answers a literal request with Paddle 3.3.1's result, or has a mutant answer it, lets the comparison pick
  // the differing element, and asks the explainer about it, as a run does.
  const golden = (r: RequestJson, expected: GoldenCase['expected']): GoldenCase => ({ id: 'soft_margin_loss/test/case', group: 'test', level: 'paddle', tags: [], description: 'test', request: r, expected });
  function noteFor(g: GoldenCase, response: ResponseJson): string | undefined {
    const v = compareResponse(g, response, { bitwise: false }, softMarginLoss);
    if (v.status !== 'fail' || !v.failure.element) throw new Error(`expected a value failure, got ${v.status}`);
    return explain(g.request, v.failure.element)?.note;
  }
  const withGrad = (r: RequestJson, extra: Partial<RequestJson> = {}): RequestJson => ({ ...r, grad: ['input'], ...extra });

  // Paddle 3.3.1: input 100, label 1 (z = -100, the C library's exp: 3.78e-44) gives loss 0 and gradient -3.783505853677006e-44.
  it("the sigmoid-form mutant (0 there) is pointed at exp(−z) = exp(100) overflowing, not only at the chain rule", () => {
    const r = withGrad(request(f32([1], [100]), f32([1], [1])));
    const mutant = softMarginLoss.mutants.find((m) => m.id === 'soft-margin-grad-sigmoid-form')!;
    const note = noteFor(golden(r, { output: f32([1], [0]), grad: { input: f32([1], [-3.783505853677006e-44]) } }), mutant.handle({ id: 'x', ...r }));
    expect(note).toMatch(/^cause: exp\(−z\) = exp\(100\) overflows float32 \(largest 3\.4028e\+38\): a sigmoid form −label·g\/\(1 \+ exp\(−z\)\) gives 0 here, where Paddle's chain g·\(1\/\(1 \+ e\)\)·e·\(−label\) gives -3\.7835e-44; exp\(z\) = 3\.7835e-44 lies below float32's smallest normal/);
  });

  // Paddle 3.3.1: input 88.60164, label -1, mean of 8 gives 0.1250002 (0x3e00000e) each: 1/(1 + e) = 3.3e-39 and g/(1 + e)
  // are subnormal before the product with e = 3.0e38, which puts Paddle up to 2.4e-7 off the exact 0.125 (inside the bound).
  const x = new Array<number>(8).fill(88.60163879394531);
  const mean = withGrad(request(f32([8], x), f32([8], new Array<number>(8).fill(-1)), { reduction: 'mean' }));
  const output = { dtype: 'float32', shape: [], data: [88.60163879394531] } as TensorJson;
  const paddle = golden(mean, { output, grad: { input: f32([8], new Array<number>(8).fill(0.1250002086162567)) } });
  const answer = (g: number): ResponseJson => ({ id: 'x', output, grad: { input: f32([8], new Array<number>(8).fill(g)) } });

  it("a gradient 1.2e-6 off at input 88.6 (beyond the bound, within 8 times Paddle's own error there) is shown Paddle's subnormal 1/(1 + e) and g·(1/(1 + e))", () => {
    expect(noteFor(paddle, answer(0.12499900162220001))).toMatch(/^cause: in Paddle's chain 1\/\(1 \+ e\) = 3\.3\d+e-39 and g·\(1\/\(1 \+ e\)\) = 4\.1\d+e-40 lie below float32's smallest normal, and are then multiplied by e = 3\.0\d+e\+38/);
  });

  it('a gradient 1% off there is another fault: no cause is named', () => {
    expect(noteFor(paddle, answer(0.12625))).not.toContain('cause:');
  });

  it('names no cause where z is ordinary (input 0.5, label 1)', () => {
    expect(explain(overflow, at('grad.input', 2))?.note).not.toContain('cause:');
  });
});
