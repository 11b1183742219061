/**
 * binary_cross_entropy's groups: the standard plan of an input-label loss (scripts/case_plan/standard_loss.ts)
 * over probabilities (only input has a gradient; every other input is refused), and its own: the domain's
 * edges (the clamp of log at −100, the gradient's floor), inputs outside [0, 1] and labels outside it, the
 * optional weight (absent, same shape, broadcast, widening, bad shape, other dtypes, its gradient, mean's
 * divisor), the dtype pairs and which error comes first.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { opRequest, plannedCase } from '../planned_case.js';
import { standardLossGroups } from '../standard_loss.js';
import { tensor } from '../tensor.js';
import { CLAUSES, OWN_CLAUSES } from './clauses.js';

const FAMILY = 'binary_cross_entropy';
const quote = (...c: string[]): string => c.join(CLAUSE_SEPARATOR);
const f32 = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);
const X = [0.25, 0.5, 0.75, 0.125, 0.875, 0.5];
const Y = [1, 0, 0.5, 0, 1, 0.25];

/**
 * The domain's edges against labels 0, 1 and 0.5, with input's gradient: 0 and 1 (log 0 clamped to −100),
 * −0, the smallest subnormal and 3.7e-44 (logf below −100), 1e-38 (above), 1 − ulp (log(1 − x) = log ulp).
 */
function domainCases(): PlannedCase[] {
  const edges = {
    float32: f32([0, 0x3f800000, 0x80000000, 1, 0x1a, 0x1b, 0x006ce3ee, 0x3f7fffff]),
    float64: [0, 1, -0, 5e-324, 3.7200759e-44, 3.7200761e-44, 1e-300, 1 - 2 ** -53],
  };
  const rows = ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' as const }).combine('label', [0, 1, 0.5]);
  return [...rows].map((p) => {
    const x = edges[p.dtype];
    return plannedCase({
      family: FAMILY, group: 'domain', params: p,
      request: opRequest(FAMILY, { tensors: { input: tensor(p.dtype, [x.length], x), label: tensor(p.dtype, [x.length], Array(x.length).fill(p.label)) }, args: { reduction: 'none' }, grad: ['input'] }),
      description: `${p.dtype} inputs 0, 1, -0, the smallest subnormal, just below and above exp(-100), 1 - ulp against label ${p.label}: log clamped at -100, the gradient's floor 1e-12`,
      rules: ['bce-loss-log-clamped-at-minus-100', 'bce-loss-grad-denominator-floor'], tags: ['zero'],
    });
  });
}

/** Inputs outside [0, 1] (NaN, ±inf, −0.1, 1.1, one bad element last) raise; labels outside it (2, −1, ±inf, NaN of both signs) compute. */
function outOfDomainCases(): PlannedCase[] {
  const inputs = ParamSet.of({ input: 'nan' }, { input: 'minus_0_1' }, { input: '1_1' }, { input: 'inf' }, { input: 'minus_inf' }, { input: 'last_bad' });
  const bad: Record<string, number[]> = { nan: [NaN], minus_0_1: [Math.fround(-0.1)], '1_1': [Math.fround(1.1)], inf: [Infinity], minus_inf: [-Infinity], last_bad: [0.5, 0.25, 0, 1, 1.5] };
  const inputCases = [...inputs].map((p) => {
    const x = bad[p.input]!;
    return plannedCase({
      family: FAMILY, group: 'out_of_domain', params: p,
      request: opRequest(FAMILY, { tensors: { input: tensor('float32', [x.length], x), label: tensor('float32', [x.length], x.map(() => 1)) }, args: { reduction: 'sum' } }),
      description: `input [${x.join(', ')}]: ValueError (Illegal input)`, rules: ['bce-loss-input-in-unit-interval'], tags: ['error'],
    });
  });
  const [NAN, NEG_NAN, INF, NEG_INF] = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000];
  const labels = ParamSet.of({ reduction: 'none' }, { reduction: 'sum' });
  const labelCases = [...labels].map((p) => plannedCase({
    family: FAMILY, group: 'out_of_domain', params: { label: 'outside', ...p },
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [7], [0.25, 0.5, 0.75, 0, 1, 0.5, 0.125]), label: tensor('float32', [7], f32([0x40000000, 0xbf800000, INF, INF, NEG_INF, NAN, NEG_NAN])) },
      args: { reduction: p.reduction }, grad: ['input'],
    }),
    description: `labels 2, -1, inf, inf, -inf, NaN, -NaN against inputs in [0, 1], reduction '${p.reduction}': computed, never refused`,
    rules: ['bce-loss-input-in-unit-interval', 'bce-loss-log-clamped-at-minus-100'], tags: ['nan'],
  }));
  return [...inputCases, ...labelCases];
}

