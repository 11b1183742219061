/**
 * The fuzzer's requests of hsigmoid_loss (FuzzHints.requests): the default tree over 2 to 12 classes or a custom
 * one (paths of 1 to 4 nodes, padded with −1, codes 0, 1 and now and then 2), bias given or not, values up to ±60
 * (pre-activations past the clip), gradients with or without an upstream; is_sparse only without a gradient; now and
 * then an argument Paddle refuses (num_classes 1, an int32 label, a float64 weight, one label too many) or a 0-D bias
 * of the one node of 2 classes.
 */
import fc from 'fast-check';
import type { RequestJson } from '../../case.js';
import { codeTable, type Tensor } from '../../../reference/index.js';
import { toReference } from '../../reference_bridge.js';
import { decodeTensor, encodeTensor, fromValues, type WireDType } from '../../wire.js';

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-3 ? v * 1e3 : v)) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5) },
  { weight: 2, arbitrary: fc.double({ min: -60, max: 60, noNaN: true }) },
);

/** Requests of the functional form with at most `maxNumel` elements in the input. */
export function hsigmoidRequests(functional: string): (options: { maxNumel: number }) => fc.Arbitrary<RequestJson> {
  return ({ maxNumel }) => fc.record({
    dtype: fc.constantFrom<WireDType>('float32', 'float64'),
    n: fc.integer({ min: 0, max: Math.min(6, maxNumel) }),
    f: fc.integer({ min: 1, max: 6 }),
    classes: fc.integer({ min: 2, max: 12 }),
    custom: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    width: fc.integer({ min: 1, max: 4 }),
    units: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 48, maxLength: 48 }),
    bias: fc.boolean(),
    flatLabel: fc.boolean(),
    sparse: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    pool: fc.array(value, { minLength: 1, maxLength: 64 }),
    grad: fc.constantFrom(0, 1, 2),
    odd: fc.oneof({ weight: 8, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constantFrom('classes_1', 'label_int32', 'weight_float64', 'extra_label', 'bias_0d') }),
  }).map((d) => {
    if (d.odd === 'bias_0d') Object.assign(d, { classes: 2, custom: false, bias: true });
    let k = 0;
    const unit = (): number => d.units[k++ % d.units.length]!;
    let p = 0;
    const t = (shape: number[]) => {
      const count = shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: count }, () => d.pool[p++ % d.pool.length]!);
      return encodeTensor(fromValues(d.dtype, shape, d.dtype === 'float32' ? values.map(Math.fround) : values));
    };
    const rows = d.custom ? d.classes : d.classes - 1;
    const f = Math.min(d.f, Math.floor(maxNumel / Math.max(rows, d.n, 1)));
    const labels = d.n + (d.odd === 'extra_label' ? 1 : 0);
    const inputs: RequestJson['inputs'] = {
      input: t([d.n, f]),
      label: encodeTensor(fromValues(d.odd === 'label_int32' ? 'int32' : 'int64', d.flatLabel ? [labels] : [labels, 1], Array.from({ length: labels }, () => Math.floor(unit() * d.classes)))),
      weight: d.odd === 'weight_float64' ? encodeTensor(fromValues('float64', [rows, f], Array<number>(rows * f).fill(0.5))) : t([rows, f]),
    };
    if (d.bias) inputs.bias = t(d.odd === 'bias_0d' ? [] : [rows, 1]);
    if (d.custom) {
      const table: number[] = [], code: number[] = [];
      for (let i = 0; i < d.n; i++) {
        const length = 1 + Math.floor(unit() * d.width);
        for (let j = 0; j < d.width; j++) {
          table.push(j < length ? Math.floor(unit() * rows) : -1);
          code.push(j < length ? (unit() < 0.05 ? 2 : Math.floor(unit() * 2)) : -1);
        }
      }
      inputs.path_table = encodeTensor(fromValues('int64', [d.n, d.width], table));
      inputs.path_code = encodeTensor(fromValues('int64', [d.n, d.width], code));
    }
    const grad = d.grad === 0 || d.sparse ? undefined : ['input', 'weight', ...(d.bias ? ['bias'] : [])];
    const upstream = d.grad === 2 ? t([d.n, 1]) : undefined;
    return {
      api: functional, inputs, kwargs: { num_classes: { int: d.odd === 'classes_1' ? 1 : d.classes }, ...(d.sparse && { is_sparse: true }) },
      ...(grad && { grad }), ...(grad && upstream && { grad_output: upstream }),
    };
  });
}

/**
 * Requests whose answer is undefined in Paddle: a node index past weight's or bias's rows (the kernel reads other
 * memory), a path_table without its path_code or of other shapes, fewer labels than rows, is_sparse with a
 * gradient (SIGSEGV).
 */
export function hsigmoidUndefined(request: RequestJson): boolean {
  try {
    const t = (name: string): Tensor | undefined => {
      const json = request.inputs[name];
      if (json === undefined) return undefined;
      return toReference(decodeTensor(json));
    };
    const [x, label, weight, bias, table, code] = ['input', 'label', 'weight', 'bias', 'path_table', 'path_code'].map(t);
    const sparse = (request.kwargs ?? {}).is_sparse;
    if (request.grad !== undefined && sparse !== undefined && sparse !== false && sparse !== null) return true;
    if (!x || !label || !weight || x.shape.length !== 2 || weight.shape.length !== 2 || weight.shape[1] !== x.shape[1]) return true;
    if ((table === undefined) !== (code === undefined) || (table && code && (table.shape.join() !== code.shape.join() || table.shape.length !== 2 || (table.shape[0] ?? 0) < x.shape[0]!))) return true;
    if (label.size < x.shape[0]!) return true;
    const c = (request.kwargs ?? {}).num_classes;
    const classes = typeof c === 'object' && c !== null && 'int' in c ? Number(c.int) : Number(c);
    if (!Number.isInteger(classes) || classes < 2) return false;
    const nodes = codeTable(label, x.shape[0]!, classes, table, code).nodes.flat();
    return nodes.some((v) => v < 0 || v >= weight.shape[0]! || (bias !== undefined && v >= bias.size));
  } catch {
    return false;
  }
}
