/**
 * Group `margins`: the default, values in [-1, 1] (the page's range), the
 * ends, values outside it (the functional form takes them; the layer raises
 * ValueError), values float32 cannot hold, the infinities, NaN, and Python
 * values that are not floats (int, bool, None, str), through both forms.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import type { ParamValue } from '../params.js';
import { tensor } from '../tensor.js';
import { DEFAULT, plannedCase, request, type CaseSpec, type Rule } from './case.js';
import { exactPairs } from './values.js';

/**
 * Under label -1 the page prints max(0, cos) - margin while its example
 * clips the loss: both hold for max(0, max(0, cos) - margin), which is
 * Paddle's clip(cos - margin, min=0) for margin >= 0 but not for a negative
 * margin and cos < 0 (a negative loss is ruled out by the example, the
 * place of the clip by nothing): there Paddle's rule decides. Margins of
 * -1e39 and below give the same value either way (cos vanishes beside them).
 */
const CLIP_RULE: Rule = 'cosine-clip-after-margin';

/** Each margin's id value, the keyword the request carries, and the rules its functional result rests on (none: the page's formula). */
const MARGINS: ReadonlyArray<[ParamValue, KwargJson | typeof DEFAULT, Rule[]]> = [
  [DEFAULT, DEFAULT, []], [0, 0, []], [-0, -0, []], [0.25, 0.25, []], [0.5, 0.5, []], [1, 1, []],
  // A negative margin meets the opposed row's cos < -0.8 under label -1, where the page's formula and its example part (CLIP_RULE).
  [-0.5, -0.5, [CLIP_RULE]], [-1, -1, [CLIP_RULE]],
  [0.1, 0.1, ['scale-attributes-in-dtype']],
  [-0.3, -0.3, ['scale-attributes-in-dtype', CLIP_RULE]],
  [2, 2, ['cosine-layer-checks-margin-then-reduction']],
  [-2, -2, ['cosine-layer-checks-margin-then-reduction', CLIP_RULE]],
  [1e39, 1e39, ['cosine-layer-checks-margin-then-reduction', 'scale-attributes-in-dtype']],
  [-1e39, -1e39, ['cosine-layer-checks-margin-then-reduction', 'scale-attributes-in-dtype', 'clip-caps-at-dtype-max']],
  [Infinity, 'Infinity', ['cosine-layer-checks-margin-then-reduction']],
  [-Infinity, '-Infinity', ['cosine-layer-checks-margin-then-reduction', 'clip-caps-at-dtype-max']],
  [NaN, 'NaN', ['cosine-layer-checks-margin-then-reduction', 'clip-keeps-nan']],
  ['int(1)', { int: 1 }, ['scale-attributes-in-dtype']],
  [true, true, ['scale-attributes-in-dtype']],
  [null, null, ['cosine-margin-none-refused']],
  ['str(0.5)', { str: '0.5' }, ['full-str-read-by-cpp-stream']],
  ['str(1.5abc)', { str: '1.5abc' }, ['full-str-read-by-cpp-stream']],
  ['str(abc)', { str: 'abc' }, ['full-str-read-by-cpp-stream']],
];

/** The label of each of the 6 rows, and how input2's row relates to input1's: both branches, cos on both sides of every margin. */
const LABELS = [1, -1, -1, -1, 1, -1];
const PAIRING = ['independent', 'aligned', 'opposed', 'independent', 'aligned', 'aligned'] as const;

/** One case per margin, dtype and form, reduction 'none'; then the margin's rounding where it shows. */
export function marginCases(): PlannedCase[] {
  return [...marginTable(), ...roundingCases()];
}

/**
 * [512, 0] against [512, 2048]: cos = 1/√17 (float32 0.24253564), norms large
 * enough that the epsilon vanishes. With margin 0.1, cos + float32(-0.1)
 * rounds to 0x3e11f4dc, while cos - 0.1 rounded once gives 0x3e11f4dd (one
 * ulp, inside the bound); float64 holds the margin, so its case is the page's formula.
 */
function roundingCases(): PlannedCase[] {
  return (['float32', 'float64'] as const).map((dtype) =>
    plannedCase({
      group: 'margins',
      params: { margin: 0.1, dtype, cos: 'inv_sqrt17' },
      request: request({ input1: tensor(dtype, [1, 2], [512, 0]), input2: tensor(dtype, [1, 2], [512, 2048]), label: tensor('int64', [1], [-1]), margin: 0.1, reduction: 'none' }),
      description: `${dtype} [512, 0] against [512, 2048] (cos = 1/√17) under label -1 with margin 0.1: where the margin's rounding shows`,
      ...(dtype === 'float32' ? { rules: ['scale-attributes-in-dtype'] as Rule[] } : { clauses: ['negative', 'cosine', 'none'] }),
    }),
  );
}

function marginTable(): PlannedCase[] {
  return MARGINS.flatMap(([margin, kwarg, rules]) =>
    (['float32', 'float64'] as const).flatMap((dtype) =>
      (['functional', 'layer'] as const).map((form) => {
        const rng = new Prng(`margins/${dtype}`);
        const { input1, input2 } = exactPairs(rng, 6, 4, (r) => PAIRING[r]!);
        return plannedCase({
          group: 'margins',
          params: { margin, dtype, form },
          request: request({ input1: tensor(dtype, [6, 4], input1), input2: tensor(dtype, [6, 4], input2), label: tensor('int64', [6], LABELS), form, margin: kwarg, reduction: 'none' }),
          description: `margin ${margin === DEFAULT ? 'left out (0)' : JSON.stringify(kwarg)} through the ${form} form, ${dtype} exact rows, reduction 'none'`,
          ...justification(margin, dtype, form, rules),
        });
      }),
    ),
  );
}

/** Whether the layer refuses a margin: outside [-1, 1], or not a number at all. */
function layerRefuses(m: ParamValue): boolean {
  return m === null || (typeof m === 'string' && m.startsWith('str(')) || (typeof m === 'number' && (m > 1 || m < -1));
}

function justification(m: ParamValue, dtype: string, form: string, rules: Rule[]): Pick<CaseSpec, 'clauses' | 'rules' | 'tags'> {
  if (form === 'layer' && layerRefuses(m)) return { rules: ['cosine-layer-checks-margin-then-reduction'], tags: ['error'] };
  // The layer takes NaN (neither comparison holds) and the in-range values; its results are the functional form's.
  const own = form === 'layer' ? rules.filter((r) => r !== 'cosine-layer-checks-margin-then-reduction') : rules;
  const withNaN: Rule[] = typeof m === 'number' && Number.isNaN(m) && form === 'layer' ? ['cosine-layer-checks-margin-then-reduction'] : [];
  // A float64 computation holds 0.1, -0.3 and 1e39 exactly: no rounding rule applies.
  const kept = [...withNaN, ...own].filter((r) => !(r === 'scale-attributes-in-dtype' && dtype === 'float64' && (m === 0.1 || m === -0.3 || m === 1e39)));
  if (kept.length) return { rules: kept, ...(m === null || (typeof m === 'string' && m.startsWith('str(')) ? { tags: m === null ? ['error'] : [] } : {}) };
  return { clauses: ['positive', 'negative', 'exampleNone', 'cosine', 'none', ...(m === DEFAULT ? (['marginDefault'] as const) : []), form === 'layer' ? 'layer' : 'functional'] };
}