/**
 * weight through every reduction with both gradients (input's and weight's): the loss's shape, a row [3]
 * against [2, 3], [1], 0-D, a column [2, 1], and [4, 2, 3], which widens the loss; then both forms.
 */
function weightCases(): PlannedCase[] {
  const shapes: Record<string, number[]> = { same: [2, 3], row: [3], one: [1], scalar: [], column: [2, 1], wider: [4, 2, 3] };
  const rows = ParamSet.of(...Object.keys(shapes).map((weight) => ({ weight }))).combine('reduction', ['none', 'mean', 'sum'] as const);
  const cases = [...rows].map((p) => {
    const shape = shapes[p.weight]!;
    const n = shape.reduce((a, b) => a * b, 1);
    const weight = tensor('float32', shape, Array.from({ length: n }, (_, i) => [1, 2, 3, 0.5, 0, 1.5][i % 6]!));
    const request = opRequest(FAMILY, { tensors: { input: tensor('float32', [2, 3], X), label: tensor('float32', [2, 3], Y), weight }, args: { reduction: p.reduction }, grad: ['input', 'weight'] });
    const description = `weight of shape [${shape.join(', ')}] on float32 [2, 3], reduction '${p.reduction}', input's and weight's gradients`;
    if (p.weight === 'same' && p.reduction !== 'mean') return plannedCase({ family: FAMILY, group: 'weight', params: p, request, description, clause: quote(OWN_CLAUSES.weight, CLAUSES[p.reduction]) });
    return plannedCase({ family: FAMILY, group: 'weight', params: p, request, description, rules: ['binary-cross-entropy-weight-before-reduction', 'multiply-broadcasts', 'multiply-grad-is-upstream-times-other', 'broadcast-grad-summed-in-order'] });
  });
  const forms = ParamSet.of({ form: 'functional' as 'functional' | 'layer' }, { form: 'layer' as const });
  const formCases = [...forms].map((p) => plannedCase({
    family: FAMILY, group: 'weight', params: { ...p, weight: 'row', reduction: 'default' },
    request: opRequest(FAMILY, { form: p.form, tensors: { input: tensor('float32', [2, 3], X), label: tensor('float32', [2, 3], Y), weight: tensor('float32', [3], [1, 2, 3]) } }),
    description: `weight [1, 2, 3] through the ${p.form} form, reduction 'mean': the weighted sum over 6, not over the weights' sum`,
    rules: ['binary-cross-entropy-weight-before-reduction'],
  }));
  return [...cases, ...formCases];
}

/** weight's other dtypes and shapes: float64 and float16 promote, int32 and bool are refused, [2] against [2, 3] does not broadcast; 0 · inf. */
function weightEdgeCases(): PlannedCase[] {
  const dtypes: [WireDType, string][] = [['float64', 'promotion-float-dtypes-widen'], ['float16', 'promotion-float-dtypes-widen'], ['int32', 'promotion-refuses-int-with-float'], ['bool', 'promotion-refuses-int-with-float']];
  const dtypeCases = dtypes.map(([dtype, rule]) => plannedCase({
    family: FAMILY, group: 'weight_edges', params: { weight: dtype },
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [2, 3], X), label: tensor('float32', [2, 3], Y), weight: tensor(dtype, [3], [1, 0, 1]) }, args: { reduction: 'none' }, grad: dtype.startsWith('float') ? ['input', 'weight'] : undefined }),
    description: `a ${dtype} weight on float32 operands`, rules: [rule], ...(!dtype.startsWith('float') && { tags: ['error'] }),
  }));
  const badShape = plannedCase({
    family: FAMILY, group: 'weight_edges', params: { weight: 'bad_shape' },
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [2, 3], X), label: tensor('float32', [2, 3], Y), weight: tensor('float32', [2], [1, 2]) } }),
    description: 'weight [2] against the loss [2, 3] (the page\'s "size nbatch"): ValueError, no broadcast', rules: ['multiply-broadcasts'], tags: ['error'],
  });
  const special = plannedCase({
    family: FAMILY, group: 'weight_edges', params: { weight: 'inf_nan' },
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [4], [1, 0, 0.5, 0.5]), label: tensor('float32', [4], [1, 0, 1, 1]), weight: tensor('float32', [4], f32([0x7f800000, 0x7f800000, 0xffc00000, 0x3f800000])) },
      args: { reduction: 'none' }, grad: ['input', 'weight'], gradOutput: tensor('float32', [4], [0, 1, 1, 0]),
    }),
    description: 'weight inf on a loss of -0 (upstream 0) and +0, -NaN, and 1 under upstream 0: 0 · inf is NaN in the loss and the gradients',
    rules: ['multiply-grad-is-upstream-times-other'], tags: ['nan'],
  });
  return [...dtypeCases, badShape, special];
}

