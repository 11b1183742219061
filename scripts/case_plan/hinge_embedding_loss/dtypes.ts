/**
 * Group `dtypes`: the documented float32/float64 pair, and the dtypes Paddle
 * might accept or reject although the page does not list them (float16,
 * bfloat16, integer input, integer and bool labels, mixed float widths).
 * Whatever Paddle does, a result or an error, becomes the golden.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { reductionClause } from './clauses.js';
import { ParamSet } from '../params.js';
import { plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';

const GROUP = 'dtypes';
const SHAPE = [2, 3];

/** (input dtype, label dtype) pairs; the first is the control. */
const PAIRS: ReadonlyArray<readonly [WireDType, WireDType]> = [
  ['float32', 'float32'],
  ['float64', 'float64'],
  ['float16', 'float16'],
  ['bfloat16', 'bfloat16'],
  ['int32', 'int32'],
  ['int64', 'int64'],
  ['int64', 'float32'],
  ['float32', 'float64'],
  ['float64', 'float32'],
  ['float32', 'float16'],
  ['float32', 'int32'],
  ['float32', 'int64'],
  ['float64', 'int64'],
  ['float32', 'bool'],
  ['float64', 'bool'],
];

/** One case per dtype pair and reduction. */
export function dtypeCases(): PlannedCase[] {
  const rows = ParamSet.of(...PAIRS.map(([dtype, label_dtype]) => ({ dtype, label_dtype }))).combine('reduction', ['none', 'mean'] as const);
  return [...rows].map((p) => {
    // One seed for all pairs, so the pairs differ in dtype only, never in values.
    const rng = new Prng(`${GROUP}/values`);
    const n = SHAPE[0]! * SHAPE[1]!;
    const x = Array.from({ length: n }, () => (isInteger(p.dtype) ? rng.int(-3, 3) : rng.int(-8, 11) / 4));
    // A bool label can only say True (== 1) or False (neither 1 nor -1).
    const negative = p.label_dtype === 'bool' ? 0 : -1;
    const labels = Array.from({ length: n }, (_, i) => (i % 3 === 1 ? negative : 1));
    const documented = p.dtype === p.label_dtype && (p.dtype === 'float32' || p.dtype === 'float64');
    const rules: Rule[] = [...inputDtypeRules(p.dtype)];
    if (p.label_dtype !== p.dtype && !rules.length) rules.push('hinge-label-any-dtype');
    if (p.label_dtype === 'bool') rules.push('hinge-other-labels-contribute-zero');
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, SHAPE, x), label: tensor(p.label_dtype, SHAPE, labels), reduction: p.reduction }),
      description: documented
        ? `documented dtype ${p.dtype} for input and label, reduction='${p.reduction}'`
        : `${p.dtype} input with ${p.label_dtype} label (beyond the page's float32/float64), reduction='${p.reduction}'`,
      ...(documented ? { clauses: ['formula', 'dtypes', reductionClause(p.reduction)] } : { rules }),
      tags: ['dtype'],
    });
  });
}

/**
 * What an input dtype beyond the page meets: float16 and bfloat16 the where
 * kernel; integers, with the default float margin, a float32 relu output
 * meeting an integer zero_ in the second where (type promotion's TypeError).
 */
function inputDtypeRules(dtype: WireDType): Rule[] {
  if (dtype === 'float16' || dtype === 'bfloat16') return ['where-no-float16-kernel'];
  if (isInteger(dtype)) return ['hinge-margin-by-python-type', 'promotion-refuses-int-with-float'];
  return [];
}

function isInteger(dtype: WireDType): boolean {
  return dtype.startsWith('int') || dtype === 'uint8' || dtype === 'bool';
}
