/**
 * Group `labels`: the documented labels ±1 and everything else a label tensor
 * can hold (0, 2, ±0.5, NaN, ±inf, -0.0, and 1 or -1 off by one ulp), which
 * Paddle never validates. Each case fills the label with one value and asks
 * for the gradient too; a `mixed` case holds all of them at once.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { nextDown, nextUp, type UlpDType } from '../../../conformance/floats.js';
import { ParamSet, type ParamValue } from '../params.js';
import { plannedCase } from './case.js';
import { request } from './request.js';
import { filled, tensor } from '../tensor.js';
import type { Rule } from './rules.js';

const GROUP = 'labels';

/** Label values tried; 1 is the control. */
export const LABELS: readonly ParamValue[] = [
  1, -1, 0, -0, 2, 0.5, -0.5, NaN, Infinity, -Infinity, '1+ulp', '-1-ulp', '1+4ulp', '1+5ulp', '-1-4ulp', '-1-5ulp',
];

/**
 * Labels a few ulps off ±1 probe Paddle's float `equal`, which accepts a
 * difference below 1e-15: 4 float64 ulps of 1 (8.9e-16) pass, 5 (1.1e-15) fail.
 */
const OFF_BY_ULPS = /^(-?1)([+-])(\d*)ulp$/;

/** The input every single-label case uses: one value each side of the default margin, and a negative one. */
const INPUT = [0.5, -2, 3];

/** The numeric value of a label id value in a dtype. */
export function labelValue(label: ParamValue, dtype: UlpDType): number {
  const m = typeof label === 'string' ? OFF_BY_ULPS.exec(label) : null;
  if (!m) return label as number;
  let y = Number(m[1]);
  for (let k = 0; k < Number(m[3] || 1); k++) y = m[2] === '+' ? nextUp(y, dtype) : nextDown(y, dtype);
  return y;
}

/** One case per label value and dtype, plus the mixed label for each reduction. */
export function labelCases(): PlannedCase[] {
  const rows = ParamSet.of(...LABELS.map((label) => ({ label }))).combine('dtype', ['float32', 'float64'] as const);
  const single = [...rows].map((p) => {
    const y = labelValue(p.label, p.dtype);
    const documented = y === 1 || y === -1;
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, [3], INPUT), label: filled(p.dtype, [3], y), reduction: 'none', grad: true }),
      description: `every label ${y} (${p.dtype}) against inputs [0.5, -2, 3], reduction='none', with the gradient`,
      ...(documented ? { clauses: ['formula', 'none'] } : { rules: labelRules(p.label) }),
      tags: documented ? [] : ['label-value'],
    });
  });
  return [...single, ...mixedCases()];
}

/** An off-by-ulps label depends on the tolerance of Paddle's `equal`; any other non-±1 label on the zero rule. */
function labelRules(label: ParamValue): Rule[] {
  return typeof label === 'string' ? ['equal-float-tolerance', 'hinge-other-labels-contribute-zero'] : ['hinge-other-labels-contribute-zero'];
}

function mixedCases(): PlannedCase[] {
  const rows = ParamSet.of({ label: 'mixed' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', ['none', 'mean', 'sum'] as const);
  return [...rows].map((p) => {
    const y = LABELS.map((l) => labelValue(l, p.dtype));
    const x = y.map((_, i) => [0.5, -2, 3, 0.25][i % 4]!);
    const rules: Rule[] = ['equal-float-tolerance', 'hinge-other-labels-contribute-zero'];
    if (p.reduction === 'mean') rules.push('mean-grad-divides-by-count');
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, [y.length], x), label: tensor(p.dtype, [y.length], y), reduction: p.reduction, grad: true }),
      description: `all ${y.length} label values side by side (${p.dtype}), reduction='${p.reduction}', with the gradient`,
      rules,
      tags: ['label-value'],
    });
  });
}
