/**
 * hsigmoid_loss's mutants: the natural bugs (the bias dropped, the padding's log 2 subtracted as the page's sum
 * over the path would have it, no clip, the clip's subgradient, a refused 1-D label or is_sparse, a layer that
 * takes num_classes < 2) and the correct variants inside the bound (a fused dot, the C library's exp and log everywhere).
 */
import type { ResponseJson } from '../../case.js';
import type { OpDescriptor, ReferenceAnswer } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { decodeTensor } from '../../wire.js';
import { fma } from '../../../reference/elementary.js';
import { codeTable, PADDLE_HSIGMOID, type HsigmoidKernels, type Tensor } from '../../../reference/index.js';
import { toReference } from '../../reference_bridge.js';

type Op = Omit<OpDescriptor, 'mutants'>;

const raise = (r: PortRequest, type: string, message: string): ResponseJson => ({ id: r.id, error: { type, message } });
const classesOf = (r: PortRequest): number => { const c = (r.kwargs ?? {}).num_classes as { int?: number } | number | undefined; return typeof c === 'number' ? c : c?.int ?? 0; };
const table = (r: PortRequest) => {
  const t = (name: string): Tensor | undefined => (r.inputs[name] ? toReference(decodeTensor(r.inputs[name])) : undefined);
  return codeTable(t('label')!, t('input')!.shape[0]!, classesOf(r), t('path_table'), t('path_code'));
};

/** A dot product with one fused multiply-add per term (where it is not finite, Paddle's: which infinity or NaN comes out follows the order). */
const fusedDot: HsigmoidKernels['dot'] = (a, aRow, b, bRow, k, d) => {
  let acc = 0;
  for (let t = 0; t < k; t++) acc = d.round(fma(a.at(aRow * k + t), b.at(bRow * k + t), acc));
  return Number.isFinite(acc) ? acc : PADDLE_HSIGMOID.dot(a, aRow, b, bRow, k, d);
};

/** The mutants and correct variants of the op; `answerWith` is the reference over other kernels. */
export function hsigmoidLossMutants(op: Op, answerWith: (k: HsigmoidKernels) => ReferenceAnswer): Variant[] {
  const reference = op.reference;
  const fn = (r: PortRequest): boolean => r.api === op.functional && classesOf(r) >= 2;
  const when = (v: Omit<Variant, 'handle'>, applies: (r: PortRequest) => boolean, f: (r: PortRequest) => ResponseJson): Variant => ({ ...v, handle: (r) => (applies(r) ? f(r) : reference(r)) });
  const kernels = (v: Omit<Variant, 'handle'>, k: Partial<HsigmoidKernels>): Variant => when(v, fn, answerWith({ ...PADDLE_HSIGMOID, ...k }));
  return [
    when({ id: 'hsigmoid-bias-dropped', expect: 'killed', description: 'bias is ignored' }, (r) => fn(r) && r.inputs.bias !== undefined, (r) => {
      const { bias: _, ...inputs } = r.inputs;
      return { ...reference({ ...r, inputs, ...(r.grad && { grad: r.grad.filter((g) => g !== 'bias') }) }), id: r.id };
    }),
    when({ id: 'hsigmoid-padding-not-summed', expect: 'killed', rule: 'hsigmoid-padding-adds-log-2', description: "the loss sums over each row's own path only: a shorter path adds no log 2" }, fn, (r) => {
      const res = reference(r);
      if (!res.output || Array.isArray(res.output)) return res;
      const t = table(r);
      const round = rounderOf(decodeTensor(res.output).dtype)!;
      return { ...res, output: mapValues(res.output, (v, i) => round(v - (t.width - t.nodes[i]!.length) * Math.LN2)) };
    }),
    kernels({ id: 'hsigmoid-no-clip', expect: 'killed', rule: 'hsigmoid-softrelu-eigen-packets', description: 'the pre-activations are not clipped to [−40, 40]' }, { clip: Infinity }),
    kernels({ id: 'hsigmoid-clip-subgradient', expect: 'killed', rule: 'hsigmoid-grad-ignores-clip', description: 'a clipped pre-activation gets no gradient' }, { clipGrad: true }),
    kernels({ id: 'hsigmoid-dot-fused', expect: 'passes', rule: 'hsigmoid-dot-mkl-order', description: 'the dot products with fused multiply-adds, inside the bound' }, { dot: fusedDot }),
    kernels({ id: 'hsigmoid-softrelu-libm', expect: 'passes', description: "the C library's exp and log on every element, inside the bound" }, { packets: false }),
    when({ id: 'hsigmoid-flat-label-refused', expect: 'killed', rule: 'hsigmoid-kernel-reads-unchecked', description: 'a label other than [N, 1] raises ValueError, as the page implies' },
      (r) => fn(r) && decodeTensor(tensorOf(r, 'label')).shape.length !== 2, (r) => raise(r, 'ValueError', 'label must be [N, 1]')),
    when({ id: 'hsigmoid-is-sparse-refused', expect: 'killed', rule: 'hsigmoid-is-sparse-forward-unchanged', description: 'is_sparse=True raises NotImplementedError in eager mode' },
      (r) => fn(r) && (r.kwargs ?? {}).is_sparse === true, (r) => raise(r, 'NotImplementedError', 'sparse gradients are not supported')),
    when({ id: 'hsigmoid-layer-no-features-refused', expect: 'killed', rule: 'hsigmoid-layer-constructor', description: 'HSigmoidLoss refuses feature_size 0 (AssertionError), as before Paddle 3.0.0' },
      (r) => r.api === op.layer && (r.init ?? {}).feature_size !== undefined && JSON.stringify((r.init ?? {}).feature_size) === '{"int":0}', (r) => raise(r, 'AssertionError', "Expected every dim's size to be larger than 0")),
  ];
}
