/**
 * Selecting cases: API, id globs, level, tag and deterministic CI shards.
 */
import type { Level } from './case.js';
import type { SuiteCase } from './golden.js';

/** What to select; an absent criterion selects everything. */
export interface Query {
  /** Op family names (`hinge_embedding_loss`); a case is kept when its op is any of them. */
  apis?: readonly string[];
  /** Ids or globs; a case is kept when it matches any of them. */
  filters?: readonly string[];
  /** Keep only cases of this level. */
  level?: Level;
  /** Tags; a case is kept when it carries any of them. */
  tags?: readonly string[];
  /** Keep only the k-th of n shards (1-based k). */
  shard?: Shard;
}

/** One of n deterministic shards of the selection. */
export interface Shard {
  /** Which shard, 1..n. */
  k: number;
  /** How many shards. */
  n: number;
}

/**
 * Compiles an id or glob to a matcher. `*` matches any run of characters
 * within one `/`-separated segment, `**` matches across segments; every other
 * character matches itself, so a plain id matches only that id. Matching takes
 * at most 2 × (id length + 1) × (glob length + 1) steps, whatever the glob
 * (globRun), so a glob from the command line or an expectations file cannot
 * stall a run.
 */
export function globMatcher(glob: string): (id: string) => boolean {
  const tokens = compileGlob(glob);
  const star = glob.indexOf('*');
  // Most expectations entries are plain ids, and most ids a glob meets differ before its first star.
  if (star < 0) return (id) => id === glob;
  const head = glob.slice(0, star);
  return (id) => id.startsWith(head) && globRun(tokens, id).matched;
}

/** One element of a compiled glob: a character that matches itself, `*` (within a segment) or `**` (across segments). */
export type GlobToken = { char: string } | { star: 'segment' | 'any' };

/**
 * A glob as tokens. A run of stars is one token: `*` alone stays within a
 * segment, and any longer run matches what `**` matches (`***` is `**` then
 * `*`), so the run collapses to one `**`.
 */
export function compileGlob(glob: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < glob.length; ) {
    let end = i;
    while (glob[end] === '*') end++;
    if (end === i) tokens.push({ char: glob[i++]! });
    else {
      tokens.push({ star: end - i === 1 ? 'segment' : 'any' });
      i = end;
    }
  }
  return tokens;
}

/**
 * Matches an id against a compiled glob by following every way through the
 * glob at once (the set of positions in it, advanced one id character at a
 * time) rather than by backtracking, which a RegExp does and which takes
 * exponential time on globs such as `**********Z`. `steps` counts the
 * positions looked at: 2 × (tokens + 1) per id character and once more at the
 * start, so at most 2 × (id length + 1) × (tokens + 1).
 */
export function globRun(tokens: readonly GlobToken[], id: string): { matched: boolean; steps: number } {
  const width = tokens.length + 1;
  // at[j]: the first j tokens can match the characters of the id read so far.
  let at = new Uint8Array(width);
  let next = new Uint8Array(width);
  at[0] = 1;
  let steps = closeOverStars(tokens, at);
  for (let i = 0; i < id.length; i++) {
    const ch = id[i];
    next.fill(0);
    let alive = false;
    for (let j = 0; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (!at[j] || !('char' in t ? t.char === ch : t.star === 'any' || ch !== '/')) continue;
      // A character moves past its token; a star stays to take more.
      next['char' in t ? j + 1 : j] = 1;
      alive = true;
    }
    steps += width + closeOverStars(tokens, next);
    [at, next] = [next, at];
    // No way through the glob is left: the rest of the id cannot match.
    if (!alive) break;
  }
  return { matched: at[tokens.length] === 1, steps };
}

/** Adds the positions reachable by letting stars match nothing; returns the positions looked at. */
function closeOverStars(tokens: readonly GlobToken[], at: Uint8Array): number {
  for (let j = 0; j < tokens.length; j++) if (at[j] && 'star' in tokens[j]!) at[j + 1] = 1;
  return tokens.length + 1;
}

/** Parses `k/n` (1 ≤ k ≤ n); throws with a usage message otherwise. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new Error(`--shard must be k/n with 1 <= k <= n, e.g. 2/4; got ${JSON.stringify(text)}`);
  return { k, n };
}

/**
 * The cases a query selects, in id order. Sharding comes last and deals the
 * remaining cases round-robin by their index in id order, so the n shards of
 * one selection are disjoint, cover it exactly, and differ in size by at most one.
 */
export function selectCases(cases: readonly SuiteCase[], query: Query): SuiteCase[] {
  const matchers = (query.filters ?? []).map(globMatcher);
  const selected = [...cases]
    .sort((a, b) => (a.golden.id < b.golden.id ? -1 : a.golden.id > b.golden.id ? 1 : 0))
    .filter((c) => !query.apis?.length || query.apis.some((api) => c.golden.id.startsWith(`${api}/`)))
    .filter((c) => matchers.length === 0 || matchers.some((m) => m(c.golden.id)))
    .filter((c) => query.level === undefined || c.golden.level === query.level)
    .filter((c) => !query.tags?.length || query.tags.some((t) => c.golden.tags.includes(t)));
  const shard = query.shard;
  return shard ? selected.filter((_, i) => i % shard.n === shard.k - 1) : selected;
}
