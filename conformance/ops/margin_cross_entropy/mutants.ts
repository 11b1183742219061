/**
 * margin_cross_entropy's mutants: a port that computes the page's loss where Paddle's CPU raises, and each
 * check's alternative (the check skipped, so the call reaches the kernel and raises Unavailable instead).
 */
import { bindOp, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;
const UNAVAILABLE = { type: 'RuntimeError', message: '(Unavailable) Do not support margin_cross_entropy for cpu kernel now.' };

/** The page's loss in float64, rounded to the logits' dtype: −log softmax of s·(cos(m1·acos(x_y) + m2) − m3) against s·x_j. */
function arcFace(r: PortRequest, args: Record<string, unknown>): { output: ReturnType<typeof encodeTensor> } {
  const logits = decodeTensor(tensorOf(r, 'logits'));
  const x = valuesOf(logits), y = valuesOf(decodeTensor(tensorOf(r, 'label')));
  const num = (k: string, d: number): number => (typeof args[k] === 'number' ? (args[k] as number) : d);
  const [m1, m2, m3, s] = [num('margin1', 1), num('margin2', 0.5), num('margin3', 0), num('scale', 64)];
  const c = logits.shape[logits.shape.length - 1] ?? 1;
  const losses = y.map((label, i) => {
    const z = x.slice(i * c, i * c + c).map((v, j) => s * (j === label ? Math.cos(m1 * Math.acos(v) + m2) - m3 : v));
    const max = Math.max(...z);
    return max + Math.log(z.reduce((a, v) => a + Math.exp(v - max), 0)) - z[label]!;
  });
  const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
  const dtype = logits.dtype === 'float64' ? 'float64' : 'float32';
  return { output: encodeTensor(fromValues(dtype, [], [dtype === 'float64' ? mean : Math.fround(mean)])) };
}

/** A port that answers with the ArcFace loss where Paddle raises Unavailable, for the requests `applies` picks. */
function computes(op: Op, id: string, description: string, applies: (r: PortRequest) => boolean, rule?: string): Variant {
  const { reference, argsOf } = bindOp(op);
  return {
    id, expect: 'killed', description, ...(rule && { rule }),
    handle: (r) => {
      const res = reference(r);
      if (res.error?.message !== UNAVAILABLE.message || !applies(r)) return res;
      try { return { id: r.id, ...arcFace(r, argsOf(r) as Record<string, unknown>) }; } catch { return res; }
    },
  };
}

/** margin_cross_entropy's mutants, over its descriptor. */
export function marginCrossEntropyMutants(OP: Op): readonly Variant[] {
  const { reference } = bindOp(OP);
  const raises = (r: PortRequest, type: string): boolean => reference(r).error?.type === type;
  return [
    computes(OP, 'margin-ce-computes-on-cpu', "computes the page's ArcFace loss (mean reduction) where Paddle's CPU kernel raises RuntimeError (Unavailable)", () => true),
    computes(OP, 'margin-ce-float64-computed-on-cpu', 'computes float64 logits on CPU (a double-precision fallback), raising Unavailable for the rest', (r) => decodeTensor(tensorOf(r, 'logits')).dtype === 'float64', 'margin-ce-cpu-kernel-unavailable'),
    {
      id: 'margin-ce-python-checks-skipped', expect: 'killed', rule: 'margin-ce-python-checks',
      description: 'skips the reduction, group, class-count and rank checks, so such a call reaches the kernel and raises Unavailable',
      handle: (r) => (raises(r, 'AssertionError') || raises(r, 'IndexError') || /^Expected /.test(reference(r).error?.message ?? '') ? { id: r.id, error: UNAVAILABLE } : reference(r)),
    },
    {
      id: 'margin-ce-argument-types-unchecked', expect: 'killed', rule: 'margin-ce-argument-types',
      description: 'takes any margin, scale or return_softmax without reading its type, so such a call raises Unavailable, not TypeError',
      handle: (r) => (/^\((InvalidType|InvalidArgument)\) margin_cross_entropy\(\): argument/.test(reference(r).error?.message ?? '') ? { id: r.id, error: UNAVAILABLE } : reference(r)),
    },
    {
      id: 'margin-ce-shapes-after-dtype-unchecked', expect: 'killed', rule: 'margin-ce-kernel-chosen-then-shapes',
      description: "neither chooses a kernel by dtype nor infers shapes: int and bfloat16 logits and mismatched labels raise Unavailable",
      handle: (r) => (/^\((NotFound|InvalidArgument)\) (The kernel|Input\(Logits\)|the last dimension)/.test(reference(r).error?.message ?? '') ? { id: r.id, error: UNAVAILABLE } : reference(r)),
    },
  ];
}
