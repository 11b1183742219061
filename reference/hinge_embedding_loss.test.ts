/**
 * The functional form, paddle.nn.functional.hinge_embedding_loss: the
 * documentation page's example, float32 rounding, edge margins, zero-size and
 * 0-D inputs, and labels. Every expected value is a literal confirmed against
 * Paddle 3.3.1 on CPU.
 */
import { describe, expect, it } from 'vitest';
import { values } from './test_support.js';
import { hingeEmbeddingLoss, tensor, type DTypeName } from './index.js';

/** The float32 whose IEEE-754 bit pattern is `bits`. */
function float32FromBits(bits: number): number {
  return new Float32Array(new Uint32Array([bits]).buffer)[0]!;
}

/** The IEEE-754 bit pattern of the float32 nearest to `x`. */
function bitsOfFloat32(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0]!;
}

describe('the documentation page example (float32)', () => {
  // paddle.nn.HingeEmbeddingLoss doc page, "代码示例".
  const input = tensor([[1, -2, 3], [0, -1, 2], [1, 0, 1]]);
  const label = tensor([[-1, 1, -1], [1, 1, 1], [1, -1, 1]]);

  it("reduction='none' gives [[0,-2,0],[0,-1,2],[1,1,1]] with the input's shape and dtype", () => {
    const out = hingeEmbeddingLoss(input, label, 1.0, 'none');
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([3, 3]);
    expect(out.toNested()).toEqual([[0, -2, 0], [0, -1, 2], [1, 1, 1]]);
  });

  it("reduction='mean' (the default) gives float32(2/9) = 0x3e638e39, a 0-D tensor", () => {
    const out = hingeEmbeddingLoss(input, label);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([]);
    expect(Object.is(out.at(0), 0.2222222238779068)).toBe(true);
    expect(bitsOfFloat32(out.at(0))).toBe(0x3e638e39);
  });

  it("reduction='sum' gives 2", () => {
    const out = hingeEmbeddingLoss(input, label, 1.0, 'sum');
    expect(out.shape).toEqual([]);
    expect(values(out)).toEqual([2]);
  });

  it('the options-object form gives the same as the positional form', () => {
    expect(values(hingeEmbeddingLoss(input, label, { reduction: 'none' }))).toEqual(
      values(hingeEmbeddingLoss(input, label, 1.0, 'none')),
    );
  });
});

describe('float32 rounding: margin 0.1, label -1, x at float32(0.1) and one ulp either side', () => {
  // float32(0.1) = 0x3dcccccd = 0.10000000149011612; the margin rounds to this same value.
  const center = bitsOfFloat32(0.1);
  it.each([
    // 0x3dcccccc = 0.09999999403953552. fround(fround(0.1) - x) = 2^-27 exactly (the difference is one ulp of 0.1
    // and representable). A float64-then-round computation, fround(0.1 - x), gives 5.9604645e-9 here instead.
    { id: 'one ulp below (0x3dcccccc)', bits: center - 1, expected: 7.450580596923828e-9 },
    // 0x3dcccccd: margin - x = 0 exactly; relu(0) = 0.
    { id: 'float32(0.1) itself (0x3dcccccd)', bits: center, expected: 0 },
    // 0x3dccccce = 0.10000000894069672: margin - x = -2^-27 < 0; relu gives 0.
    { id: 'one ulp above (0x3dccccce)', bits: center + 1, expected: 0 },
  ])('$id', ({ bits, expected }) => {
    const out = hingeEmbeddingLoss(tensor([float32FromBits(bits)]), tensor([-1]), 0.1, 'none');
    expect(values(out)).toEqual([expected]);
  });

  it('the probe one ulp below is 2^-27 and not the float64-then-round value 5.9604645e-9', () => {
    const out = hingeEmbeddingLoss(tensor([float32FromBits(0x3dcccccc)]), tensor([-1]), 0.1, 'none');
    expect(out.at(0)).toBe(2 ** -27);
    expect(out.at(0)).not.toBe(Math.fround(5.9604645e-9));
  });

  it('float64 input keeps the margin in float64: x = 0.1, margin 0.1 gives 0', () => {
    const out = hingeEmbeddingLoss(tensor([0.1], { dtype: 'float64' }), tensor([-1], { dtype: 'float64' }), 0.1, 'none');
    expect(values(out)).toEqual([0]);
  });
});

