/**
 * What produced a differing element of an element-wise result: the operand
 * elements behind it, the scalar arguments that entered it, and the branch of
 * the formula taken, so a port author can act on a value failure without
 * running `show`. Each op explains its own elements (OpDescriptor.explain);
 * this module holds the shape of an explanation that the reports print.
 */
import type { RequestJson } from './case.js';
import { elementAt, hexBitsAt, type WireTensor } from './wire.js';

/** The first differing element of a tensor, with everything needed to judge it. */
export interface ElementMismatch {
  /** Which tensor: `output` (`output.<name>` of an op with several outputs) or `grad.<input name>`. */
  field: string;
  /** Flat row-major index of the first differing element. */
  index: number;
  /** The same index per dimension ([] for a 0-D tensor). */
  multiIndex: number[];
  /** The port's value. */
  actual: number;
  /** Paddle's value. */
  expected: number;
  /** The port's raw bits, 0x-prefixed hex. */
  actualBits: string;
  /** Paddle's raw bits, 0x-prefixed hex. */
  expectedBits: string;
  /** Distance in units in the last place, exact (float64 distances pass 2^53); null when a NaN is involved. */
  ulps: bigint | null;
  /** |actual − expected| in float64. */
  difference: number;
  /** How many elements differ in all. */
  mismatches: number;
  /** Elements in the tensor. */
  size: number;
}

/** The row-major multi-index of a flat index. */
export function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    out[d] = size === 0 ? 0 : rest % size;
    rest = size === 0 ? 0 : Math.floor(rest / size);
  }
  return out;
}

/** One element of a request tensor. */
export interface OperandElement {
  /** Its index per dimension in its own tensor ([] for a 0-D tensor). */
  index: number[];
  /** Its value. */
  value: number;
  /** Its raw bits, 0x-prefixed hex. */
  bits: string;
}

/** A scalar argument as the request gives it and, when rounding changes it, in the tensors' dtype. */
export interface ScalarArgument {
  /** The value given. */
  value: number;
  /** The value in the dtype the op computes in, when it differs (float32: 0.1 becomes 0.10000000149011612). */
  inDtype?: number;
}

/** The inputs behind one differing element of an element-wise result (reduction 'none', or a gradient). */
export interface ElementContext {
  /** The operand elements it was computed from, by parameter name, in the op's order. */
  operands: Record<string, OperandElement>;
  /** The scalar arguments that entered it, by parameter name. */
  scalars: Record<string, ScalarArgument>;
  /** The branch of the formula taken; absent when no single branch is involved. */
  branch?: string;
  /**
   * Anything else a reader needs to recompute it, in one sentence. Where the
   * explainer can see an intermediate value in a regime where correct
   * computations part (below the dtype's normal range, past its largest
   * value, in a narrower dtype than the result), the note names it first
   * (withCauses): a failure then points at that value, not only at the rules
   * the case cites.
   */
  note?: string;
}

/** Explains a differing element of a case's result; undefined when there is nothing to explain. */
export type ElementExplainer = (request: RequestJson, element: ElementMismatch) => ElementContext | undefined;

/** The element at a flat index of a tensor, with its multi-index and bits. */
export function operandElement(t: WireTensor, flat: number): OperandElement {
  return { index: unravel(flat, t.shape), value: elementAt(t, flat), bits: hexBitsAt(t, flat) };
}

/**
 * The context with the intermediate values most likely behind the difference
 * named at the head of its note ("cause: …; …"); unchanged when there are none.
 */
export function withCauses(context: ElementContext, causes: readonly string[]): ElementContext {
  if (causes.length === 0) return context;
  const head = `cause: ${causes.join('; ')}`;
  return { ...context, note: context.note ? `${head}. ${context.note}` : head };
}

/** A value for a sentence about an intermediate: five significant digits, -0 and the non-finite values by name. */
export function shortNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (x === 0 || !Number.isFinite(x)) return String(x);
  // Number() drops trailing zeros, but would read 1.7977e+308 (float64's largest, to five digits) as Infinity.
  const text = x.toPrecision(5);
  return Number.isFinite(Number(text)) ? String(Number(text)) : text.replace(/\.?0+e/, 'e');
}
