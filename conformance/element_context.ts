/**
 * What produced a differing element of an element-wise result: the operand
 * elements behind it, the scalar arguments that entered it, and the branch of
 * the formula taken, so a port author can act on a value failure without
 * running `show`. Each op explains its own elements (OpDescriptor.explain);
 * this module holds the shape of an explanation that the reports print.
 */
import type { RequestJson } from './case.js';
import { unravel, type ElementMismatch } from './compare.js';
import { elementAt, hexBitsAt, type WireTensor } from './wire.js';

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
  /** Anything else a reader needs to recompute it, in one sentence. */
  note?: string;
}

/** Explains a differing element of a case's result; undefined when there is nothing to explain. */
export type ElementExplainer = (request: RequestJson, element: ElementMismatch) => ElementContext | undefined;

/** The element at a flat index of a tensor, with its multi-index and bits. */
export function operandElement(t: WireTensor, flat: number): OperandElement {
  return { index: unravel(flat, t.shape), value: elementAt(t, flat), bits: hexBitsAt(t, flat) };
}
