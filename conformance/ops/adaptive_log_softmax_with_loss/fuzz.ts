/**
 * The fuzzer's requests of adaptive_log_softmax_with_loss (FuzzHints.requests): the functional form with
 * cutoffs that rise, each cluster's [projection, output] pair chained to the input's features, labels mostly
 * in range (now and then past the last cutoff or negative), values up to ±200 (logits past the log-softmax's
 * clip), with or without head_bias, and gradients through either output. Finite values only: which NaN MKL's
 * gemm passes on (its sign) is not read, so a NaN is compared by the goldens' value (clip/nan_and_inf_input).
 */
import fc from 'fast-check';
import type { RequestJson } from '../../case.js';
import { encodeTensor, fromValues, type WireDType } from '../../wire.js';

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5) },
  { weight: 1, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }) },
);

/** Requests of the functional form with at most `maxNumel` elements in the input. */
export function adaptiveRequests(functional: string): (options: { maxNumel: number }) => fc.Arbitrary<RequestJson> {
  return ({ maxNumel }) => fc.record({
    dtype: fc.constantFrom<WireDType>('float32', 'float64'),
    n: fc.integer({ min: 0, max: Math.min(6, maxNumel) }),
    f: fc.integer({ min: 1, max: 6 }),
    shortlist: fc.integer({ min: 1, max: 3 }),
    clusters: fc.array(fc.record({ size: fc.integer({ min: 1, max: 3 }), hidden: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2 }),
    extraHead: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }),
    bias: fc.boolean(),
    pool: fc.array(value, { minLength: 1, maxLength: 64 }),
    labels: fc.array(fc.oneof({ weight: 12, arbitrary: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 2) }), { minLength: 6, maxLength: 6 }),
    grad: fc.oneof(fc.constant(0), fc.constant(1), fc.constant(2), fc.constant(3)),
    unbatched: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  }).map((d) => {
    // A 0-D label takes a 1-D input: one unbatched row.
    const [rows, inputShape, labelShape] = d.unbatched ? [1, [d.f], []] : [d.n, [d.n, d.f], [d.n]];
    const cutoffs = d.clusters.reduce((c, k) => [...c, c[c.length - 1]! + k.size], [d.shortlist]);
    const classes = cutoffs[cutoffs.length - 1]!;
    let k = 0;
    const t = (shape: number[]) => {
      const count = shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: count }, () => d.pool[k++ % d.pool.length]!);
      return encodeTensor(fromValues(d.dtype, shape, d.dtype === 'float32' ? values.map(Math.fround) : values));
    };
    const inputs: RequestJson['inputs'] = {
      input: t(inputShape),
      label: encodeTensor(fromValues('int64', labelShape, d.labels.slice(0, rows).map((u) => (u >= 1 || u < 0 ? (u < 0 ? -1 : classes) : Math.floor(u * classes))))),
      head_weight: t([d.f, d.shortlist + d.clusters.length + d.extraHead]),
    };
    d.clusters.forEach((c, i) => {
      inputs[`tail_weights.${i}.0`] = t([d.f, c.hidden]);
      inputs[`tail_weights.${i}.1`] = t([c.hidden, c.size]);
    });
    if (d.bias) inputs.head_bias = t([d.shortlist + d.clusters.length + d.extraHead]);
    const grad = d.grad === 0 ? undefined : Object.keys(inputs).filter((name) => name !== 'label');
    const upstream = d.grad === 2 ? [t(labelShape), null] : d.grad === 3 ? [null, t([])] : undefined;
    return { api: functional, inputs, kwargs: { cutoffs: cutoffs as never }, ...(grad && { grad }), ...(grad && upstream && { grad_output: upstream as never }) };
  });
}
