/**
 * cosine_embedding_loss's plan beyond what every op's plan must satisfy
 * (../plan.test.ts): spec cases quote the page and rest on exact rows, every
 * rule is cited, the None group is there, and the requests' tensors are what
 * the groups say (grad_output shapes, row lengths around Eigen's packets).
 */
import { describe, expect, it } from 'vitest';
import type { PlannedCase } from '../../../conformance/case.js';
import { decodeTensor, stringifyExact, valuesOf } from '../../../conformance/wire.js';
import { COSINE_EMBEDDING_LOSS_RULE_NAMES } from '../../../reference/index.js';
import { buildPlan } from '../index.js';
import { FAMILY } from './case.js';
import { CLAUSE_SEPARATOR, CLAUSES } from './clauses.js';

const plan = await buildPlan(FAMILY);
const argsOf = (c: PlannedCase) => c.request.kwargs ?? c.request.init ?? {};

describe('cosine_embedding_loss plan: levels', () => {
  it('quotes only the page in spec cases', () => {
    const texts = Object.values(CLAUSES) as string[];
    const bad = plan.filter((c) => c.level === 'spec' && !c.spec_clause!.split(CLAUSE_SEPARATOR).every((q) => texts.includes(q)));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it.each(COSINE_EMBEDDING_LOSS_RULE_NAMES.map((r) => [r] as const))('cites rule %s in at least one paddle case', (rule) => {
    expect(plan.some((c) => c.level === 'paddle' && (c.rules ?? []).includes(rule))).toBe(true);
  });

  it('has spec cases in every group but the ones that are about Paddle alone', () => {
    const specGroups = new Set(plan.filter((c) => c.level === 'spec').map((c) => c.group));
    expect([...specGroups].sort()).toEqual(['doc_example', 'dtypes', 'forms', 'gradients', 'labels', 'large', 'margins', 'reductions', 'shapes']);
  });

  it('asks for no gradient in a spec case with a label -1 row clipped (the clip region is the rules\' business)', () => {
    // Spec gradient cases put every label -1 row on aligned vectors (cos > 0.81) with margin 0.5.
    const bad = plan.filter((c) => c.level === 'spec' && c.request.grad && argsOf(c).margin !== 0.5);
    expect(bad.map((c) => c.id)).toEqual([]);
  });
});

describe('cosine_embedding_loss plan: requests', () => {
  it('gives grad_output the loss shape: [] for mean and sum, [labels] for none', () => {
    const bad = plan.filter((c) => {
      const g = c.request.grad_output;
      if (!g) return false;
      const reduction = argsOf(c).reduction ?? 'mean';
      const want = reduction === 'none' ? [decodeTensor(c.request.inputs.label).shape[0]] : [];
      return g.shape.join() !== want.join();
    });
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('runs row lengths 1, 2, 3, 8, 9, 17 and 64 in both dtypes, and 300 rows', () => {
    const lengths = (dtype: string) => new Set(plan.filter((c) => c.request.inputs.input1!.dtype === dtype && c.request.inputs.input1!.shape.length === 2).map((c) => c.request.inputs.input1!.shape[1]));
    for (const dtype of ['float32', 'float64']) expect([1, 2, 3, 8, 9, 17, 64].filter((d) => !lengths(dtype).has(d))).toEqual([]);
    expect(plan.some((c) => c.request.inputs.input1!.shape[0] === 300)).toBe(true);
  });

  it('has the functional form with an unknown reduction, answered None by Paddle', () => {
    const none = plan.filter((c) => c.group === 'reduction_none_result');
    expect([none.length, none.every((c) => c.request.api === 'paddle.nn.functional.cosine_embedding_loss')]).toEqual([12, true]);
  });

  it('sends the page example exactly as printed: float32 1.6, 1.2, -0.5, ... and int64 labels [1, -1]', () => {
    const c = plan.find((p) => p.id === 'cosine_embedding_loss/doc_example/form=layer,reduction=default')!;
    expect([valuesOf(decodeTensor(c.request.inputs.input1)), valuesOf(decodeTensor(c.request.inputs.label)), argsOf(c)]).toEqual([
      [1.6, 1.2, -0.5, 3.2, 2.6, -5.8].map(Math.fround),
      [1, -1],
      { margin: 0.5 },
    ]);
  });

  it('keeps all requests together under 2 MB of JSON (the op folder has 3 MB)', () => {
    expect(Buffer.byteLength(stringifyExact(plan.map((c) => c.request)))).toBeLessThan(2e6);
  });
});
