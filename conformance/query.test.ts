/**
 * Selecting cases (query.ts): id globs, level, tag, and shards that cover a
 * selection exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { GoldenCase, Level } from './case.js';
import type { SuiteCase } from './golden.js';
import { compileGlob, globMatcher, globRun, parseShard, selectCases } from './query.js';

function suiteCase(id: string, level: Level = 'paddle', tags: string[] = []): SuiteCase {
  const golden = { id, group: id.split('/')[1]!, level, tags } as GoldenCase;
  return { golden, file: 'f.json', provenance: {} as SuiteCase['provenance'] };
}

describe('globs on ids', () => {
  it('a plain id matches only itself, even with regex characters in it', () => {
    const m = globMatcher('hinge_embedding_loss/margins/margin=0.1,dtype=float32');
    expect(m('hinge_embedding_loss/margins/margin=0.1,dtype=float32')).toBe(true);
    expect(m('hinge_embedding_loss/margins/margin=0x1,dtype=float32')).toBe(false);
    expect(m('hinge_embedding_loss/margins/margin=0.1,dtype=float32,x')).toBe(false);
  });

  it('* stays within one /-segment', () => {
    const m = globMatcher('hinge_embedding_loss/*');
    expect(m('hinge_embedding_loss/margins')).toBe(true);
    expect(m('hinge_embedding_loss/margins/margin=0')).toBe(false);
  });

  it('** crosses segments', () => {
    const m = globMatcher('hinge_embedding_loss/**');
    expect(m('hinge_embedding_loss/margins/margin=0')).toBe(true);
    expect(globMatcher('**dtype=float64*')('a/b/margin=1,dtype=float64,reduction=sum')).toBe(true);
  });

  it('brackets and parentheses are literal', () => {
    expect(globMatcher('a/shape=[2,(3)]')('a/shape=[2,(3)]')).toBe(true);
    expect(globMatcher('a/shape=[2,(3)]')('a/shape=2')).toBe(false);
  });
});

describe('globs take linear time, whatever the glob (issue 19, item 12)', () => {
  // A RegExp translation backtracks: '**********Z' ran past 60 s over the suite's ids.
  const id = 'hinge_embedding_loss/special_values/x=-0.0,label=-1,dtype=float32'.repeat(4);
  const bound = (glob: string, text: string) => 2 * (text.length + 1) * (compileGlob(glob).length + 1);

  it.each([
    ['**********Z', false],
    ['*'.repeat(41) + 'Z', false],
    ['*a'.repeat(30) + 'Z', false],
    ['**/**/**/**/**/**/**/**/**/**/**/**/x', false],
    ['**' + 'float32**'.repeat(3), true],
    ['**' + 'float32*'.repeat(3), false],
  ])('%s: the right answer within 2 × (id length + 1) × (tokens + 1) steps', (glob, matched) => {
    const run = globRun(compileGlob(glob), id);
    expect(run.matched).toBe(matched);
    expect(run.steps).toBeLessThanOrEqual(bound(glob, id));
  });

  it('a run of stars is one token: * alone stays in its segment, two or more cross segments', () => {
    expect(compileGlob('a**********Z')).toEqual([{ char: 'a' }, { star: 'any' }, { char: 'Z' }]);
    expect(compileGlob('a*Z')).toEqual([{ char: 'a' }, { star: 'segment' }, { char: 'Z' }]);
    expect(globMatcher('a***Z')('a/b/Z')).toBe(true);
    expect(globMatcher('a*Z')('a/b/Z')).toBe(false);
  });

  it('stars match nothing too, and the empty glob matches only the empty id', () => {
    expect(globMatcher('a/**/b')('a//b')).toBe(true);
    expect(globMatcher('a*b*c')('abc')).toBe(true);
    expect(globMatcher('a*b*c')('acb')).toBe(false);
    expect(globMatcher('')('')).toBe(true);
    expect(globMatcher('')('a')).toBe(false);
    expect(globMatcher('*')('')).toBe(true);
  });
});

describe('selection', () => {
  const cases = [
    suiteCase('h/b/2', 'spec', ['grad']),
    suiteCase('h/a/1', 'paddle', ['nan']),
    suiteCase('h/a/2', 'spec', ['nan', 'grad']),
    suiteCase('h/c/1', 'paddle'),
  ];
  const ids = (q: Parameters<typeof selectCases>[1]) => selectCases(cases, q).map((c) => c.golden.id);

  it('with no criteria, selects everything in id order', () => {
    expect(ids({})).toEqual(['h/a/1', 'h/a/2', 'h/b/2', 'h/c/1']);
  });

  it('filters are a union', () => {
    expect(ids({ filters: ['h/a/*', 'h/c/1'] })).toEqual(['h/a/1', 'h/a/2', 'h/c/1']);
  });

  it('apis keep the cases of those ops, by the first id segment', () => {
    const mixed = [...cases, suiteCase('m/a/1', 'spec'), suiteCase('hm/a/1', 'spec')];
    const of = (apis: string[]) => selectCases(mixed, { apis }).map((c) => c.golden.id);
    expect(of(['m'])).toEqual(['m/a/1']);
    expect(of(['h', 'm'])).toEqual(['h/a/1', 'h/a/2', 'h/b/2', 'h/c/1', 'm/a/1']);
  });

  it('level and tags narrow the selection; tags are a union', () => {
    expect(ids({ level: 'spec' })).toEqual(['h/a/2', 'h/b/2']);
    expect(ids({ tags: ['nan'] })).toEqual(['h/a/1', 'h/a/2']);
    expect(ids({ tags: ['nan', 'grad'], level: 'paddle' })).toEqual(['h/a/1']);
  });
});

describe('shards', () => {
  const many = Array.from({ length: 103 }, (_, i) => suiteCase(`h/g${i % 7}/case${String(i).padStart(3, '0')}`));

  it.each([1, 2, 3, 4, 7, 10, 103, 200])('%i shards cover every case exactly once', (n) => {
    const seen = new Map<string, number>();
    for (let k = 1; k <= n; k++) {
      for (const c of selectCases(many, { shard: { k, n } })) seen.set(c.golden.id, (seen.get(c.golden.id) ?? 0) + 1);
    }
    expect(seen.size).toBe(many.length);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
  });

  it('shard sizes differ by at most one', () => {
    const sizes = [1, 2, 3, 4].map((k) => selectCases(many, { shard: { k, n: 4 } }).length);
    expect(sizes).toEqual([26, 26, 26, 25]);
  });

  it('the same shard of a shuffled input is the same cases', () => {
    const shuffled = [...many].reverse();
    expect(selectCases(shuffled, { shard: { k: 2, n: 3 } })).toEqual(selectCases(many, { shard: { k: 2, n: 3 } }));
  });

  it('parses k/n and rejects anything else', () => {
    expect(parseShard('2/4')).toEqual({ k: 2, n: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard must be k\/n/);
  });
});
