/**
 * x86's choice of NaN, made explicit where a JS engine would leave it open.
 *
 * When both operands of an SSE/AVX addition are NaN, the result is the first
 * operand's NaN, sign bit included; Paddle's binaries fix the operand order,
 * so its NaN signs are repeatable. A JS engine may swap the operands of a
 * commutative `+`, so `a + b` alone leaves the sign to the optimiser (the
 * same request gave either sign depending on how warm the code was). For
 * the same reason a NaN whose sign matters never passes through a JS array
 * literal: V8 may keep the array's numbers as doubles and store a NaN there
 * as +NaN while the code is cold (x86_nan.test.ts runs such requests cold).
 */
import type { DType } from './dtype.js';

/** a + b rounded in the dtype; when either is NaN, the first NaN operand itself. */
export function addKeepingFirstNaN(a: number, b: number, dt: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return dt.round(a + b);
}

/**
 * -1 · v as x86's mulss computes it: a NaN comes back as it is, sign and
 * payload kept (upstream NaN 0x7fc00000 under label -1 gives 0x7fc00000 in
 * Paddle 3.3.1), where V8 may compile `v * -1` to a sign flip. Paddle's
 * scale(x, -1) and its subtract gradient behave so.
 */
export function negate(v: number): number {
  return v !== v ? v : -v;
}

/** a · b rounded in the dtype; when either is NaN, the first NaN operand itself (see addKeepingFirstNaN). */
export function mulKeepingFirstNaN(a: number, b: number, dt: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return dt.round(a * b);
}

/** a / b rounded in the dtype; when either is NaN, the first NaN operand itself (see addKeepingFirstNaN). */
export function divKeepingFirstNaN(a: number, b: number, dt: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return dt.round(a / b);
}

/** −v as C++'s unary minus (or GCC's fold of −1 · v) computes it: the sign bit flipped, a NaN's too. */
export function flipSign(v: number): number {
  SCRATCH[0] = v;
  SCRATCH_BITS[1] = (SCRATCH_BITS[1]! ^ 0x80000000) >>> 0;
  return SCRATCH[0]!;
}
const SCRATCH = new Float64Array(1);
const SCRATCH_BITS = new Uint32Array(SCRATCH.buffer);
