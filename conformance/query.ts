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
 * character matches itself, so a plain id matches only that id.
 */
export function globMatcher(glob: string): (id: string) => boolean {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**', i)) {
      pattern += '.*';
      i++;
    } else if (glob[i] === '*') {
      pattern += '[^/]*';
    } else {
      pattern += glob[i]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const re = new RegExp(`^${pattern}$`);
  return (id) => re.test(id);
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
