/**
 * Expectations files (expectations.ts): validation with JSON paths, and their
 * effect on a run: expected failures, unexpected passes, and --strict.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExpectationsError, expectationMatcher, loadExpectations, parseExpectations, unmatchedExpectations } from './expectations.js';
import { loadGoldens } from './golden.js';
import { opForFamily } from './ops/index.js';
import type { Port } from './port.js';
import { referencePort } from './ports/reference.js';
import { runSuite } from './runner.js';

const cases = loadGoldens(['conformance/fixtures/golden']);
const NONE = 'hinge_embedding_loss/fixture/reduction=none';

/** The reference, except that reduction='none' answers 1 everywhere. */
function brokenNonePort(): Port {
  const reference = referencePort();
  return {
    name: 'broken-none',
    handle: async (r) => (r.id === NONE ? { id: r.id, output: { dtype: 'float32', shape: [3, 3], data: [1, 1, 1, 1, 1, 1, 1, 1, 1] } } : reference.handle(r)),
    close: async () => {},
  };
}

describe('parsing', () => {
  it('accepts a list of entries, or the list under "expectations"', () => {
    const entry = { id: 'a/*', reason: 'known' };
    expect(parseExpectations([entry])).toEqual([entry]);
    expect(parseExpectations({ expectations: [entry] })).toEqual([entry]);
  });

  it.each([
    [{ expectations: 3 }, '$.expectations'],
    ['x', '$'],
    [[{ id: 'a' }], '$[0].reason'],
    [[{ id: '', reason: 'r' }], '$[0].id'],
    [[{ id: 'a', reason: 'r' }, { id: 'b', reason: 'r', note: 'x' }], '$[1].note'],
    [[{ id: 'a', reason: 'r' }, 'b'], '$[1]'],
    [{ expectations: [], extra: 1 }, '$.extra'],
  ])('rejects %j at %s', (json, path) => {
    try {
      parseExpectations(json, 'known.json');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ExpectationsError);
      expect((e as ExpectationsError).path).toBe(path);
      expect((e as Error).message.startsWith(`known.json: ${path}: `)).toBe(true);
    }
  });

  it('a file that is not JSON is an ExpectationsError at $', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'exp-')), 'bad.json');
    writeFileSync(file, '[{"id": ');
    expect(() => loadExpectations(file)).toThrow(ExpectationsError);
  });

  it('matches ids and globs, first entry wins', () => {
    const match = expectationMatcher([{ id: 'h/a/*', reason: 'first' }, { id: 'h/**', reason: 'second' }]);
    expect(match('h/a/1')?.reason).toBe('first');
    expect(match('h/b/1')?.reason).toBe('second');
    expect(match('g/a/1')).toBeUndefined();
  });
});

describe('in a run', () => {
  it('without expectations, the broken case fails the run', async () => {
    const run = await runSuite({ cases, port: brokenNonePort() });
    expect(run.results.find((r) => r.id === NONE)?.status).toBe('fail');
    expect(run.exitCode).toBe(1);
  });

  it('an expected failure is reported as such, keeps its failure details and does not fail the run', async () => {
    const run = await runSuite({ cases, port: brokenNonePort(), expectations: [{ id: NONE, reason: 'ones everywhere' }] });
    const r = run.results.find((x) => x.id === NONE)!;
    expect(r.status).toBe('expected-fail');
    expect(r.expectation?.reason).toBe('ones everywhere');
    expect(r.failure?.element?.index).toBe(0);
    expect(run.exitCode).toBe(0);
    expect(run.totals.all['expected-fail']).toBe(1);
    expect(run.specConformant).toBe(false);
  });

  it('an expected failure that passes is an unexpected pass; it fails the run only under --strict', async () => {
    const expectations = [{ id: 'hinge_embedding_loss/fixture/reduction=mean', reason: 'stale' }];
    const loose = await runSuite({ cases, port: referencePort(), expectations });
    expect(loose.results.find((r) => r.id === expectations[0]!.id)?.status).toBe('unexpected-pass');
    expect(loose.exitCode).toBe(0);
    const strict = await runSuite({ cases, port: referencePort(), expectations, strict: true });
    expect(strict.exitCode).toBe(1);
  });

  it('an entry that matches no selected case is stale: named in the run, and it fails the run only under --strict', async () => {
    const expectations = [{ id: 'hinge_embedding_loss/fixture/gone*', reason: 'was fixed long ago' }];
    const loose = await runSuite({ cases, port: referencePort(), expectations });
    expect(loose.staleExpectations).toEqual(expectations);
    expect(loose.exitCode).toBe(0);
    const strict = await runSuite({ cases, port: referencePort(), expectations, strict: true });
    expect(strict.staleExpectations).toEqual(expectations);
    expect(strict.exitCode).toBe(1);
  });

  it('an entry matching only cases outside the selection is stale for that selection', async () => {
    const expectations = [{ id: NONE, reason: 'ones everywhere' }];
    const selection = cases.filter((c) => c.golden.id !== NONE);
    const strict = await runSuite({ cases: selection, port: referencePort(), expectations, strict: true });
    expect(strict.staleExpectations.map((e) => e.id)).toEqual([NONE]);
    expect(strict.exitCode).toBe(1);
  });

  it('an entry that matches a selected case is not stale, pass or fail', async () => {
    const run = await runSuite({ cases, port: brokenNonePort(), expectations: [{ id: NONE, reason: 'ones everywhere' }], strict: true });
    expect(run.staleExpectations).toEqual([]);
    expect(run.exitCode).toBe(0);
  });
});

describe('unmatchedExpectations', () => {
  it('keeps the entries whose id or glob matches none of the ids', () => {
    const entries = [{ id: 'h/a/*', reason: 'r1' }, { id: 'h/b/1', reason: 'r2' }, { id: 'g/**', reason: 'r3' }];
    expect(unmatchedExpectations(entries, ['h/a/1', 'h/c/1']).map((e) => e.id)).toEqual(['h/b/1', 'g/**']);
  });
});

// torch_expectations.json is PyTorch 2.15.0's (the pinned release); torch_2.11.0_expectations.json is 2.11.0's, where torchaudio answers rnnt_loss.
describe.each(['conformance/examples/torch_expectations.json', 'conformance/examples/torch_2.11.0_expectations.json'])('the example expectations file %s for the PyTorch port', (file) => {
  const ids = new Set(loadGoldens(['golden']).map((c) => c.golden.id));

  it('loads, and every entry matches a golden case (none is stale) and gives a reason', () => {
    const entries = loadExpectations(file);
    // Which cases PyTorch fails is proven by torch_bounds.test.ts's strict run (when the venv is there);
    // here every entry must belong to a registered op.
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(opForFamily(e.id.split('/')[0]!), e.id).toBeDefined();
    expect(unmatchedExpectations(entries, [...ids])).toEqual([]);
    for (const e of entries) expect(e.reason.length).toBeGreaterThan(20);
  });
});
