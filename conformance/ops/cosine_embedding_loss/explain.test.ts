/**
 * The explainer of cosine_embedding_loss on literal requests: which label and
 * branch an element takes, and its row's cosine ingredients, stated as the
 * page's formula gives them for small exact vectors ([3, 4]·[4, 3] = 24,
 * norms 5 and 5; [1, 0]·[0, 1] = 0).
 */
import { describe, expect, it } from 'vitest';
import type { ElementMismatch } from '../../compare.js';
import type { RequestJson } from '../../case.js';
import { encodeTensor, fromValues, type WireDType } from '../../wire.js';
import { cosineEmbeddingLoss } from './descriptor.js';
import { COSINE_BRANCHES } from './explain.js';

/** The explainer the descriptor registers. */
const explain = cosineEmbeddingLoss.explain!;

const t = (v: number[], shape: number[], dtype: WireDType = 'float32') => encodeTensor(fromValues(dtype, shape, v));

/** A differing element of a field at a flat index (the other fields do not matter to the explainer). */
function element(field: string, index: number): ElementMismatch {
  return { field, index, multiIndex: [index], actual: 0, expected: 1, actualBits: '0x0', expectedBits: '0x3f800000', ulps: null, difference: 1, mismatches: 1, size: 2 };
}

const twoRows: RequestJson = {
  api: 'paddle.nn.functional.cosine_embedding_loss',
  inputs: { input1: t([3, 4, 1, 0], [2, 2]), input2: t([4, 3, 0, 1], [2, 2]), label: t([1, -1], [2], 'int64') },
  kwargs: { margin: 0.1, reduction: 'none' },
};

describe('cosine_embedding_loss explainer', () => {
  it('names the label, the branch and the row of an output element', () => {
    const c = explain(twoRows, element('output', 1))!;
    expect([c.operands.label?.value, c.branch, c.note]).toEqual([-1, COSINE_BRANCHES.negative, "cosine of row 1 of input1 and input2, D = 2 values (reference's intermediate values)"]);
  });

  it("gives the row's dot product, squared norms (eps vanishes beside 25 in float32) and cosine", () => {
    const c = explain(twoRows, element('output', 0))!;
    expect(Object.fromEntries(Object.entries(c.scalars).map(([k, v]) => [k, v.value]))).toEqual({
      margin: 0.1,
      'dot (Σ input1·input2)': 24,
      'Σ input1² + eps': 25,
      'Σ input2² + eps': 25,
      cos: Math.fround(0.96),
    });
  });

  it('gives the float32 margin beside the given one', () => {
    expect(explain(twoRows, element('output', 0))!.scalars.margin).toEqual({ value: 0.1, inDtype: 0.10000000149011612 });
  });

  it("names a gradient element's own value, the other input's at the same place, and its row's label", () => {
    const c = explain(twoRows, element('grad.input2', 1))!;
    expect([c.operands.input2?.value, c.operands.input1?.value, c.operands.label?.value, c.branch]).toEqual([3, 4, 1, COSINE_BRANCHES.positive]);
  });

  it('says how many losses a gradient sums when the label broadcasts against one pair', () => {
    const req: RequestJson = { ...twoRows, inputs: { input1: t([3, 4], [2]), input2: t([4, 3], [2]), label: t([1, -1, 1], [3], 'int64') } };
    expect(explain(req, element('grad.input1', 0))!.note).toMatch(/this gradient sums 3 loss elements$/);
  });

  it('explains nothing for a reduced output or a call Paddle refuses', () => {
    const refused: RequestJson = { ...twoRows, inputs: { ...twoRows.inputs, label: t([1, -1], [2, 1], 'int64') } };
    expect([explain({ ...twoRows, kwargs: { reduction: 'sum' } }, element('output', 0)), explain(refused, element('output', 0))]).toEqual([undefined, undefined]);
  });
});
