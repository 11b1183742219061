/**
 * The inputs behind a differing element (element_context.ts): the input and
 * label elements through broadcasting, the margin and the branch, with
 * literal values; nothing for a reduced output.
 */
import { describe, expect, it } from 'vitest';
import type { RequestJson } from '../../case.js';
import type { ElementMismatch } from '../../compare.js';
import { hingeEmbeddingLoss } from './descriptor.js';
import { BRANCHES } from './explain.js';
import type { TensorJson } from '../../wire.js';

/** The explainer the descriptor registers. */
const explain = hingeEmbeddingLoss.explain!;

function request(input: TensorJson, label: TensorJson, kwargs: RequestJson['kwargs'] = { reduction: 'none' }): RequestJson {
  return { api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input, label }, kwargs };
}

/** A mismatch at a flat index; only field and index matter here. */
function at(field: 'output' | 'grad.input', index: number): ElementMismatch {
  return { field, index, multiIndex: [], actual: 0, expected: 0, actualBits: '', expectedBits: '', ulps: 0n, difference: 0, mismatches: 1, size: 1 };
}

const f32 = (shape: number[], data: number[]): TensorJson => ({ dtype: 'float32', shape, data });
const docInput = f32([3, 3], [1, -2, 3, 0, -1, 2, 1, 0, 1]);
const docLabel = f32([3, 3], [-1, 1, -1, 1, 1, 1, 1, -1, 1]);

describe('same shapes', () => {
  it('label 1 at [1, 2]: input 2 (0x40000000), label 1 (0x3f800000), margin 1 by default, branch x', () => {
    expect(explain(request(docInput, docLabel), at('output', 5))).toEqual({
      operands: {
        input: { index: [1, 2], value: 2, bits: '0x40000000' },
        label: { index: [1, 2], value: 1, bits: '0x3f800000' },
      },
      scalars: { margin: { value: 1 } },
      branch: 'label 1: loss = x',
    });
  });

  it('label -1 at [0, 0] selects max(0, margin - x)', () => {
    const c = explain(request(docInput, docLabel, { margin: 2, reduction: 'none' }), at('output', 0));
    expect(c).toMatchObject({ operands: { input: { value: 1 }, label: { value: -1, bits: '0xbf800000' } }, scalars: { margin: { value: 2 } }, branch: BRANCHES.negative });
  });

  it('a label of 0 contributes 0', () => {
    const c = explain(request(f32([2], [5, 6]), f32([2], [1, 0])), at('output', 1));
    expect(c?.branch).toBe('label neither 1 nor -1: loss = 0');
  });
});

describe('the label test is the reference\'s, with Paddle\'s 1e-15 tolerance', () => {
  const f64 = (data: number[]): TensorJson => ({ dtype: 'float64', shape: [1], data });

  it('a float64 label 1 + 2^-52 (0x3ff0000000000001) counts as 1', () => {
    const c = explain(request(f64([0.5]), f64([1.0000000000000002])), at('output', 0));
    expect(c).toMatchObject({ operands: { label: { bits: '0x3ff0000000000001' } }, branch: BRANCHES.positive });
  });

  it('a float64 label 1 + 5·2^-52 (1.000000000000001) does not', () => {
    expect(explain(request(f64([0.5]), f64([1.000000000000001])), at('output', 0))?.branch).toBe(BRANCHES.other);
  });
});

describe('broadcasting maps the flat index to each operand', () => {
  it('label [2, 1] against input [2, 3]: output [1, 1] reads label [1, 0]', () => {
    const c = explain(request(f32([2, 3], [1, 2, 3, 4, 5, 6]), f32([2, 1], [1, -1])), at('output', 4));
    expect(c).toMatchObject({ operands: { input: { index: [1, 1], value: 5 }, label: { index: [1, 0], value: -1 } }, branch: BRANCHES.negative });
  });

  it('label [3] against input [2, 3]: gradient [1, 1] reads label [1]', () => {
    const c = explain({ ...request(f32([2, 3], [1, 2, 3, 4, 5, 6]), f32([3], [1, -1, 1])), grad: ['input'] }, at('grad.input', 4));
    expect(c).toMatchObject({ operands: { input: { index: [1, 1], value: 5 }, label: { index: [1], value: -1 } } });
  });

  it('input [1] against label [7]: the gradient element sums 7 loss elements, so no single label is named', () => {
    const c = explain({ ...request(f32([1], [0.3]), f32([7], [1, -1, -1, 1, -1, 1, 1])), grad: ['input'] }, at('grad.input', 0));
    expect(c).toEqual({
      operands: { input: { index: [0], value: 0.30000001192092896, bits: '0x3e99999a' } },
      scalars: { margin: { value: 1 } },
      note: 'the input is broadcast against the label: this gradient element sums 7 loss elements',
    });
  });

  it('a 0-D input and label: output [1] (rule zero-d-none-is-shape-1) reads both at []', () => {
    const c = explain(request(f32([], [3]), f32([], [-1])), at('output', 0));
    expect(c).toMatchObject({ operands: { input: { index: [], value: 3 }, label: { index: [] } } });
  });
});

describe('the margin', () => {
  it('0.1 with float32 input is shown with its float32 value 0.10000000149011612', () => {
    const c = explain(request(docInput, docLabel, { margin: 0.1, reduction: 'none' }), at('output', 0));
    expect(c).toMatchObject({ scalars: { margin: { value: 0.1, inDtype: 0.10000000149011612 } } });
  });

  it('comes from the layer\'s init, {"int": 2} as 2', () => {
    const layer: RequestJson = { api: 'paddle.nn.HingeEmbeddingLoss', inputs: { input: docInput, label: docLabel }, init: { margin: { int: 2 }, reduction: 'none' } };
    expect(explain(layer, at('output', 0))?.scalars.margin?.value).toBe(2);
  });

  it('a str margin {"str": "1.5abc"} is the 1.5 Paddle reads from it', () => {
    expect(explain(request(docInput, docLabel, { margin: { str: '1.5abc' }, reduction: 'none' }), at('output', 0))?.scalars.margin?.value).toBe(1.5);
  });

  it('"NaN" is NaN', () => {
    expect(explain(request(docInput, docLabel, { margin: 'NaN', reduction: 'none' }), at('output', 0))?.scalars.margin?.value).toBeNaN();
  });
});

describe('nothing to explain', () => {
  it('a mean output (the default reduction) has no element', () => {
    expect(explain(request(docInput, docLabel, {}), at('output', 0))).toBeUndefined();
  });

  it('a sum output has no element, but its gradient does', () => {
    const sum = { ...request(docInput, docLabel, { reduction: 'sum' }), grad: ['input'] as ['input'] };
    expect(explain(sum, at('output', 0))).toBeUndefined();
    expect(explain(sum, at('grad.input', 0))?.branch).toBe(BRANCHES.negative);
  });

  it('shapes that do not broadcast give nothing', () => {
    expect(explain(request(f32([2], [1, 2]), f32([3], [1, 1, 1])), at('output', 0))).toBeUndefined();
  });
});