describe('edge margins (label -1; input [0.5, 2, 1e30] or [inf, -inf, NaN])', () => {
  const finite = [0.5, 2, 1e30];
  const special = [Infinity, -Infinity, NaN];
  it.each([
    // 1e39 exceeds float32's max (3.4028235e38): it rounds to +inf, and inf - x = inf for finite x.
    { id: 'margin=1e39,dtype=float32,x=finite', margin: 1e39, dtype: 'float32', x: finite, expected: [Infinity, Infinity, Infinity] },
    // inf - inf = NaN -> relu gives 0; inf - (-inf) = inf; inf - NaN = NaN -> 0.
    { id: 'margin=1e39,dtype=float32,x=special', margin: 1e39, dtype: 'float32', x: special, expected: [0, Infinity, 0] },
    // In float64 1e39 is finite; 1e39 - 1e30 = 9.99999999e38.
    { id: 'margin=1e39,dtype=float64,x=finite', margin: 1e39, dtype: 'float64', x: finite, expected: [1e39, 1e39, 9.99999999e38] },
    { id: 'margin=1e39,dtype=float64,x=special', margin: 1e39, dtype: 'float64', x: special, expected: [0, Infinity, 0] },
    { id: 'margin=-1e39,dtype=float32,x=special', margin: -1e39, dtype: 'float32', x: special, expected: [0, 0, 0] },
    // -1e39 - (-inf) = inf in float64, but float32 rounds the margin to -inf first and -inf - (-inf) = NaN -> 0.
    { id: 'margin=-1e39,dtype=float64,x=special', margin: -1e39, dtype: 'float64', x: special, expected: [0, Infinity, 0] },
    { id: 'margin=Infinity,dtype=float32,x=finite', margin: Infinity, dtype: 'float32', x: finite, expected: [Infinity, Infinity, Infinity] },
    { id: 'margin=Infinity,dtype=float64,x=special', margin: Infinity, dtype: 'float64', x: special, expected: [0, Infinity, 0] },
    { id: 'margin=-Infinity,dtype=float32,x=finite', margin: -Infinity, dtype: 'float32', x: finite, expected: [0, 0, 0] },
    { id: 'margin=-Infinity,dtype=float64,x=special', margin: -Infinity, dtype: 'float64', x: special, expected: [0, 0, 0] },
    // NaN - x = NaN, and relu(NaN) = 0 on CPU: a NaN margin makes every label -1 term 0, not NaN.
    { id: 'margin=NaN,dtype=float32,x=finite', margin: NaN, dtype: 'float32', x: finite, expected: [0, 0, 0] },
    { id: 'margin=NaN,dtype=float64,x=special', margin: NaN, dtype: 'float64', x: special, expected: [0, 0, 0] },
  ] as { id: string; margin: number; dtype: DTypeName; x: number[]; expected: number[] }[])(
    '$id',
    ({ margin, dtype, x, expected }) => {
      const out = hingeEmbeddingLoss(tensor(x, { dtype }), tensor([-1, -1, -1], { dtype }), margin, 'none');
      expect(out.dtype).toBe(dtype);
      expect(values(out)).toEqual(expected);
    },
  );

  it.each([
    { id: 'margin=3 (an int)', margin: 3, expected: [2.5] },
    { id: 'margin=true (a bool counts as 1)', margin: true as unknown as number, expected: [0.5] },
  ])('$id', ({ margin, expected }) => {
    expect(values(hingeEmbeddingLoss(tensor([0.5]), tensor([-1]), margin, 'none'))).toEqual(expected);
  });
});

describe('zero-size inputs (input zeros, label ones)', () => {
  const shapes = [[0], [0, 3], [3, 0, 2]];
  it.each(shapes.map((shape) => ({ id: `shape=[${shape.join(',')}]`, shape })))(
    "$id, reduction='none' keeps the shape and has no elements",
    ({ shape }) => {
      const out = hingeEmbeddingLoss(tensor([], { shape }), tensor([], { shape }), 1.0, 'none');
      expect(out.shape).toEqual(shape);
      expect(out.size).toBe(0);
    },
  );
  it.each(shapes.map((shape) => ({ id: `shape=[${shape.join(',')}]`, shape })))(
    "$id, reduction='mean' is NaN with shape []",
    ({ shape }) => {
      const out = hingeEmbeddingLoss(tensor([], { shape }), tensor([], { shape }), 1.0, 'mean');
      expect(out.shape).toEqual([]);
      expect(values(out)).toEqual([NaN]);
    },
  );
  it.each(shapes.map((shape) => ({ id: `shape=[${shape.join(',')}]`, shape })))(
    "$id, reduction='sum' is +0 with shape []",
    ({ shape }) => {
      const out = hingeEmbeddingLoss(tensor([], { shape }), tensor([], { shape }), 1.0, 'sum');
      expect(out.shape).toEqual([]);
      expect(Object.is(out.at(0), 0)).toBe(true);
    },
  );
});

