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
  return [...plainCases(), ...situationCases(), ...meanUpstreamCases()];
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
  boundary: { shape: [4], x: [1, 1, 0.5, 1.5], y: [-1, 1, -1, -1], rules: ['relu-grad-zero-at-boundary'], what: 'inputs exactly at margin 1.0 under label -1 and 1' },
  nan: { shape: [4], x: [NaN, NaN, 0.5, 2], y: [-1, 1, -1, 1], rules: ['relu-nan-is-zero', 'relu-grad-zero-at-boundary'], what: 'NaN inputs under label -1 and 1' },
  scalar: { shape: [], x: [0.25], y: [-1], rules: ['zero-d-none-is-shape-1'], what: 'a 0-D input and label' },
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
