/**
 * poisson_nll_loss's groups: the standard plan of an (input, label, reduction) loss
 * (scripts/case_plan/standard_loss.ts) with this op's page and rules, and its own: log_input, full (the Stirling
 * term and its mask at label = 1), epsilon (its check and its absorption), and the flags' Python truth tests.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import { opRequest, plannedCase } from '../planned_case.js';
import type { Groups } from '../plan.js';
import { ParamSet } from '../params.js';
import { standardLossGroups } from '../standard_loss.js';
import { tensor } from '../tensor.js';
import { CLAUSES, EPSILON, FULL } from './clauses.js';

const FAMILY = 'poisson_nll_loss';

// Labels around the Stirling mask (label > 1): below 0, 0, 1, just above 1 (1 + 2^-23), 2, a large count; inputs
// around the log branch's domain edge (input + epsilon at 0 and below).
const INPUT = [0.5, 2, -1, 0, 3, 1e-9, -2, 1];
const LABEL = [-1, 0, 1, 1.0000001, 2, 40, 0.5, 3];

/** Values as the dtype stores them. */
const inDtype = (dtype: string, values: number[]): number[] => (dtype === 'float32' ? values.map(Math.fround) : values);

/** log_input and full in every combination, through both forms and both float dtypes: the loss and both gradients. */
function flagCases(): PlannedCase[] {
  const rows = ParamSet.control({ log_input: true, full: false, dtype: 'float32' as 'float32' | 'float64', form: 'functional' as 'functional' | 'layer' })
    .vary('dtype', ['float64']).vary('form', ['layer']).combine('log_input', [true, false]).combine('full', [false, true]);
  return [...rows].map((p) => {
    const request = opRequest(FAMILY, {
      form: p.form,
      tensors: { input: tensor(p.dtype, [8], inDtype(p.dtype, INPUT)), label: tensor(p.dtype, [8], inDtype(p.dtype, LABEL)) },
      args: { reduction: 'none', log_input: p.log_input, full: p.full },
      grad: p.form === 'functional' ? ['input', 'label'] : undefined,
    });
    const description = `log_input ${p.log_input ? 'True' : 'False'}, full ${p.full ? 'True' : 'False'}, ${p.dtype}, ${p.form} form: labels around the Stirling mask, inputs around log's domain`;
    const rules = [...(p.full ? ['poisson-nll-stirling-masked-not-skipped'] : []), ...(p.log_input ? [] : ['poisson-nll-epsilon-added-in-dtype', 'log-of-negative-nan-sign'])];
    return plannedCase({ family: FAMILY, group: 'flags', params: p, request, description, ...(rules.length ? { rules } : { clause: [CLAUSES.none, FULL, p.form === 'layer' ? CLAUSES.layer : CLAUSES.functional].join(' // ') }) });
  });
}

/** Flags that are not bools: Python's truth test of 0, '', None, a list and a string. */
function truthCases(): PlannedCase[] {
  const values: KwargJson[] = [0, 1, '', 'no', null, 0.5];
  const rows = ParamSet.of(...values.map((value) => ({ flag: 'log_input', value: JSON.stringify(value) }))).combine('flag', ['log_input', 'full']);
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'truthiness', params: p,
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [4], [0.5, 2, 1, 3]), label: tensor('float32', [4], [0, 3, 1, 5]) },
      args: { reduction: 'none', [p.flag]: JSON.parse(p.value) as KwargJson },
    }),
    description: `${p.flag}=${p.value}: Python's truth value picks the branch`,
    rules: ['poisson-nll-flags-truthy'],
  }));
}

