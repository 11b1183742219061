/**
 * Group `string_margins`: a Python str as the margin. The page says the margin
 * is a float; Paddle still takes a str and reads it as C++ reads a number from
 * a stream (rule `full-str-read-by-cpp-stream`). Each string probes one
 * step of that reading: whitespace, a trailing remainder, a failed parse,
 * overflow, underflow, the exact specials and "True"/"False". Then the
 * reductions and the gradient with a str margin, the layer form, and the
 * errors of the dtypes that have no kernel for the steps a str margin takes.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { ParamSet } from '../params.js';
import { plannedCase } from './case.js';
import { request, type Form } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';

const GROUP = 'string_margins';

/*
 * No probe is empty or all whitespace: there `>>` fails before it writes, so
 * Paddle's margin is whatever the stack held (float64 gave 6.91e-310 in one
 * process and 6.90e-310 in the next, Paddle 3.3.1). No golden can record it.
 */

/** Each probe's id token and the exact Python str sent; the token stands in where the text cannot appear in an id. */
const STRINGS: Record<string, string> = {
  '1.5': '1.5',
  spaces_2: ' 2 ',
  tab_2_newline: '\t2\n',
  '+1.5': '+1.5',
  '-.5': '-.5',
  '5.': '5.',
  '0.1': '0.1',
  '1.5abc': '1.5abc',
  '1_000': '1_000',
  '0x10': '0x10',
  '1e': '1e',
  abc: 'abc',
  inf: 'inf',
  '-inf': '-inf',
  nan: 'nan',
  space_inf: ' inf',
  NaN: 'NaN',
  Infinity: 'Infinity',
  '1e39': '1e39',
  '1e400': '1e400',
  '-1e400': '-1e400',
  '2e-320': '2e-320',
  True: 'True',
  False: 'False',
  true: 'true',
};

const RULE: Rule = 'full-str-read-by-cpp-stream';

/** Label -1 everywhere: the loss is relu(margin - x), and x = -1000 shows a negative or tiny margin as margin + 1000. */
const X = [-1000, -0.5, 0, 0.5, 2];
const Y = [-1, -1, -1, -1, -1];

/** Every probe string, then the reductions and gradient, the layer, and the dtype errors. */
export function stringMarginCases(): PlannedCase[] {
  return [...probeCases(), ...reductionCases(), ...layerCases(), ...dtypeErrorCases()];
}

function probeCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(STRINGS).map((margin) => ({ margin }))).combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) =>
    stringCase({ p, text: STRINGS[p.margin]!, dtype: p.dtype, reduction: 'none', what: `${p.dtype} inputs, label -1, reduction='none'` }),
  );
}

function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ margin: '1.5' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', ['mean', 'sum'] as const);
  return [...rows].map((p) =>
    stringCase({ p, text: '1.5', dtype: p.dtype, reduction: p.reduction, grad: true, what: `${p.dtype}, reduction='${p.reduction}', with the gradient` }),
  );
}

function layerCases(): PlannedCase[] {
  const p = { margin: '1.5', form: 'layer', dtype: 'float32' } as const;
  return [stringCase({ p, text: '1.5', dtype: 'float32', reduction: 'none', form: 'layer', what: "the layer, HingeEmbeddingLoss(margin='1.5', reduction='none')" })];
}

/** A str margin is filled into the input's dtype with no type promotion, so integer and bool input fail in a later kernel than with a float margin. */
/** The kernel that refuses each dtype first once a str margin is filled in. */
const DTYPE_ERROR_RULE: Record<'int32' | 'int64' | 'bool' | 'float16', Rule> = {
  int32: 'relu-float-kernels-only',
  int64: 'relu-float-kernels-only',
  bool: 'subtract-no-float16-or-bool-kernel',
  float16: 'where-no-float16-kernel',
};

function dtypeErrorCases(): PlannedCase[] {
  const rows = ParamSet.of({ margin: '1.5' }).combine('dtype', ['int32', 'int64', 'bool', 'float16'] as const);
  return [...rows].map((p) => {
    // A str margin makes `margin - input` full(margin) - input (rule hinge-margin-by-python-type): float16 fails first in where, bool in subtract, integers in relu.
    const rules: Rule[] = [RULE, 'hinge-margin-by-python-type', DTYPE_ERROR_RULE[p.dtype]];
    return stringCase({ p, text: '1.5', dtype: p.dtype, reduction: 'mean', rules, tags: ['error'], what: `${p.dtype} input (Paddle has no kernel for one of the steps)` });
  });
}

interface StringCall {
  p: Record<string, string>;
  text: string;
  dtype: WireDType;
  reduction: 'none' | 'mean' | 'sum';
  what: string;
  form?: Form;
  grad?: boolean;
  rules?: Rule[];
  tags?: string[];
}

function stringCase(c: StringCall): PlannedCase {
  const integral = c.dtype.startsWith('int') || c.dtype === 'bool';
  const x = integral ? [0, 1, 0, 1, 2].map((v) => (c.dtype === 'bool' ? v % 2 : v)) : X;
  return plannedCase({
    group: GROUP,
    params: c.p,
    request: request({
      input: tensor(c.dtype, [X.length], x),
      label: tensor(c.dtype === 'float64' ? 'float64' : 'float32', [Y.length], Y),
      marginStr: c.text,
      reduction: c.reduction,
      ...(c.form ? { form: c.form } : {}),
      ...(c.grad ? { grad: true } : {}),
    }),
    description: `margin=${JSON.stringify(c.text)} (a Python str): ${c.what}`,
    rules: c.rules ?? [RULE],
    tags: ['string-margin', ...(c.tags ?? [])],
  });
}