/** A label of another dtype is refused when the kernel reads it (float32 with float64 too, and empty operands); then which error comes first. */
function errorOrderCases(): PlannedCase[] {
  const pairs: [WireDType, WireDType, number[]][] = [['float32', 'float64', [3]], ['float64', 'float32', [3]], ['float32', 'int32', [3]], ['float32', 'int32', [0]]];
  const pairCases = pairs.map(([a, b, shape]) => plannedCase({
    family: FAMILY, group: 'error_order', params: { input: a, label: b, shape: shape.join('x') },
    request: opRequest(FAMILY, { tensors: { input: tensor(a, shape, [0.25, 0.5, 1].slice(0, shape[0])), label: tensor(b, shape, [1, 0, 1].slice(0, shape[0])) }, args: { reduction: 'none' } }),
    description: `${a} input with a ${b} label of shape [${shape.join(', ')}]: ValueError when the label is read`, rules: ['bce-loss-float-kernels-only'], tags: ['error'],
  }));
  const faults: [string, Record<string, ReturnType<typeof tensor>>, string | undefined, string[]][] = [
    ['reduction+domain', { input: tensor('float32', [2], [2, 0.5]), label: tensor('float32', [2], [1, 1]) }, 'avg', ['binary-cross-entropy-reduction-checked-first']],
    ['float16+shape', { input: tensor('float16', [2], [0.5, 0.5]), label: tensor('float16', [3], [1, 1, 1]) }, undefined, ['bce-loss-float-kernels-only', 'bce-loss-shapes-must-equal']],
    ['label_dtype+domain', { input: tensor('float32', [1], [2]), label: tensor('int32', [1], [1]) }, undefined, ['bce-loss-float-kernels-only', 'bce-loss-input-in-unit-interval']],
    ['weight_shape+domain', { input: tensor('float32', [2], [2, 0.5]), label: tensor('float32', [2], [1, 1]), weight: tensor('float32', [3], [1, 2, 3]) }, undefined, ['bce-loss-input-in-unit-interval', 'multiply-broadcasts']],
  ];
  return [...pairCases, ...faults.map(([name, tensors, reduction, rules]) => plannedCase({
    family: FAMILY, group: 'error_order', params: { faults: name },
    request: opRequest(FAMILY, { tensors, args: { reduction } }),
    description: `two faults at once (${name.replace('+', ' and ')}): which error is raised`, rules, tags: ['error'],
  }))];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardLossGroups({
    family: FAMILY,
    clauses: CLAUSES,
    example: { shape: [3], input: [0.5, 0.6, 0.7], label: [1, 0, 1] },
    integersDocumented: false,
    integersRule: 'bce-loss-float-kernels-only',
    grad: ['input'],
    probabilities: true,
    rules: {
      badReduction: 'binary-cross-entropy-reduction-checked-first',
      legacyArguments: 'binary-cross-entropy-layer-legacy-arguments',
      broadcasts: 'bce-loss-shapes-must-equal',
      gradNegates: 'bce-loss-grad-denominator-floor',
      refused: { float16: 'bce-loss-float-kernels-only', bool: 'bce-loss-float-kernels-only', bfloat16: 'bce-loss-float-kernels-only' },
      integerMean: { rule: 'bce-loss-float-kernels-only', raises: true },
      integerSum: 'bce-loss-float-kernels-only',
      emptyMean: 'mean-all-of-empty-is-nan',
      emptySum: 'sum-of-empty-is-zero',
      meanGrad: 'mean-all-grad-divides-by-count',
      nan: ['bce-loss-input-in-unit-interval'],
      zero: ['bce-loss-log-clamped-at-minus-100'],
    },
  }),
  domain: domainCases,
  out_of_domain: outOfDomainCases,
  weight: weightCases,
  weight_edges: weightEdgeCases,
  error_order: errorOrderCases,
};
