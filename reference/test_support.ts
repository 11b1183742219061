/**
 * Helpers the reference's tests share: reading a tensor's values and what a
 * call raised. Test support only; the package build leaves it out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PaddleError } from './errors.js';
import { tensor, type Tensor } from './tensor.js';

/** The element values of a tensor, as float64 numbers (exact for float32 data). */
export function values(t: Tensor): number[] {
  return Array.from(t.data);
}

/** The error a call raises, as [Python type, message]; fails when it raises none or a non-Paddle error. */
export function raised(call: () => unknown): [string, string] {
  try {
    call();
  } catch (e) {
    if (e instanceof PaddleError) return [e.name, e.message];
    throw e;
  }
  throw new Error('the call did not raise');
}

/** Rule names marked in the reference's sources (not in tests): what the ops' rule tables must hold. */
export function rulesInSources(): string[] {
  // The op modules and the kernel layer's (kernels/) alike.
  const here = new URL('.', import.meta.url);
  const files = readdirSync(here, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test_support.ts');
  return [...new Set(files.flatMap((f) => ruleMarkers(readFileSync(new URL(f, here), 'utf8'))))].sort();
}

/**
 * The rule names a text marks: each backticked name after "Rule" or "Rules",
 * in a list joined by commas or "and", however a comment wraps it
 * ("Rules `a` and\n * `b`" marks a and b).
 */
export function ruleMarkers(text: string): string[] {
  // A comment's line break with its leading `*` or `//` counts as a space.
  const flat = text.replace(/\s*\n\s*(?:\*(?!\/)|\/\/)?\s*/g, ' ');
  const lists = flat.matchAll(/\bRules? ((?:`[a-z0-9-]+`(?:,? and |, | )?)+)/g);
  return [...lists].flatMap((m) => [...m[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((n) => n[1]!));
}

/** The float32 bits of each element as 0x-hex, read from the tensor's own storage (a JS number may not keep a NaN's sign). */
export function float32Bits(t: Tensor): string[] {
  return Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.size), (u) => `0x${u.toString(16)}`);
}

/** A float32 tensor from raw bits, so a NaN's sign reaches the reference (a JavaScript array may canonicalise it). */
export function float32FromBits(bits: readonly number[], shape: readonly number[] = [bits.length]): Tensor {
  return tensor(new Float32Array(Uint32Array.from(bits).buffer), { shape });
}
