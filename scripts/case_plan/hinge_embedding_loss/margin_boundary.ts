/**
 * Group `margin_boundary`: label -1 with the input exactly at the margin and
 * one ulp either side of it, in float32 and float64, with the gradient. Here
 * relu switches on, so a margin rounded differently, a subtraction done in
 * the wrong width, or a gradient taken on the wrong side shows up.
 *
 * For float32 and margin 0.1: float32(0.1) = 0x3dcccccd; one ulp below it,
 * float32 arithmetic gives margin - x = 2^-27 exactly, while subtracting in
 * float64 from the unrounded 0.1 and rounding at the end gives 5.96e-9.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { nextDown, nextUp, roundTo } from '../../../conformance/floats.js';
import { ParamSet } from '../params.js';
import { plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';

const GROUP = 'margin_boundary';

/** Where the input sits relative to the dtype's value of the margin. */
export const POSITIONS = ['margin-1ulp', 'margin', 'margin+1ulp'] as const;

/** One case per margin, dtype and input position, each with the gradient. */
export function marginBoundaryCases(): PlannedCase[] {
  const rows = ParamSet.of({ margin: 1 }, { margin: 0.1 }, { margin: 3 })
    .combine('dtype', ['float32', 'float64'] as const)
    .combine('x', POSITIONS);
  return [...rows].map((p) => {
    const m = roundTo(p.margin, p.dtype);
    const x = p.x === 'margin' ? m : p.x === 'margin-1ulp' ? nextDown(m, p.dtype) : nextUp(m, p.dtype);
    const rules: Rule[] = ['relu-grad-zero-at-kink'];
    if (m !== p.margin) rules.push('scale-attributes-in-dtype');
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, [1], [x]), label: tensor(p.dtype, [1], [-1]), margin: p.margin, reduction: 'none', grad: true }),
      description: `label -1, ${p.dtype} input ${x} at ${p.x} for margin=${p.margin}: loss and gradient either side of relu's switch`,
      rules,
      tags: p.dtype === 'float32' ? ['boundary', 'f32-rounding'] : ['boundary'],
    });
  });
}
