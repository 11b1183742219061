/**
 * What `npm run new-op` learns of a loss from Paddle's own signatures: its
 * tensors (required and optional), its keywords with kinds and defaults, its
 * layer if it has one, and whether the layer takes PyTorch's removed
 * size_average/reduce only to refuse them.
 */
import type { KwargSpec } from '../../conformance/op.js';

/** One Python parameter, as introspect.py reports it. */
export interface PythonParam {
  readonly name: string;
  /** The annotation as Python prints it ('' when none). */
  readonly annotation: string;
  /** The default, absent for a required parameter. */
  readonly default?: unknown;
}

/** introspect.py's report: the functional form's parameters and the layer's constructor's. */
export interface Introspection {
  readonly paddle: string;
  readonly functional: readonly PythonParam[];
  readonly layer: { readonly name: string; readonly params: readonly PythonParam[] } | null;
}

/** Everything the scaffold's templates need to know of one op. */
export interface OpShape {
  readonly family: string;
  /** The layer's class under paddle.nn; undefined for a functional-only API. */
  readonly layerClass?: string;
  /** The Paddle release the signatures were read from. */
  readonly paddle: string;
  /** The required tensor parameters, in Paddle's order. */
  readonly tensors: readonly string[];
  /** Keywords between the tensors and `name`, in Paddle's order. */
  readonly kwargs: readonly KwargSpec[];
  /** Optional tensor parameters (`weight=None`), passed by keyword. */
  readonly optionalTensors: readonly string[];
  /** Whether the op has a `reduction` keyword. */
  readonly reduction: boolean;
  /** Whether the functional form takes `name` (square_error_cost takes none). */
  readonly name?: boolean;
  /** Whether the layer's constructor takes size_average and reduce (to refuse them). */
  readonly legacy: boolean;
  /** The functional form's Python signature, for the headers. */
  readonly pythonSignature: string;
}

/** A reason the scaffold cannot be made, worded for the person who asked for it. */
export class ScaffoldError extends Error {}

const isTensor = (p: PythonParam): boolean => /Tensor/.test(p.annotation);

/** The op's shape from Paddle's signatures; a functional-only op when no layer was found (pass --layer <Class> when its name differs). */
export function opShape(family: string, found: Introspection): OpShape {
  const params = found.functional.filter((p) => p.name !== 'name');
  const tensors = params.filter((p) => !('default' in p) && (isTensor(p) || p.annotation === '')).map((p) => p.name);
  const optionalTensors = params.filter((p) => 'default' in p && isTensor(p)).map((p) => p.name);
  const kwargs = params.filter((p) => 'default' in p && !isTensor(p)).map(kwargSpec);
  return {
    family,
    ...(found.layer && { layerClass: found.layer.name }),
    paddle: found.paddle,
    tensors,
    kwargs,
    optionalTensors,
    reduction: kwargs.some((k) => k.name === 'reduction'),
    name: found.functional.some((p) => p.name === 'name'),
    legacy: found.layer !== null && ['size_average', 'reduce'].every((n) => found.layer!.params.some((p) => p.name === n)),
    pythonSignature: `${family}(${found.functional.map(pythonParam).join(', ')})`,
  };
}

/** A keyword's spec: a Python float is decoded as one, a bool is a bool; anything else (str, int, None) passes through as JSON. */
function kwargSpec(p: PythonParam): KwargSpec {
  const isFloat = /\bfloat\b/.test(p.annotation) || (typeof p.default === 'number' && !Number.isInteger(p.default));
  const isBool = p.annotation === 'bool' || typeof p.default === 'boolean';
  return { name: p.name, kind: isFloat ? 'float' : isBool ? 'bool' : 'str', default: (p.default ?? null) as KwargSpec['default'] };
}

function pythonParam(p: PythonParam): string {
  if (!('default' in p)) return p.name;
  const d = p.default;
  return `${p.name}=${d === null ? 'None' : typeof d === 'string' ? `'${d}'` : d === true ? 'True' : d === false ? 'False' : String(d)}`;
}

/** The op's names in the forms the templates use. */
export function namesOf(shape: OpShape): { camel: string; pascal: string; upper: string; prefix: string } {
  const camel = shape.family.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return {
    camel,
    pascal: camel[0]!.toUpperCase() + camel.slice(1),
    upper: shape.family.toUpperCase(),
    prefix: shape.family.replace(/_loss$/, '').replaceAll('_', '-'),
  };
}
