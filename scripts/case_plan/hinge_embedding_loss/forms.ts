/**
 * Group `forms`: the functional form with keyword arguments against the layer
 * with the same arguments at construction, across reductions and margins;
 * the layer's gradient; the layer's invalid reductions, which Paddle raises
 * only at the call; and the `name` argument, which changes nothing.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { reductionClause, type ClauseName } from './clauses.js';
import { ParamSet, type ParamValue } from '../params.js';
import { plannedCase, type CaseSpec } from './case.js';
import { INVALID_REDUCTIONS } from './reductions.js';
import { DEFAULT, request, type Call, type Form } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';
import { mixedInputs, signLabels } from '../values.js';

const GROUP = 'forms';
const SHAPE = [2, 3];

/** Both forms with every reduction and margin; layer gradients; layer errors; the name argument. */
export function formCases(): PlannedCase[] {
  const rng = new Prng(`${GROUP}/values`);
  const input = tensor('float32', SHAPE, mixedInputs(rng, 6, 'float32'));
  const label = tensor('float32', SHAPE, signLabels(rng, 6));
  const at = (params: Record<string, ParamValue>, call: Omit<Call, 'input' | 'label'>, spec: Omit<CaseSpec, 'group' | 'params' | 'request'>) =>
    plannedCase({ group: GROUP, params, request: request({ input, label, ...call }), ...spec });

  const forms: Form[] = ['functional', 'layer'];
  const both = ParamSet.of(...forms.map((form) => ({ form })))
    .combine('margin', [DEFAULT, 0.5] as ParamValue[])
    .combine('reduction', [DEFAULT, 'none', 'mean', 'sum'] as ParamValue[]);
  const cases = [...both].map((p) =>
    at(p, { form: p.form, margin: p.margin, reduction: p.reduction }, {
      description: `${p.form} form, margin=${p.margin}, reduction=${p.reduction}${p.margin === DEFAULT && p.reduction === DEFAULT ? ' (no arguments at all)' : ''}`,
      clauses: clausesFor(p.form, p.margin, p.reduction),
    }),
  );
  for (const reduction of ['none', 'mean', 'sum'] as const) {
    const rules: Rule[] = reduction === 'mean' ? ['mean-grad-divides-by-count'] : [];
    const p = { form: 'layer', reduction, grad: 'input' };
    cases.push(at(p, { form: 'layer', reduction, grad: true }, {
      description: `the layer's gradient with respect to input, reduction='${reduction}'`,
      ...(rules.length ? { rules } : { clauses: ['layer', 'formula', reductionClause(reduction)] }),
    }));
  }
  for (const reduction of INVALID_REDUCTIONS) {
    cases.push(at({ form: 'layer', reduction }, { form: 'layer', reduction }, {
      description: `the layer accepts invalid reduction ${JSON.stringify(reduction)} at construction and raises Paddle's ValueError at the call`,
      rules: ['hinge-reduction-checked-first'],
      tags: ['error'],
    }));
  }
  for (const form of forms) {
    cases.push(at({ form, name: 'loss' }, { form, name: 'loss' }, {
      description: `${form} form with name='loss', which only names the output`,
      clauses: [form, 'formula', 'mean'],
    }));
  }
  return cases;
}

function clausesFor(form: Form, margin: ParamValue, reduction: ParamValue): ClauseName[] {
  const clauses: ClauseName[] = [form, 'formula'];
  if (margin === DEFAULT) clauses.push('marginDefault');
  if (reduction === DEFAULT) clauses.push('reductionDefault', 'mean');
  else clauses.push(reductionClause(String(reduction)));
  return clauses;
}
