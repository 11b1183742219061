/** The accuracy histogram on literal tensors: buckets, non-finite mismatches, and the largest fraction of a bound. */
import { describe, expect, it } from 'vitest';
import type { GoldenCase } from '../../conformance/case.js';
import { UlpHistogram } from './histogram.js';

const ONE_UP = 1.0000001192092896; // float32 next after 1
const golden = (data: Array<number | string>): GoldenCase => ({
  id: 'soft_margin_loss/test/case',
  group: 'test',
  level: 'paddle',
  tags: [],
  description: 'test',
  request: { api: 'paddle.nn.functional.soft_margin_loss', inputs: { input: { dtype: 'float32', shape: [4], data: [0, 0, 0, 0] }, label: { dtype: 'float32', shape: [4], data: [1, 1, 1, 1] } }, kwargs: { reduction: 'none' } },
  expected: { output: { dtype: 'float32', shape: [data.length], data } },
});

describe('UlpHistogram', () => {
  it('counts equal elements, ulp distances by bucket, and non-finite mismatches', () => {
    const h = new UlpHistogram();
    h.addCase(golden([1, 1, 1, 'Infinity']), { id: 'x', output: { dtype: 'float32', shape: [4], data: [1, ONE_UP, 1.000000238418579, 1] } });
    const row = h.rows.get('output float32')!;
    expect(row.elements).toBe(4);
    expect(row.buckets.slice(0, 3)).toEqual([1, 1, 1]);
    expect(row.nonFinite).toBe(1);
    expect(row.max).toBe(2n);
  });

  it('keeps the largest distance as a fraction of the op\'s bound, and marks a value outside it as Infinity', () => {
    const h = new UlpHistogram();
    // Paddle's log(2) at z = 0 is 0.6931472 (0x3f317218); its bound there is about 6u + 8u·0.69 = 11.5u.
    const ln2 = 0.6931471824645996;
    h.addCase(golden([ln2, ln2, ln2, ln2]), { id: 'x', output: { dtype: 'float32', shape: [4], data: [ln2, ln2, ln2, 0.6931471228599548] } });
    expect(h.worst!.ratio).toBeGreaterThan(0.05);
    expect(h.worst!.ratio).toBeLessThan(0.2);
    h.addCase(golden([ln2, ln2, ln2, ln2]), { id: 'x', output: { dtype: 'float32', shape: [4], data: [ln2, ln2, ln2, 0.7] } });
    expect(h.worst!.ratio).toBe(Infinity);
    expect(h.format('t')).toContain('largest distance as a fraction of the bound: Infinity');
  });
});
