/**
 * The fuzzer's requests of ctc_loss (FuzzHints.requests): both forms, logits [T, N, C] of float32 or float64 with
 * values up to ±200 (probabilities below the clip), finite only (a NaN's sign and payload follow the compiled order of
 * warp-ctc's log_plus, which is not read: the goldens' extremes/logits=nan_inf holds one), labels in [0, C) with repeats and the
 * blank itself, input lengths in [1, T] and label lengths in [0, Lmax] (one at least nonzero), every blank, reduction,
 * norm_by_times and zero_infinity, gradients under an upstream, and now and then a refusal. Paddle's undefined inputs are never drawn: an input
 * length of 0 or above T (warp-ctc writes outside its buffers), labels outside [0, C), all label lengths 0 (SIGFPE).
 */
import fc from 'fast-check';
import type { RequestJson } from '../../case.js';
import { encodeTensor, fromValues, type WireDType } from '../../wire.js';

const value = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, -120, 100) },
);

/** Requests with at most `maxNumel` logits. */
export function ctcRequests(functional: string, layer: string): (options: { maxNumel: number }) => fc.Arbitrary<RequestJson> {
  return ({ maxNumel }) => fc.record({
    dtype: fc.constantFrom<WireDType>('float32', 'float64'),
    t: fc.integer({ min: 1, max: 8 }), n: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 1, max: 6 }), lmax: fc.integer({ min: 1, max: 4 }),
    pool: fc.array(value, { minLength: 1, maxLength: 48 }),
    units: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 24, maxLength: 24 }),
    blank: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    reduction: fc.constantFrom('mean', 'sum', 'none'), norm: fc.boolean(), zero: fc.boolean(), layer: fc.boolean(), grad: fc.constantFrom(0, 1, 2),
    fault: fc.oneof({ weight: 24, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 5 }) }),
  }).map((d) => {
    const t = Math.max(1, Math.min(d.t, Math.floor(maxNumel / (d.n * d.c)) || 1));
    const u = (k: number, m: number) => Math.floor(d.units[k % d.units.length]! * m);
    const logits = Array.from({ length: t * d.n * d.c }, (_, k) => d.pool[k % d.pool.length]!);
    const inputs: RequestJson['inputs'] = {
      log_probs: encodeTensor(fromValues(d.dtype, [t, d.n, d.c], d.dtype === 'float32' ? logits.map(Math.fround) : logits)),
      labels: encodeTensor(fromValues('int32', [d.n, d.lmax], Array.from({ length: d.n * d.lmax }, (_, k) => u(k + 3, d.c)))),
      input_lengths: encodeTensor(fromValues('int64', [d.n], Array.from({ length: d.n }, (_, b) => 1 + u(b + 11, t)))),
      label_lengths: encodeTensor(fromValues('int64', [d.n], Array.from({ length: d.n }, (_, b) => (b === 0 ? 1 + u(b + 17, d.lmax) : u(b + 17, d.lmax + 1))))),
    };
    // Now and then one refusal: int64 labels, a bad reduction, 0-D or empty log_probs, a blank of C.
    if (d.fault === 1) inputs.labels = encodeTensor(fromValues('int64', [d.n, d.lmax], Array(d.n * d.lmax).fill(0)));
    if (d.fault === 3 || d.fault === 4) inputs.log_probs = encodeTensor(fromValues(d.dtype, d.fault === 3 ? [] : [0, d.n, d.c], d.fault === 3 ? [0.5] : []));
    const args = { blank: { int: d.fault === 5 ? d.c : Math.floor(d.blank * d.c) }, reduction: d.fault === 2 ? 'bad' : d.reduction, zero_infinity: d.zero, ...(!d.layer && { norm_by_times: d.norm }) };
    const grad = d.grad > 0 ? { grad: ['log_probs'], ...(d.grad === 2 && { grad_output: encodeTensor(fromValues(d.dtype, d.reduction === 'none' ? [d.n] : [], Array.from({ length: d.reduction === 'none' ? d.n : 1 }, (_, k) => [0.5, -2, 3][k % 3]!))) }) } : {};
    return { api: d.layer ? layer : functional, inputs, [d.layer ? 'init' : 'kwargs']: args, ...grad } as RequestJson;
  });
}