/** epsilon: refused at 0 and below (before the reduction), NaN accepted, and absorbed into a float32 1. */
function epsilonCases(): PlannedCase[] {
  const rows = ParamSet.control({ epsilon: 1e-8 as number | string, form: 'functional' as 'functional' | 'layer', reduction: 'none' })
    .vary('epsilon', [0, -1.5, -1e30, '-inf', 'nan', 0.25, 1e-3]).combine('form', ['functional', 'layer']);
  const cases = [...rows].map((p) => {
    const epsilon = typeof p.epsilon === 'string' ? (p.epsilon === 'nan' ? NaN : -Infinity) : p.epsilon;
    const refused = !(epsilon > 0) && !Number.isNaN(epsilon);
    return plannedCase({
      family: FAMILY, group: 'epsilon', params: p,
      request: opRequest(FAMILY, {
        form: p.form,
        tensors: { input: tensor('float32', [4], inDtype('float32', [1, 0, 2, 1e-9])), label: tensor('float32', [4], [3, 2, 0, 1]) },
        args: { reduction: p.reduction, log_input: false, epsilon: epsilon as KwargJson },
        grad: p.form === 'functional' && !refused ? ['input', 'label'] : undefined,
      }),
      description: `epsilon ${p.epsilon}, log_input False, ${p.form} form${refused ? ': ValueError' : ''}`,
      ...(refused ? { rules: ['poisson-nll-epsilon-checked-first'], tags: ['error'] } : Number.isNaN(epsilon) ? { rules: ['poisson-nll-epsilon-checked-first'] } : epsilon === 1e-8 ? { rules: ['poisson-nll-epsilon-added-in-dtype'] } : { clause: [CLAUSES.none, EPSILON].join(' // ') }),
    });
  });
  const both = plannedCase({
    family: FAMILY, group: 'epsilon', params: { epsilon: -1, reduction: 'MEAN' },
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [2], [1, 2]), label: tensor('float32', [2], [1, 2]) }, args: { reduction: 'MEAN', epsilon: -1 } }),
    description: "epsilon -1 and reduction 'MEAN' at once: epsilon's ValueError", rules: ['poisson-nll-epsilon-checked-first', 'poisson-nll-reduction-checked-first'], tags: ['error'],
  });
  return [...cases, both];
}

/** Label dtypes other than input's: the products promote (before Paddle 3.0.0 label is cast first); int against float. */
function mixedDtypeCases(): PlannedCase[] {
  const ints = ParamSet.of({ input: 'float32', label: 'int64' }, { input: 'int32', label: 'float32' });
  const intCases = [...ints].map((p) => plannedCase({
    family: FAMILY, group: 'mixed_dtypes', params: p,
    request: opRequest(FAMILY, {
      tensors: { input: tensor(p.input as 'float32', [3], [1, 2, 0]), label: tensor(p.label as 'float32', [3], [0, 3, 2]) },
      args: { reduction: 'none' },
    }),
    description: `${p.input} input, ${p.label} label: TypeError in type promotion (before Paddle 3.0.0 label is cast and the \`-\` operator casts)`,
    rules: ['promotion-refuses-int-with-float', 'poisson-nll-legacy-label-cast', 'subtract-operator-legacy-cast', 'poisson-nll-dtypes-unchecked'], tags: ['error'],
  }));
  const halves = ParamSet.of({ log_input: true }, { log_input: false }).combine('grad', ['input', 'label']);
  const halfCases = [...halves].map((p) => plannedCase({
    family: FAMILY, group: 'mixed_dtypes', params: { input: 'float16', label: 'float32', ...p },
    request: opRequest(FAMILY, {
      // exp(0) and log(1 + epsilon) are exact in float16 (Paddle 3.0.0 to 3.1.1 round float16 exp and log of other
      // values an ulp apart from later releases, which this case is not about).
      tensors: { input: tensor('float16', [3], p.log_input ? [0, 0, 0] : [1, 1, 1]), label: tensor('float32', [3], [0, 3, 2]) },
      args: { reduction: 'sum', log_input: p.log_input }, grad: [p.grad],
    }),
    description: `float16 input against a float32 label, log_input ${p.log_input ? 'True' : 'False'}, ${p.grad}'s gradient: ${p.grad === 'input' ? `RuntimeError in ${p.log_input ? 'exp' : 'log'}_grad` : 'the backward never reaches the float16 kernel'}`,
    rules: [p.log_input ? 'exp-grad-no-float16-kernel' : 'log-grad-no-float16-kernel'], ...(p.grad === 'input' && { tags: ['error'] }),
  }));
  const bools = plannedCase({
    family: FAMILY, group: 'mixed_dtypes', params: { input: 'bool', label: 'bool' },
    request: opRequest(FAMILY, { tensors: { input: tensor('bool', [3], [1, 0, 1]), label: tensor('bool', [3], [0, 0, 1]) }, args: { reduction: 'none' } }),
    description: "bool operands (not on the page): exp's RuntimeError (NotFound), not a dtype check's TypeError",
    rules: ['poisson-nll-dtypes-unchecked', 'exp-no-bfloat16-or-bool-kernel'], tags: ['error'],
  });
  return [...intCases, bools, ...halfCases, ...floatCases()];
}

