/**
 * The explainer of cosine_embedding_loss on literal requests: which label and
 * branch an element takes, and its row's cosine ingredients, stated as the
 * page's formula gives them for small exact vectors ([3, 4]·[4, 3] = 24,
 * norms 5 and 5; [1, 0]·[0, 1] = 0).
 */
import { describe, expect, it } from 'vitest';
import { compareResponse, type ElementMismatch } from '../../compare.js';
import type { GoldenCase, RequestJson, ResponseJson } from '../../case.js';
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

describe('the cause named first in the note (issue 20, item 13)', () => {
  // Each test answers a literal request with Paddle 3.3.1's result changed where a natural port goes wrong, lets the
  // comparison pick the differing element, and asks the explainer about it, as a run does.
  const f64 = (v: number[], shape: number[]) => t(v, shape, 'float64');
  const golden = (request: RequestJson, expected: GoldenCase['expected']): GoldenCase => ({ id: 'cosine_embedding_loss/test/case', group: 'test', level: 'paddle', tags: [], description: 'test', request, expected });
  function noteFor(g: GoldenCase, response: ResponseJson): string | undefined {
    const v = compareResponse(g, response, { bitwise: false }, cosineEmbeddingLoss);
    if (v.status !== 'fail' || !v.failure.element) throw new Error(`expected a value failure, got ${v.status}`);
    return explain(g.request, v.failure.element)?.note;
  }

  // special_values, probe squares_underflow, label 1, float32: row 0 is [2^-70, 2^-70, 0] against [2^-70, 0, 2^-70]. The case
  // cites the eps rule; a port that computes G·(y/d − (cos·x)/m) gets 0 at grad.input1[0, 1], because cos·x underflows.
  it("squares_underflow: a port forming cos·input1 first is pointed at cos·input1 = 6.1e-53, not at the eps rule", () => {
    const request: RequestJson = {
      api: 'paddle.nn.functional.cosine_embedding_loss',
      inputs: { input1: t([2 ** -70, 2 ** -70, 0, 576, -576, 864, 928, 992, -576], [3, 3]), input2: t([2 ** -70, 0, 2 ** -70, -512, 576, 928, 576, 864, -672], [3, 3]), label: t([1, 1, -1], [3], 'int64') },
      kwargs: { margin: 0.25, reduction: 'none' },
      grad: ['input1'],
    };
    const grad = (v: number) => t([-8.470329299070656e-11, v, -8.470329299070656e-11, 0.0004073791205883026, -0.00045205940841697156, -0.0005729590775445104, -9.983766358345747e-05, 2.9320421162992716e-05, -0.00011035348870791495], [3, 3]);
    const output = t([1, 0.8777546882629395, 0.724636971950531], [3]);
    const note = noteFor(golden(request, { output, grad: { input1: grad(6.077431439776732e-42) } }), { id: 'x', output, grad: { input1: grad(0) } });
    expect(note).toMatch(/^cause: cos·input1 = 6\.0772e-53 underflows float32 to 0 \(its smallest subnormal is 1\.4013e-45\), yet the gradient term it feeds is 6\.0772e-42: an order that multiplies by cos before dividing by \(Σ input1² \+ eps\) = 1e-11 loses that term, while Paddle forms it as /);
    expect(note).toContain('in the normal range until its last product');
  });

  // dtypes, input1 float32 and input2 float64, reduction 'none', margin 0.5 (Paddle 3.3.1: [0.9932736947657865, 0.5,
  // 0.9804597575654221], float64). A port that takes ‖input1‖ = sqrt(558080) in float32 gives 0.9932736949861223 for row 0.
  const mixed: RequestJson = {
    api: 'paddle.nn.functional.cosine_embedding_loss',
    inputs: { input1: t([-544, -512, 896, 640, 608, 864], [3, 2]), input2: f64([832, -896, 896, 640, -960, 704], [3, 2]), label: t([1, -1, 1], [3], 'int64') },
    kwargs: { margin: 0.5, reduction: 'none' },
  };

  it('float32 input1 against float64 input2: a float32 norm of input1 is pointed at Σ input1² + eps in float32, not only at promotion', () => {
    const note = noteFor(golden(mixed, { output: f64([0.9932736947657865, 0.5, 0.9804597575654221], [3]) }), { id: 'x', output: f64([0.9932736949861223, 0.5, 0.9804597575654221], [3]) });
    expect(note).toMatch(/^cause: input1 is float32 and input2 float64: Paddle squares and sums input1 and adds eps in float32 \(Σ input1² \+ eps = 558080\)/);
    expect(note).toContain('one float32 rounding of the cosine');
  });

  // Paddle 3.3.1, float32, margin 0, label [-1, 1]: row 0's product 1.1e-21 · 1.3e-21 = 1.43e-42 is subnormal.
  it('a subnormal product x·y: a port that flushes it to 0 (loss 0 for 1.43e-31) is pointed at that product', () => {
    const request: RequestJson = {
      api: 'paddle.nn.functional.cosine_embedding_loss',
      inputs: { input1: t([1.0999999650920748e-21, 0, 0, 1, 2, 3], [2, 3]), input2: t([1.2999999587451793e-21, 0, 0, 3, 2, 1], [2, 3]), label: t([-1, 1], [2], 'int64') },
      kwargs: { margin: 0, reduction: 'none' },
    };
    const note = noteFor(golden(request, { output: t([1.429324488368228e-31, 0.2857142686843872], [2]) }), { id: 'x', output: t([0, 0.2857142686843872], [2]) });
    expect(note).toMatch(/^cause: input1·input2 at \[0, 0\] = 1\.43e-42 lies below float32's smallest normal 1\.1755e-38: every port rounds it to a multiple of 1\.4013e-45 \(one that flushes it to 0 loses it\)/);
  });

  // special_values, probe squares_overflow, label 1, float32: (2^70)² overflows, so Paddle's cos is 0 and the loss 1; a
  // port that scales the row before squaring gets cos 1, loss 0.
  it('squares_overflow: a port whose norm does not overflow is pointed at input1[0, 0]² overflowing float32', () => {
    const request: RequestJson = {
      api: 'paddle.nn.functional.cosine_embedding_loss',
      inputs: { input1: t([2 ** 70, 0, 0, 928, -800, -704, -832, -672, 896], [3, 3]), input2: t([1, 0, 0, -928, -736, -960, -928, -640, 928], [3, 3]), label: t([1, 1, -1], [3], 'int64') },
      kwargs: { margin: 0.25, reduction: 'none' },
    };
    const note = noteFor(golden(request, { output: t([1, 0.8127309679985046, 0.7482695579528809], [3]) }), { id: 'x', output: t([0, 0.8127309679985046, 0.7482695579528809], [3]) });
    expect(note).toMatch(/^cause: input1\[0, 0\] = 1\.1806e\+21: its square overflows float32 \(largest 3\.4028e\+38\), so Σ input1² \+ eps is inf and Paddle's cos is dot\/inf/);
  });

  it('names none of those where the difference is another fault: the labels flipped on squares_overflow (0.25 off, not the loss of the exact cosine)', () => {
    const request: RequestJson = {
      api: 'paddle.nn.functional.cosine_embedding_loss',
      inputs: { input1: t([2 ** 70, 0, 0, 928, -800, -704, -832, -672, 896], [3, 3]), input2: t([1, 0, 0, -928, -736, -960, -928, -640, 928], [3, 3]), label: t([1, 1, -1], [3], 'int64') },
      kwargs: { margin: 0.25, reduction: 'none' },
    };
    // Under label -1 the row's loss would be clip(0 - 0.25, 0) = 0; 0.75 is neither that nor 1 - cos of the exact cosine (0).
    expect(noteFor(golden(request, { output: t([1, 0.8127309679985046, 0.7482695579528809], [3]) }), { id: 'x', output: t([0.75, 0.8127309679985046, 0.7482695579528809], [3]) })).not.toContain('cause:');
  });

  it('names no cause where every intermediate is a normal value of the dtype', () => {
    expect(explain(twoRows, element('grad.input1', 1))!.note).not.toContain('cause:');
  });
});
