/**
 * Group `doc_example`: the documentation page's code example, in both forms
 * and with every reduction (the page shows 'none' and 'mean'; 'sum' follows
 * from its formula).
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { ParamSet } from '../params.js';
import { plannedCase } from './case.js';
import { request, type Form } from './request.js';
import { tensor } from '../tensor.js';

const GROUP = 'doc_example';

/** The page's example cases. */
export function docExampleCases(): PlannedCase[] {
  const input = tensor('float32', [3, 3], [1, -2, 3, 0, -1, 2, 1, 0, 1]);
  const label = tensor('float32', [3, 3], [-1, 1, -1, 1, 1, 1, 1, -1, 1]);
  const rows = ParamSet.control({ form: 'layer' as Form }).vary('form', ['functional']).combine('reduction', ['none', 'mean', 'sum'] as const);
  return [...rows].map((p) =>
    plannedCase({
      group: GROUP,
      params: p,
      request: request({ input, label, form: p.form, margin: 1.0, reduction: p.reduction }),
      description: `the documentation page's example (margin=1.0) through the ${p.form} form with reduction='${p.reduction}'`,
      clauses: p.reduction === 'sum' ? ['example', 'formula', 'sum'] : ['example'],
      tags: ['doc'],
    }),
  );
}
