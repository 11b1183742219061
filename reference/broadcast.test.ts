/**
 * Paddle's broadcasting of two shapes (phi common_shape.h), which the loss
 * uses to align label with input and with the [1]-shaped `zero_`.
 */
import { describe, expect, it } from 'vitest';
import { broadcastIndex, broadcastShapes, sameShape } from './broadcast.js';
import { PaddleValueError } from './errors.js';

describe('broadcastShapes', () => {
  it.each([
    { id: '[] with []', x: [], y: [], out: [] },
    { id: '[] with [1]', x: [], y: [1], out: [1] },
    { id: '[2,1] with [2,3]', x: [2, 1], y: [2, 3], out: [2, 3] },
    { id: '[3] with [2,1]', x: [3], y: [2, 1], out: [2, 3] },
    { id: '[0,3] with [1]', x: [0, 3], y: [1], out: [0, 3] },
    { id: '[3,0,2] with [0,1]', x: [3, 0, 2], y: [0, 1], out: [3, 0, 2] },
  ])('$id gives $out', ({ x, y, out }) => {
    expect(broadcastShapes(x, y)).toEqual(out);
  });

  it.each([
    { id: '[3] with [2]', x: [3], y: [2] },
    { id: '[0] with [2] (0 meets only 0 or 1)', x: [0], y: [2] },
  ])('$id raises ValueError', ({ x, y }) => {
    expect(() => broadcastShapes(x, y)).toThrow(PaddleValueError);
  });
});

describe('broadcastIndex', () => {
  it('[2,1] read as [2,3] repeats each row value', () => {
    expect(Array.from(broadcastIndex([2, 1], [2, 3]))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('[3] read as [2,3] repeats the row', () => {
    expect(Array.from(broadcastIndex([3], [2, 3]))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('[] read as [1] is index 0', () => {
    expect(Array.from(broadcastIndex([], [1]))).toEqual([0]);
  });

  it('a zero-size output has no indices', () => {
    expect(broadcastIndex([0, 3], [0, 3]).length).toBe(0);
  });
});

describe('sameShape', () => {
  it.each([
    { a: [], b: [], same: true },
    { a: [2, 3], b: [2, 3], same: true },
    { a: [1], b: [], same: false },
    { a: [2, 3], b: [3, 2], same: false },
  ])('$a vs $b: $same', ({ a, b, same }) => {
    expect(sameShape(a, b)).toBe(same);
  });
});
