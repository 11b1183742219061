/**
 * soft_margin_loss's plan beyond what every op's plan must satisfy
 * (../plan.test.ts): spec cases quote the page and stay where every exp is
 * finite and 1 + exp(z) does not round to 1, every rule is cited, and the
 * requests carry what the groups say.
 */
import { describe, expect, it } from 'vitest';
import type { PlannedCase } from '../../../conformance/case.js';
import { decodeTensor, valuesOf } from '../../../conformance/wire.js';
import { SOFT_MARGIN_LOSS_RULE_NAMES } from '../../../reference/index.js';
import { buildPlan } from '../index.js';
import { FAMILY } from './case.js';
import { CLAUSE_SEPARATOR, CLAUSES } from './clauses.js';

const plan = await buildPlan(FAMILY);
const argsOf = (c: PlannedCase) => c.request.kwargs ?? c.request.init ?? {};
const values = (c: PlannedCase, name: string): number[] => valuesOf(decodeTensor(c.request.inputs[name]));

/** z = -label * input per element, in float64 (enough to tell the regimes apart). */
const zs = (c: PlannedCase): number[] => {
  const x = values(c, 'input');
  const y = values(c, 'label');
  return x.map((v, i) => -y[i]! * v);
};

describe('soft_margin_loss plan: levels', () => {
  it('quotes only the page in spec cases', () => {
    const texts = Object.values(CLAUSES) as string[];
    const bad = plan.filter((c) => c.level === 'spec' && !c.spec_clause!.split(CLAUSE_SEPARATOR).every((q) => texts.includes(q)));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it.each(SOFT_MARGIN_LOSS_RULE_NAMES.map((r) => [r] as const))('cites rule %s in at least one paddle case', (rule) => {
    expect(plan.some((c) => c.level === 'paddle' && (c.rules ?? []).includes(rule))).toBe(true);
  });

  it('keeps spec cases with finite operands to |z| < 16, where exp neither overflows nor vanishes beside 1', () => {
    const bad = plan.filter((c) => c.level === 'spec' && zs(c).some((z) => Number.isFinite(z) && Math.abs(z) >= 16));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('sends only labels of ±1 in spec cases ("values should be numbers -1 or 1"), NaN probes aside', () => {
    const bad = plan.filter((c) => c.level === 'spec' && values(c, 'label').some((y) => !Number.isNaN(y) && y !== 1 && y !== -1 && c.request.inputs.label!.dtype !== 'bool'));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('has spec cases in every group but errors, labels and overflow', () => {
    const specGroups = new Set(plan.filter((c) => c.level === 'spec').map((c) => c.group));
    expect([...specGroups].sort()).toEqual(['doc_example', 'dtypes', 'forms', 'gradients', 'large', 'paddle_unittest', 'reductions', 'shapes', 'special_values']);
  });
});

describe('soft_margin_loss plan: requests', () => {
  it("sends the page's example as printed: float32 [[0.5, 0.6, 0.7], [0.3, 0.5, 0.2]] against [[1, -1, 1], [-1, 1, 1]]", () => {
    const c = plan.find((p) => p.id === 'soft_margin_loss/doc_example/form=functional,reduction=default')!;
    expect([values(c, 'input'), values(c, 'label'), argsOf(c)]).toEqual([[0.5, 0.6, 0.7, 0.3, 0.5, 0.2].map(Math.fround), [1, -1, 1, -1, 1, 1], {}]);
  });

  it('gives grad_output the loss shape: [] for mean and sum, the input shape for none', () => {
    const bad = plan.filter((c) => {
      const g = c.request.grad_output;
      if (!g) return false;
      const want = (argsOf(c).reduction ?? 'mean') === 'none' ? decodeTensor(c.request.inputs.input).shape : [];
      return g.shape.join() !== want.join();
    });
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('puts the packet layouts of the overflow group in whole packets of both dtypes (16 elements)', () => {
    const packets = plan.filter((c) => c.group === 'overflow' && c.id.includes('layout=packets'));
    expect(new Set(packets.map((c) => values(c, 'input').length))).toEqual(new Set([16]));
  });

  it('keeps the large group under 2e4 float32 elements a case, with a tail after the packets (n mod 8 = 3)', () => {
    const sizes = plan.filter((c) => c.group === 'large').map((c) => values(c, 'input').length).sort((a, b) => a - b);
    expect(sizes).toEqual([1499, 5003, 20003, 20003, 20003]);
  });

  it('sends the layer its removed arguments as keywords only to the layer, and one functional size_average', () => {
    const legacy = plan.filter((c) => 'size_average' in argsOf(c) || 'reduce' in argsOf(c));
    expect(legacy.map((c) => [c.request.api, c.rules]).filter(([api]) => api === 'paddle.nn.functional.soft_margin_loss')).toHaveLength(1);
    expect(legacy.every((c) => c.rules!.includes('soft-margin-layer-legacy-arguments'))).toBe(true);
  });
});
