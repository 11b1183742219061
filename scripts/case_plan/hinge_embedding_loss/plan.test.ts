/**
 * hinge_embedding_loss's plan beyond what every op's plan must satisfy
 * (../plan.test.ts): its size budget, where it stores tensors as base64,
 * its spec clauses, and literal cases checked value by value.
 */
import { describe, expect, it } from 'vitest';
import type { PlannedCase } from '../../../conformance/case.js';
import { stringifyExact, type TensorJson } from '../../../conformance/wire.js';
import { buildPlan } from '../index.js';
import { FAMILY } from './case.js';
import { CLAUSE_SEPARATOR, CLAUSES } from './clauses.js';

const plan = await buildPlan(FAMILY);

/** Every tensor of a request, with its JSON path for messages. */
function tensorsOf(c: PlannedCase): Array<[string, TensorJson]> {
  const out = Object.entries(c.request.inputs).map(([name, t]): [string, TensorJson] => [`inputs.${name}`, t]);
  if (c.request.grad_output) out.push(['grad_output', c.request.grad_output]);
  return out;
}

describe('hinge_embedding_loss plan: tensors', () => {
  it('gives grad_output the loss shape: [] for mean and sum, the input shape for none', () => {
    const bad = plan.filter((c) => {
      const g = c.request.grad_output;
      // A fuzz regression keeps the fuzzer's grad_output, which has the loss's shape (broadcast, when the label is larger).
      if (!g || c.group === 'regressions') return false;
      const reduction = (c.request.kwargs ?? c.request.init)?.reduction ?? 'mean';
      const want = reduction === 'none' ? c.request.inputs.input!.shape : [];
      return g.shape.join() !== want.join() || c.request.grad === undefined;
    });
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('keeps all requests together under 2.5 MB of JSON, leaving room for outputs in the 5 MB golden budget', () => {
    const bytes = Buffer.byteLength(stringifyExact(plan.map((c) => c.request)));
    expect(bytes).toBeLessThan(2.5e6);
  });

  it('keeps tensors inline (<= 64 elements) except in the large and paddle_unittest groups', () => {
    const bad = plan.filter((c) => c.group !== 'large' && c.group !== 'paddle_unittest' && tensorsOf(c).some(([, t]) => t.b64 !== undefined));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it("asks for a gradient in the large group only with reduction 'none' (the 1e5-element goldens stay small)", () => {
    expect(plan.filter((c) => c.group === 'large' && c.request.grad).map((c) => c.id)).toEqual(['hinge_embedding_loss/large/n=1500,dtype=float32,reduction=none']);
  });
});

describe('hinge_embedding_loss plan: levels', () => {
  const clauseTexts = Object.values(CLAUSES) as string[];

  it('has spec cases that quote only clauses of the page, and no rules', () => {
    const bad = plan.filter(
      (c) => c.level === 'spec' && (c.rules !== undefined || !c.spec_clause || !c.spec_clause.split(CLAUSE_SEPARATOR).every((q) => clauseTexts.includes(q))),
    );
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('marks every case whose call is certain to be refused as an error case', () => {
    const refused = plan.filter((c) => {
      const r = (c.request.kwargs ?? c.request.init)?.reduction;
      return r !== undefined && !['none', 'mean', 'sum'].includes(r as string);
    });
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((c) => !c.tags.includes('error')).map((c) => c.id)).toEqual([]);
  });
});

describe('hinge_embedding_loss plan: literal cases', () => {
  const byId = new Map(plan.map((c) => [c.id, c]));

  it('sends the documentation page example verbatim', () => {
    const c = byId.get('hinge_embedding_loss/doc_example/form=layer,reduction=mean');
    expect(c?.request).toEqual({
      api: 'paddle.nn.HingeEmbeddingLoss',
      inputs: {
        input: { dtype: 'float32', shape: [3, 3], data: [1, -2, 3, 0, -1, 2, 1, 0, 1] },
        label: { dtype: 'float32', shape: [3, 3], data: [-1, 1, -1, 1, 1, 1, 1, -1, 1] },
      },
      init: { margin: 1, reduction: 'mean' },
    });
  });

  it('places float32 input one ulp below float32(0.1) (0x3dcccccc) for margin 0.1', () => {
    const c = byId.get('hinge_embedding_loss/margin_boundary/margin=0.1,dtype=float32,x=margin-1ulp');
    expect(c?.request.inputs.input?.data).toEqual([0.09999999403953552]);
    expect(c?.request.kwargs).toEqual({ margin: 0.1, reduction: 'none' });
    expect(c?.request.grad).toEqual(['input']);
  });

  it('sends no kwargs at all for the all-defaults control', () => {
    const c = byId.get('hinge_embedding_loss/reductions/dtype=float32,reduction=default');
    expect(c?.request.kwargs).toBeUndefined();
    expect(c?.request.init).toBeUndefined();
    expect(c?.tags).toContain('default-kwargs');
  });

  it('encodes margin 1e39, NaN, an int and None as the protocol says', () => {
    const margin = (id: string) => byId.get(`hinge_embedding_loss/margins/margin=${id},dtype=float32,reduction=none`)?.request.kwargs?.margin;
    expect(margin('1e39')).toBe(1e39);
    expect(margin('NaN')).toBe('NaN');
    expect(margin('-inf')).toBe('-Infinity');
    expect(margin('int(2)')).toEqual({ int: 2 });
    expect(margin('None')).toBeNull();
    expect(Object.is(margin('-0.0'), -0)).toBe(true);
  });

  it('stores the large cases as base64 of 100000 float32 values', () => {
    const c = byId.get('hinge_embedding_loss/large/n=100000,dtype=float32,reduction=sum');
    expect(c?.request.inputs.input?.shape).toEqual([100000]);
    expect(c?.request.inputs.input?.b64?.length).toBe(533336);
  });
});
