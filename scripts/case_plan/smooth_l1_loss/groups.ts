/**
 * smooth_l1_loss's groups: the standard plan of a regression loss
 * (scripts/case_plan/standard_loss.ts) with this op's page and rules, and
 * its own: delta and is_huber.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import { opRequest, plannedCase } from '../planned_case.js';
import type { Groups } from '../plan.js';
import { ParamSet } from '../params.js';
import { standardLossGroups } from '../standard_loss.js';
import { tensor } from '../tensor.js';
import { CLAUSES } from './clauses.js';

const FAMILY = 'smooth_l1_loss';

/** delta on both sides of every residual, and is_huber: the loss and both gradients, reduction none. */
function deltaCases(): PlannedCase[] {
  const rows = ParamSet.control({ delta: 1.0, is_huber: true }).vary('delta', [0.5, 1.5, 3, 0, -1]).combine('form', ['functional', 'layer'] as const)
    .filter((p) => p.form === 'functional' || p.delta === 1.5);
  const huber = [...rows].flatMap((p) => [true, false].map((isHuber) => ({ ...p, is_huber: isHuber })));
  return huber.map((p) => {
    const unchecked = p.delta <= 0;
    const request = opRequest(FAMILY, {
      form: p.form,
      tensors: { input: tensor('float32', [6], [0.5, 2, -3, 1.5, -0.25, 1]), label: tensor('float32', [6], [0, 0, 0, 0, 0, 1]) },
      args: { reduction: 'none', delta: p.delta, ...(!p.is_huber && { is_huber: false }) },
      grad: p.form === 'functional' ? ['input', 'label'] : undefined,
    });
    const description = `delta ${p.delta}, is_huber ${p.is_huber ? 'True' : 'False'}, through the ${p.form} form: residuals inside and outside delta`;
    if (unchecked || !p.is_huber) {
      return plannedCase({ family: FAMILY, group: 'deltas', params: p, request, description, rules: [...(unchecked ? ['huber-loss-delta-unchecked'] : []), ...(p.is_huber ? [] : ['smooth-l1-is-huber'])] });
    }
    return plannedCase({ family: FAMILY, group: 'deltas', params: p, request, description, clause: [CLAUSES.none, p.form === 'layer' ? CLAUSES.layer : CLAUSES.functional].join(' // ') });
  });
}

/**
 * A NaN upstream gradient of both signs: input's gradient (−r) · g keeps g's
 * NaN, which a port negating label's gradient, −(r · g), would flip.
 */
function upstreamCases(): PlannedCase[] {
  const nan = new Float32Array(Uint32Array.from([0x7fc00000, 0xffc00000, 0x7fc00000, 0xffc00000]).buffer);
  return [plannedCase({
    family: FAMILY, group: 'upstream', params: { upstream: 'nan_both_signs' },
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [4], [0.5, -0.5, 2, -2]), label: tensor('float32', [4], [0, 0, 0, 0]) },
      args: { reduction: 'none' }, grad: ['input', 'label'], gradOutput: tensor('float32', [4], nan),
    }),
    description: 'upstream +NaN and -NaN, residuals inside and outside delta: both gradients keep the upstream NaN',
    rules: ['huber-loss-input-grad-negated-factor'], tags: ['grad', 'nan'],
  })];
}

/**
 * paddle.nn.HuberLoss, the layer's alias since Paddle 3.3.0: the same
 * constructor arguments give the same results and errors as SmoothL1Loss
 * (is_huber and the refused legacy arguments included); earlier releases
 * record its AttributeError.
 */
function huberLossCases(): PlannedCase[] {
  const configs: { name: string; init: Record<string, KwargJson>; grad?: boolean; rules?: string[] }[] = [
    { name: 'defaults', init: {}, grad: true },
    { name: 'sum', init: { reduction: 'sum' }, grad: true },
    { name: 'none_delta_1.5', init: { reduction: 'none', delta: 1.5 } },
    { name: 'not_huber', init: { reduction: 'none', delta: 1.5, is_huber: false }, rules: ['smooth-l1-is-huber'] },
    { name: 'size_average', init: { size_average: true }, rules: ['smooth-l1-layer-legacy-arguments'] },
  ];
  return configs.map((c) => {
    const request = opRequest(FAMILY, {
      form: 'layer',
      tensors: { input: tensor('float32', [6], [0.5, 2, -3, 1.5, -0.25, 1]), label: tensor('float32', [6], [0, 0, 0, 0, 0, 1]) },
      args: c.init, grad: c.grad ? ['input', 'label'] : undefined,
    });
    return plannedCase({
      family: FAMILY, group: 'huber_loss', params: { config: c.name }, request: { ...request, api: 'paddle.nn.HuberLoss' },
      description: `paddle.nn.HuberLoss(${Object.entries(c.init).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}), the alias of SmoothL1Loss`,
      rules: ['smooth-l1-huber-loss-alias', ...(c.rules ?? [])],
    });
  });
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardLossGroups({
    family: FAMILY,
    clauses: CLAUSES,
    example: { shape: [2, 3], input: [0.5, 2, -3, 1.25, -0.75, 4], label: [0, 0.5, 0, 0, 0.25, 1] },
    integersDocumented: false,
    integersRule: 'huber-loss-float-kernels-only',
    rules: {
      badReduction: 'smooth-l1-reduction-checked-last',
      legacyArguments: 'smooth-l1-layer-legacy-arguments',
      broadcasts: 'huber-loss-shapes-must-equal',
      gradNegates: 'huber-loss-input-grad-negated-factor',
      refused: { float16: 'huber-loss-float-kernels-only', bool: 'huber-loss-float-kernels-only', bfloat16: 'huber-loss-float-kernels-only' },
      integerMean: { rule: 'huber-loss-float-kernels-only', raises: true },
      integerSum: 'huber-loss-float-kernels-only',
      emptyMean: 'mean-of-empty-is-nan',
      emptySum: 'sum-of-empty-is-zero',
      meanGrad: 'mean-grad-divides-by-count',
      nan: ['huber-loss-nan-residual'],
      zero: ['huber-loss-input-grad-negated-factor'],
    },
  }),
  deltas: deltaCases,
  upstream: upstreamCases,
  huber_loss: huberLossCases,
};
