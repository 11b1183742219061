/**
 * The minimal tensor: construction from nested arrays, flat data with a shape
 * and typed arrays; 0-D and zero-size shapes; rounding to the dtype. Errors of
 * construction are in errors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { full, numel, isTensor, Tensor, tensor } from './index.js';

describe('tensor()', () => {
  it('infers the shape from nesting and defaults to float32', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([2, 3]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a bare number is a 0-D tensor with one element', () => {
    const t = tensor(2.5);
    expect(t.shape).toEqual([]);
    expect(t.size).toBe(1);
    expect(t.toNested()).toBe(2.5);
  });

  it('an empty array is shape [0]', () => {
    expect(tensor([]).shape).toEqual([0]);
  });

  it.each([{ shape: [0] }, { shape: [0, 3] }, { shape: [3, 0, 2] }])('an explicit zero-size shape $shape holds no data', ({ shape }) => {
    const t = tensor([], { shape });
    expect(t.shape).toEqual(shape);
    expect(t.size).toBe(0);
  });

  it('reshapes flat data to an explicit shape, row-major', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], { shape: [3, 2] }).toNested()).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('takes a typed array as flat data of shape [n]', () => {
    const t = tensor(new Float64Array([0.5, -0]), { dtype: 'float64' });
    expect(t.shape).toEqual([2]);
    expect(Array.from(t.data)).toEqual([0.5, -0]);
  });

  it('rounds values to the dtype: 0.1 in float32 is 0x3dcccccd = 0.10000000149011612', () => {
    expect(tensor([0.1]).at(0)).toBe(0.10000000149011612);
    expect(tensor([0.1], { dtype: 'float64' }).at(0)).toBe(0.1);
  });

  it('keeps -0, NaN and infinities', () => {
    expect(Array.from(tensor([-0, NaN, Infinity, -Infinity]).data)).toEqual([-0, NaN, Infinity, -Infinity]);
  });

  it('stores booleans as 1 and 0', () => {
    expect(Array.from(tensor([true, false], { dtype: 'bool' }).data)).toEqual([1, 0]);
  });

  it('freezes the shape it was given', () => {
    const shape = [2];
    const t = tensor([1, 2], { shape });
    shape[0] = 5;
    expect(t.shape).toEqual([2]);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });
});

describe('Tensor', () => {
  it('wraps existing storage without copying', () => {
    const data = new Float32Array([1, 2]);
    expect(new Tensor('float32', [2], data).data).toBe(data);
  });

  it('toNested nests a 3-D tensor', () => {
    expect(tensor([1, 2, 3, 4, 5, 6, 7, 8], { shape: [2, 2, 2] }).toNested()).toEqual([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  });

  it('isTensor tells tensors from arrays', () => {
    expect(isTensor(tensor([1]))).toBe(true);
    expect(isTensor([1])).toBe(false);
  });
});

describe('full and numel', () => {
  it('full fills a shape with one value in the dtype', () => {
    const t = full([2, 2], 0.1, 'float64');
    expect(t.dtype).toBe('float64');
    expect(Array.from(t.data)).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it.each([
    { shape: [], n: 1 },
    { shape: [0], n: 0 },
    { shape: [3, 0, 2], n: 0 },
    { shape: [2, 3, 4], n: 24 },
  ])('numel($shape) = $n', ({ shape, n }) => {
    expect(numel(shape)).toBe(n);
  });
});
