/**
 * Group `gradients`: d loss / d input for every reduction and both dtypes,
 * through a plain `loss.backward()` (upstream ones) and through an explicit
 * upstream gradient of the loss's shape; then at relu's switch (x == margin
 * under label -1), at NaN inputs, and for a 0-D input.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { reductionClause } from './clauses.js';
import { ParamSet } from '../params.js';
import { caseId, plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';
import { mixedInputs, signLabels, upstreamValues } from '../values.js';

const GROUP = 'gradients';
const SHAPE = [2, 3];

/** The reductions, each of which has its own backward. */
const REDUCTIONS = ['none', 'mean', 'sum'] as const;

type Reduction = (typeof REDUCTIONS)[number];

/** All gradient cases. */
export function gradientCases(): PlannedCase[] {
  return [...plainCases(), ...meanExactCases(), ...situationCases(), ...meanUpstreamCases(), ...specialUpstreamCases(), ...negativeZeroUpstreamCases()];
}

/**
 * mean over N = 1, 2 and 4 elements with upstream 1 or 3: g / N is exact, so
 * g / N and g · round(1/N) agree and the page's mean fixes the gradient,
 * -g/N under label -1 (every such input below the margin 1) and g/N under
 * label 1. A port that never divides by N fails N = 2 and 4.
 */
function meanExactCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const).combine('dtype', ['float32', 'float64'] as const);
  const [x, y] = [[0.5, 2, -1.5, 3], [-1, 1, -1, 1]];
  return [...rows].map((p) => plannedCase({
    group: GROUP,
    params: { at: 'mean_exact', ...p },
    request: request({ input: tensor(p.dtype, [p.n], x.slice(0, p.n)), label: tensor(p.dtype, [p.n], y.slice(0, p.n)), reduction: 'mean', grad: true, ...(p.upstream === 'given' && { gradOutput: tensor(p.dtype, [], [3]) }) }),
    description: `${p.dtype} gradient of input, reduction='mean' over ${p.n} element(s), upstream ${p.upstream === 'ones' ? '1' : '3'} (g / ${p.n} exact), every label -1 input below the margin`,
    clauses: ['formula', 'mean'],
  }));
}

function plainCases(): PlannedCase[] {
  const rows = ParamSet.of({ dtype: 'float32' as const }, { dtype: 'float64' as const })
    .combine('reduction', REDUCTIONS)
    .combine('upstream', ['ones', 'given'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(caseId(GROUP, p));
    // Keep clear of relu's switch at x == margin (1.0): that is the boundary cases' job.
    const x = mixedInputs(rng, 6, p.dtype).map((v) => (v === 1 ? 1.25 : v));
    const y = signLabels(rng, 6);
    const gShape = p.reduction === 'none' ? SHAPE : [];
    const gradOutput = p.upstream === 'given' ? tensor(p.dtype, gShape, upstreamValues(rng, gShape.length ? 6 : 1)) : undefined;
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, SHAPE, x), label: tensor(p.dtype, SHAPE, y), reduction: p.reduction, grad: true, ...(gradOutput ? { gradOutput } : {}) }),
      description: `${p.dtype} gradient of input, reduction='${p.reduction}', ${p.upstream === 'ones' ? 'loss.backward() (upstream ones)' : `an explicit upstream gradient of shape [${gShape.join(', ')}]`}`,
      ...(p.reduction === 'mean' ? { rules: ['mean-grad-divides-by-count'] } : { clauses: ['formula', reductionClause(p.reduction)] }),
    });
  });
}

/** Inputs, labels and rules for the places where the gradient is decided by Paddle, not by the page. */
const SITUATIONS: Record<string, { shape: number[]; x: number[]; y: number[]; rules: Rule[]; what: string }> = {
  boundary: { shape: [4], x: [1, 1, 0.5, 1.5], y: [-1, 1, -1, -1], rules: ['relu-grad-zero-at-kink'], what: 'inputs exactly at margin 1.0 under label -1 and 1' },
  nan: { shape: [4], x: [NaN, NaN, 0.5, 2], y: [-1, 1, -1, 1], rules: ['relu-nan-is-zero', 'relu-grad-zero-at-kink'], what: 'NaN inputs under label -1 and 1' },
  scalar: { shape: [], x: [0.25], y: [-1], rules: ['hinge-zero-d-none-is-shape-1', 'where-broadcast-grad-column-major'], what: 'a 0-D input and label' },
};

function situationCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(SITUATIONS).map((at) => ({ at }))).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const s = SITUATIONS[p.at]!;
    const rules: Rule[] = [...s.rules, ...(p.reduction === 'mean' ? (['mean-grad-divides-by-count'] as const) : [])];
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, s.shape, s.x), label: tensor(p.dtype, s.shape, s.y), reduction: p.reduction as Reduction, grad: true }),
      description: `${p.dtype} gradient of input at ${s.what}, reduction='${p.reduction}', loss.backward()`,
      rules,
      tags: p.at === 'boundary' ? ['boundary'] : [],
    });
  });
}

/**
 * mean with an upstream gradient g = 5 over N = 6 elements: g / N rounded once
 * (float32 0x3f555555, float64 0x3feaaaaaaaaaaaab) differs from g times the
 * rounded reciprocal 1/N (0x3f555556, 0x3feaaaaaaaaaaaaa), so the case tells
 * the two ways of dividing apart.
 */
function meanUpstreamCases(): PlannedCase[] {
  const rows = ParamSet.of({ at: 'mean_upstream_5' }).combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(caseId(GROUP, p));
    const x = mixedInputs(rng, 6, p.dtype).map((v) => (v === 1 ? 1.25 : v));
    return plannedCase({
      group: GROUP,
      params: { ...p, reduction: 'mean' },
      request: request({ input: tensor(p.dtype, SHAPE, x), label: tensor(p.dtype, SHAPE, signLabels(rng, 6)), reduction: 'mean', grad: true, gradOutput: tensor(p.dtype, [], [5]) }),
      description: `${p.dtype} gradient of input, reduction='mean', upstream gradient 5 over 6 elements (5/6 rounded once, not 5 times round(1/6))`,
      rules: ['mean-grad-divides-by-count'],
    });
  });
}

/**
 * Upstream NaN and ±inf where a label leaves a `where` unselected: Paddle
 * 3.3.1 passes +0 there whatever the upstream (label 0: +0, label 1 under
 * inf: inf), where before 3.1.0 the upstream times the 0/1 mask gave NaN.
 */
function specialUpstreamCases(): PlannedCase[] {
  const rows = ParamSet.of({ at: 'special_upstream' }).combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) =>
    plannedCase({
      group: GROUP,
      params: { ...p, reduction: 'none' },
      request: request({
        input: tensor(p.dtype, [4], [0.5, 0.5, 0.5, 2]),
        label: tensor(p.dtype, [4], [0, 1, 2, -1]),
        reduction: 'none',
        gradOutput: tensor(p.dtype, [4], [NaN, Infinity, -Infinity, NaN]),
      }),
      description: `${p.dtype} gradient of input under labels [0, 1, 2, -1] with upstream [NaN, inf, -inf, NaN], reduction='none'`,
      rules: ['where-grad-zero-where-unselected', 'hinge-other-labels-contribute-zero', 'relu-grad-zero-at-kink'],
    }),
  );
}

/**
 * An upstream -0 under label 1: the relu branch passes +0 back, and its
 * `margin - input` turns that into +0 for a float margin (scale's backward
 * adds +0) and -0 for a str or bool one (subtract's negates), so the input's
 * gradient is +0 or -0 by the margin's Python type.
 */
function negativeZeroUpstreamCases(): PlannedCase[] {
  const margins = [
    { margin: 1, rules: ['scale-grad-adds-zero'] as Rule[] },
    { margin: 'str(1.0)', rules: ['hinge-margin-by-python-type', 'subtract-grad-negates', 'full-str-read-by-cpp-stream'] as Rule[] },
    { margin: true, rules: ['hinge-margin-by-python-type', 'subtract-grad-negates'] as Rule[] },
  ];
  return margins.map(({ margin, rules }) =>
    plannedCase({
      group: GROUP,
      params: { at: 'negative_zero_upstream', margin, dtype: 'float32', reduction: 'none' },
      request: request({
        input: tensor('float32', [3], [0, 0.5, 0.5]),
        label: tensor('float32', [3], [1, 1, -1]),
        reduction: 'none',
        ...(margin === 'str(1.0)' ? { marginStr: '1.0' } : { margin }),
        gradOutput: tensor('float32', [3], [-0, -0, -0]),
      }),
      description: `float32 gradient of input under labels [1, 1, -1] with upstream -0, margin ${margin === 'str(1.0)' ? "'1.0' (a str)" : String(margin === true ? 'True' : margin)}, reduction='none'`,
      rules,
      tags: ['negative-zero'],
    }),
  );
}