describe('0-D inputs (input 0.5, label -1)', () => {
  it.each([
    // zero_ in Paddle's formula has shape [1]; broadcasting with it makes the unreduced loss [1].
    { id: "reduction='none'", reduction: 'none', shape: [1] },
    { id: "reduction='mean'", reduction: 'mean', shape: [] },
    { id: "reduction='sum'", reduction: 'sum', shape: [] },
  ])('$id gives 0.5 with shape $shape', ({ reduction, shape }) => {
    const out = hingeEmbeddingLoss(tensor(0.5), tensor(-1), 1.0, reduction);
    expect(out.shape).toEqual(shape);
    expect(values(out)).toEqual([0.5]);
  });

  it("a 0-D input against a [3] label broadcasts: 'none' gives [0.5, 0.5, 0.5], 'sum' 1.5", () => {
    expect(values(hingeEmbeddingLoss(tensor(0.5), tensor([-1, 1, 1]), 1.0, 'none'))).toEqual([0.5, 0.5, 0.5]);
    expect(values(hingeEmbeddingLoss(tensor(0.5), tensor([-1, 1, 1]), 1.0, 'sum'))).toEqual([1.5]);
  });
});

describe('labels that are neither 1 nor -1 contribute 0 (input 0.5, margin 1)', () => {
  it.each([
    { id: 'label=0', y: 0 },
    { id: 'label=2', y: 2 },
    { id: 'label=0.5', y: 0.5 },
    { id: 'label=-0.5', y: -0.5 },
    { id: 'label=NaN', y: NaN },
    { id: 'label=Infinity', y: Infinity },
    { id: 'label=-Infinity', y: -Infinity },
    // -0.0 compares equal to 0, never to -1.
    { id: 'label=-0.0', y: -0 },
  ])('$id gives +0', ({ y }) => {
    const out = hingeEmbeddingLoss(tensor([0.5]), tensor([y]), 1.0, 'none');
    expect(Object.is(out.at(0), 0)).toBe(true);
  });

  it.each([
    { id: 'label=1 passes x', y: 1, expected: 0.5 },
    { id: 'label=-1 gives margin - x', y: -1, expected: 0.5 },
  ])('control: $id', ({ y, expected }) => {
    expect(values(hingeEmbeddingLoss(tensor([0.5]), tensor([y]), 1.0, 'none'))).toEqual([expected]);
  });
});

describe('label dtypes with float32 input (input [0.5, 0.25, 3])', () => {
  it.each([
    { id: 'label dtype=float64', dtype: 'float64', y: [1, -1, 0], expected: [0.5, 0.75, 0] },
    { id: 'label dtype=int32', dtype: 'int32', y: [1, -1, 0], expected: [0.5, 0.75, 0] },
    { id: 'label dtype=int64', dtype: 'int64', y: [1, -1, 0], expected: [0.5, 0.75, 0] },
    // bool True == 1.0 holds, so True selects x; False is neither 1 nor -1.
    { id: 'label dtype=bool (True counts as 1)', dtype: 'bool', y: [1, 0, 1], expected: [0.5, 0, 3] },
  ] as { id: string; dtype: DTypeName; y: number[]; expected: number[] }[])('$id', ({ dtype, y, expected }) => {
    const out = hingeEmbeddingLoss(tensor([0.5, 0.25, 3]), tensor(y, { dtype }), 1.0, 'none');
    expect(out.dtype).toBe('float32');
    expect(values(out)).toEqual(expected);
  });

  it('a float32 label with float64 input gives a float64 result', () => {
    const out = hingeEmbeddingLoss(tensor([0.5, 0.25, 3], { dtype: 'float64' }), tensor([1, -1, 0]), 1.0, 'none');
    expect(out.dtype).toBe('float64');
    expect(values(out)).toEqual([0.5, 0.75, 0]);
  });
});

describe('signed zeros and NaN inputs', () => {
  it.each([
    { id: 'dtype=float32', dtype: 'float32' },
    { id: 'dtype=float64', dtype: 'float64' },
  ] as { id: string; dtype: DTypeName }[])('input -0.0 with label 1 gives +0 ($id)', ({ dtype }) => {
    const out = hingeEmbeddingLoss(tensor([-0], { dtype }), tensor([1], { dtype }), 1.0, 'none');
    expect(Object.is(out.at(0), 0)).toBe(true);
  });

  it('input NaN with label 1 gives NaN', () => {
    expect(values(hingeEmbeddingLoss(tensor([NaN]), tensor([1]), 1.0, 'none'))).toEqual([NaN]);
  });

  it('input NaN with label -1 gives 0', () => {
    expect(values(hingeEmbeddingLoss(tensor([NaN]), tensor([-1]), 1.0, 'none'))).toEqual([0]);
  });

  it('input exactly at the margin with label -1 gives 0', () => {
    expect(values(hingeEmbeddingLoss(tensor([1]), tensor([-1]), 1.0, 'none'))).toEqual([0]);
  });
});

describe('label broadcasting', () => {
  it('input [[0.5],[2]] against label [[-1,-1,1],[-1,1,1]] gives [[0.5,0.5,0.5],[0,2,2]]', () => {
    const out = hingeEmbeddingLoss(tensor([[0.5], [2]]), tensor([[-1, -1, 1], [-1, 1, 1]]), 1.0, 'none');
    expect(out.shape).toEqual([2, 3]);
    expect(out.toNested()).toEqual([[0.5, 0.5, 0.5], [0, 2, 2]]);
  });
});
