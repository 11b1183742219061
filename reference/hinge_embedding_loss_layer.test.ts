/**
 * paddle.nn.HingeEmbeddingLoss, the layer: it stores margin, reduction and
 * name at construction and agrees with the functional form on every case,
 * results and errors alike.
 */
import { describe, expect, it } from 'vitest';
import { hingeEmbeddingLoss, HingeEmbeddingLoss, PaddleError, tensor, type Tensor } from './index.js';

/** What a call produced, in a form `toEqual` compares with SameValue (so -0 and NaN count). */
type Outcome =
  | { readonly dtype: string; readonly shape: readonly number[]; readonly values: number[] }
  | { readonly error: string; readonly message: string };

function outcome(call: () => Tensor): Outcome {
  try {
    const t = call();
    return { dtype: t.dtype, shape: t.shape, values: Array.from(t.data) };
  } catch (e) {
    if (!(e instanceof PaddleError)) throw e;
    return { error: e.name, message: e.message };
  }
}

interface Case {
  readonly id: string;
  readonly input: Tensor;
  readonly label: Tensor;
  readonly margin: number;
  readonly reduction: string;
}

const doc = { input: tensor([[1, -2, 3], [0, -1, 2], [1, 0, 1]]), label: tensor([[-1, 1, -1], [1, 1, 1], [1, -1, 1]]) };
const below01 = new Float32Array(new Uint32Array([0x3dcccccc]).buffer)[0]!; // one float32 ulp below float32(0.1)
const special = tensor([NaN, Infinity, -Infinity, -0, 0.5, 2]);
const labels = tensor([1, -1, 0, 2, NaN, -0]);

const CASES: Case[] = [
  ...['none', 'mean', 'sum'].map((reduction) => ({ id: `doc-example,reduction=${reduction}`, ...doc, margin: 1.0, reduction })),
  { id: 'margin=0.1,x=0x3dcccccc,reduction=none', input: tensor([below01]), label: tensor([-1]), margin: 0.1, reduction: 'none' },
  ...[1e39, Infinity, -Infinity, NaN, 0, -2.5].map((margin) => ({
    id: `special-values,margin=${margin},reduction=none`,
    input: special,
    label: tensor([-1, -1, -1, 1, -1, -1]),
    margin,
    reduction: 'none',
  })),
  { id: 'labels,reduction=none', input: tensor([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]), label: labels, margin: 1.0, reduction: 'none' },
  { id: 'dtype=float64,reduction=mean', input: tensor([0.1, 3], { dtype: 'float64' }), label: tensor([-1, 1], { dtype: 'float64' }), margin: 0.1, reduction: 'mean' },
  { id: 'label-dtype=bool,reduction=sum', input: tensor([0.5, 3]), label: tensor([1, 0], { dtype: 'bool' }), margin: 1.0, reduction: 'sum' },
  { id: 'broadcast,reduction=mean', input: tensor([[0.5], [2]]), label: tensor([[-1, -1, 1], [-1, 1, 1]]), margin: 1.0, reduction: 'mean' },
  ...['none', 'mean', 'sum'].map((reduction) => ({ id: `0-D,reduction=${reduction}`, input: tensor(0.5), label: tensor(-1), margin: 1.0, reduction })),
  ...['none', 'mean', 'sum'].map((reduction) => ({
    id: `zero-size=[3,0,2],reduction=${reduction}`,
    input: tensor([], { shape: [3, 0, 2] }),
    label: tensor([], { shape: [3, 0, 2] }),
    margin: 1.0,
    reduction,
  })),
  { id: 'error:reduction=reduce_mean', ...doc, margin: 1.0, reduction: 'reduce_mean' },
  { id: 'error:unbroadcastable', input: tensor([1, 2, 3]), label: tensor([1, -1]), margin: 1.0, reduction: 'mean' },
  { id: 'error:dtype=float16', input: tensor([1], { dtype: 'float16' }), label: tensor([1]), margin: 1.0, reduction: 'mean' },
  { id: 'error:dtype=int64', input: tensor([1], { dtype: 'int64' }), label: tensor([1]), margin: 1.0, reduction: 'mean' },
];

describe('the layer agrees with the functional form', () => {
  it.each(CASES)('$id: new HingeEmbeddingLoss(margin, reduction).forward', ({ input, label, margin, reduction }) => {
    const functional = outcome(() => hingeEmbeddingLoss(input, label, margin, reduction));
    expect(outcome(() => new HingeEmbeddingLoss(margin, reduction).forward(input, label))).toEqual(functional);
  });

  it.each(CASES)('$id: new HingeEmbeddingLoss({ margin, reduction }).forward', ({ input, label, margin, reduction }) => {
    const functional = outcome(() => hingeEmbeddingLoss(input, label, margin, reduction));
    expect(outcome(() => new HingeEmbeddingLoss({ margin, reduction }).forward(input, label))).toEqual(functional);
  });

  it.each(CASES)('$id: hingeEmbeddingLoss(input, label, { margin, reduction })', ({ input, label, margin, reduction }) => {
    const functional = outcome(() => hingeEmbeddingLoss(input, label, margin, reduction));
    expect(outcome(() => hingeEmbeddingLoss(input, label, { margin, reduction }))).toEqual(functional);
  });
});

describe('construction', () => {
  it("defaults to margin 1.0 and reduction 'mean'", () => {
    const layer = new HingeEmbeddingLoss();
    expect(layer.margin).toBe(1.0);
    expect(layer.reduction).toBe('mean');
    expect(layer.name).toBeUndefined();
  });

  it('stores its positional arguments', () => {
    const layer = new HingeEmbeddingLoss(0.5, 'sum', 'loss');
    expect([layer.margin, layer.reduction, layer.name]).toEqual([0.5, 'sum', 'loss']);
  });

  it('stores its options-object arguments, defaulting the missing ones', () => {
    const layer = new HingeEmbeddingLoss({ reduction: 'none' });
    expect([layer.margin, layer.reduction]).toEqual([1.0, 'none']);
  });

  it('the default layer on the doc example gives float32(2/9)', () => {
    const out = new HingeEmbeddingLoss().forward(doc.input, doc.label);
    expect(Object.is(out.at(0), 0.2222222238779068)).toBe(true);
  });
});
