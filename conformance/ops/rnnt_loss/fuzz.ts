/**
 * The fuzzer's requests of rnnt_loss (FuzzHints.requests): shapes [B, Tmax, Umax, D] with lengths
 * within them and labels within [0, D) (beyond, the kernel reads outside its buffers: undefined),
 * label rows of Umax − 1 or more columns (rule `rnnt-label-flat-stride`), any blank in [0, D),
 * log-probability-like values, −inf (a probability 0), large magnitudes, and now and then +inf. No NaN
 * input: where an input NaN meets one that ∞ − ∞ made, which survives follows each compiled addition's
 * operand order, not read (the goldens' NaN cases have one NaN source).
 */
import fc from 'fast-check';
import type { KwargJson, RequestJson } from '../../case.js';
import { encodeTensor, fromValues, type WireDType } from '../../wire.js';

const value = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: -6, max: 2, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, -1, -Infinity) },
  { weight: 1, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Infinity) },
);

/** Requests of either form with at most `maxNumel` input elements. */
export function rnntRequests(functional: string, layer: string): (options: { maxNumel: number }) => fc.Arbitrary<RequestJson> {
  return ({ maxNumel }) => fc.record({
    dtype: fc.constantFrom<WireDType>('float32', 'float64'),
    B: fc.integer({ min: 1, max: 3 }), T: fc.integer({ min: 1, max: 5 }), U: fc.integer({ min: 1, max: 4 }), D: fc.integer({ min: 1, max: 5 }),
    extra: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 40, maxLength: 40 }),
    pool: fc.array(value, { minLength: 1, maxLength: 64 }),
    lambda: fc.constantFrom(0, 0.001, 0.5, -1, -1e-50, 3),
    reduction: fc.constantFrom('mean', 'sum', 'none'),
    grad: fc.constantFrom(0, 1, 2),
    layer: fc.boolean(),
    odd: fc.oneof({ weight: 20, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constantFrom('0-D input', 'empty label', 'T = 0') }),
  }).map((d) => {
    const D = Math.max(1, Math.min(d.D, Math.floor(maxNumel / (d.B * d.T * d.U)) || 1));
    const pick = (k: number, n: number) => Math.floor(d.fractions[k % 40]! * n);
    const blank = pick(0, D);
    const cols = Math.max(1, d.U - 1 + d.extra);
    let k = 0;
    const input = Array.from({ length: d.B * d.T * d.U * D }, () => d.pool[k++ % d.pool.length]!);
    const il = Array.from({ length: d.B }, (_, b) => 1 + pick(b + 1, d.T));
    const ll = Array.from({ length: d.B }, (_, b) => pick(b + 5, d.U));
    // Labels within [0, D), enough of them for every example's flat offset b·(Umax − 1).
    const label = Array.from({ length: d.B * cols }, (_, i) => pick(i + 9, D));
    const inputs: RequestJson['inputs'] = {
      input: encodeTensor(fromValues(d.dtype, [d.B, d.T, d.U, D], d.dtype === 'float32' ? input.map(Math.fround) : input)),
      label: encodeTensor(fromValues('int32', [d.B, cols], label)),
      input_lengths: encodeTensor(fromValues('int32', [d.B], il)),
      label_lengths: encodeTensor(fromValues('int32', [d.B], ll)),
    };
    // Now and then a refusal: a 0-D input (IndexError), an empty label (RuntimeError), no frames (ValueError).
    if (d.odd === '0-D input') inputs.input = encodeTensor(fromValues(d.dtype, [], [-1]));
    if (d.odd === 'empty label') inputs.label = encodeTensor(fromValues('int32', [d.B, 0], []));
    if (d.odd === 'T = 0') inputs.input = encodeTensor(fromValues(d.dtype, [d.B, 0, d.U, D], []));
    const args: Record<string, KwargJson> = { blank, fastemit_lambda: d.lambda, reduction: d.reduction };
    const shape = d.reduction === 'none' ? [d.B] : [];
    const upstream = d.grad === 2 ? encodeTensor(fromValues(d.dtype, shape, shape.length ? il.map((n) => n - 2.5) : [-0.75])) : undefined;
    return {
      api: d.layer ? layer : functional, inputs, ...(d.layer ? { init: args } : { kwargs: args }),
      ...(d.grad > 0 && { grad: ['input'] }), ...(upstream && d.odd === 'none' && { grad_output: upstream }),
    };
  });
}
