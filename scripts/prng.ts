/**
 * A small seeded pseudo-random number generator (mulberry32), so the case plan
 * draws the same values on every machine and every run.
 *
 * Math.random cannot be seeded, and a library would be a dependency for
 * thirty lines; mulberry32 passes the statistical tests that matter for
 * picking test values and is pure 32-bit integer arithmetic, so it is
 * identical across JavaScript engines.
 */

/** A deterministic stream of pseudo-random numbers. */
export class Prng {
  private state: number;

  /** Starts a stream from a 32-bit seed, or from a string hashed to one. */
  constructor(seed: number | string) {
    this.state = typeof seed === 'string' ? hashSeed(seed) : seed >>> 0;
  }

  /** The next raw 32-bit unsigned integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1) with 32 random bits (exact in float64). */
  next(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /** A float64 in [0, 1) with all 53 mantissa bits random, like numpy's `random()`. */
  nextFloat64(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 2 ** 26 + low) / 2 ** 53;
  }

  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick needs a non-empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** +1 or -1 with equal probability. */
  sign(): 1 | -1 {
    return this.nextUint32() & 1 ? 1 : -1;
  }
}

/**
 * Hashes a string to a 32-bit seed (FNV-1a over UTF-16 code units), so a
 * case seeded by its own id draws the same values whatever other cases exist.
 */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