/** float32 against float64. */
function floatCases(): PlannedCase[] {
  const rows = ParamSet.of({ input: 'float32', label: 'float64' }, { input: 'float64', label: 'float32' }).combine('full', [false, true]);
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'mixed_dtypes', params: p,
    request: opRequest(FAMILY, {
      tensors: { input: tensor(p.input as 'float32', [3], inDtype(p.input, [0.1, 2, -1])), label: tensor(p.label as 'float32', [3], inDtype(p.label, [0.3, 3, 1.7])) },
      args: { reduction: 'none', full: p.full }, grad: ['input', 'label'],
    }),
    description: `${p.input} input, ${p.label} label, full ${p.full ? 'True' : 'False'}: promotion`,
    rules: ['poisson-nll-legacy-label-cast'],
  }));
}

/** A +0 upstream: label's gradient −(+0) · input is −0 at a positive input, +0 at a negative one. */
function zeroUpstreamCases(): PlannedCase[] {
  return [plannedCase({
    family: FAMILY, group: 'upstream', params: { upstream: 'positive_zero' },
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [4], [0.5, -0.5, 2, -2]), label: tensor('float32', [4], [1, 1, 3, 0]) },
      args: { reduction: 'none' }, grad: ['input', 'label'], gradOutput: tensor('float32', [4], [0, 0, 0, 0]),
    }),
    description: "upstream +0: subtract's backward negates it, so label's gradient is −0 · input (−0 at a positive input)",
    rules: ['subtract-grad-negates'], tags: ['grad', 'zero'],
  })];
}

/** exp below float32's normal range: Eigen's packet polynomial clamps (exp(−100) is 2.9e-39), the tail's C library does not. */
function expPacketCases(): PlannedCase[] {
  return [plannedCase({
    family: FAMILY, group: 'exp_packets', params: { input: -100, n: 9 },
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [9], Array(9).fill(-100)), label: tensor('float32', [9], Array(9).fill(0)) },
      args: { reduction: 'none' }, grad: ['input'],
    }),
    description: 'nine inputs of −100, label 0: exp(−100) is 2.9e-39 in the eight of the packet, 3.8e-44 in the tail, loss and gradient alike',
    rules: ['exp-packet-and-tail'],
  })];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardLossGroups({
    family: FAMILY,
    clauses: CLAUSES,
    example: { shape: [5, 2], input: [0.5, -1.2, 2, 0.3, -0.7, 1.1, 0, 3, -2.5, 0.8], label: [1, 0, 3, 0.5, 2, 1, 0, 4, 1.5, 2.2] },
    integersDocumented: false,
    integersRule: 'poisson-nll-dtypes-unchecked',
    rules: {
      badReduction: 'poisson-nll-reduction-checked-first',
      legacyArguments: 'poisson-nll-layer-legacy-arguments',
      broadcasts: 'poisson-nll-shapes-must-equal',
      gradNegates: 'subtract-grad-negates',
      refused: { float16: 'multiply-no-float16-kernel', bfloat16: 'exp-no-bfloat16-or-bool-kernel', bool: 'exp-no-bfloat16-or-bool-kernel' },
      integerMean: { rule: 'promotion-refuses-int-with-float', raises: true },
      integerSum: 'promotion-refuses-int-with-float',
      emptyMean: 'mean-of-empty-is-nan',
      emptySum: 'sum-of-empty-is-zero',
      meanGrad: 'mean-grad-divides-by-count',
      nan: ['exp-packet-and-tail'],
      zero: ['subtract-grad-negates'],
    },
  }),
  flags: flagCases,
  truthiness: truthCases,
  epsilon: epsilonCases,
  mixed_dtypes: mixedDtypeCases,
  upstream: zeroUpstreamCases,
  exp_packets: expPacketCases,
};
