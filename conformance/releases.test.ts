import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoldenCase } from './case.js';
import { bundledGoldenDir, contentHash, GoldenError, loadGoldens, type SuiteCase } from './golden.js';
import { OPS } from './ops/index.js';
import { applyOverlays, BASE_RELEASE, buildOverlays, checkRelease, crashedOn, loadOverlays, OVERLAY_RELEASES, overlayPath, serializeOverlay, type OverlayFileJson } from './releases.js';

const base = loadGoldens([bundledGoldenDir()]);
const first = base.find((c) => c.golden.id.startsWith('hinge_embedding_loss/doc_example/'))!;
const provenance = { ...first.provenance, oracle: { ...first.provenance.oracle, paddle_version: '2.6.2' } };
const errorExpected = { error: { type: 'ValueError', message: 'changed' } };

function overlayWith(cases: OverlayFileJson['cases']): OverlayFileJson {
  const [file] = buildOverlays(
    base.map((c) => c.golden),
    base.map((c) => (cases.some((o) => o.id === c.golden.id) ? { ...c.golden, expected: cases.find((o) => o.id === c.golden.id)!.expected } : c.golden)),
    '2.6.2',
    { oracle: provenance.oracle, generator: provenance.generator },
  ).filter((o) => o.api === 'hinge_embedding_loss');
  return file!;
}

function rootWith(overlay: OverlayFileJson, text = serializeOverlay(overlay)): string {
  const root = mkdtempSync(join(tmpdir(), 'overlay-'));
  mkdirSync(join(root, 'releases', '2.6.2'), { recursive: true });
  writeFileSync(overlayPath(root, '2.6.2', 'hinge_embedding_loss'), text);
  return root;
}

describe('release overlays', () => {
  it('the base is 3.3.1 and every other installable release has an overlay', () => {
    expect(BASE_RELEASE).toBe('3.3.1');
    expect(OVERLAY_RELEASES).toEqual(['2.6.2', '3.0.0', '3.1.0', '3.1.1', '3.2.0', '3.2.1', '3.2.2', '3.3.0']);
    expect(() => checkRelease('2.5.2')).toThrow(/no expectations are kept for Paddle "2.5.2"; choose one of 2.6.2/);
  });

  it('buildOverlays keeps only the cases whose expectation differs, one file per op even when empty', () => {
    const all = buildOverlays(base.map((c) => c.golden), base.map((c) => c.golden), '3.3.0', { oracle: provenance.oracle, generator: provenance.generator });
    expect(all.map((o) => [o.api, o.cases.length])).toEqual(OPS.map((op) => [op.family, 0]));
    expect(overlayWith([{ id: first.golden.id, expected: errorExpected }]).cases).toEqual([{ id: first.golden.id, expected: errorExpected }]);
  });

  it('applyOverlays replaces the expectation and provenance of the overlaid cases only', () => {
    const root = rootWith(overlayWith([{ id: first.golden.id, expected: errorExpected }]));
    const cases = applyOverlays(base, loadOverlays(root, '2.6.2'));
    const changed = cases.filter((c, i) => c !== base[i]);
    expect(changed.map((c) => [c.golden.id, c.golden.expected, c.provenance.oracle.paddle_version])).toEqual([[first.golden.id, errorExpected, '2.6.2']]);
    expect(changed[0]!.file).toMatch(/releases\/2\.6\.2\/hinge_embedding_loss\.json$/);
  });

  it('an overlay edited by hand is refused: its cases no longer hash to its provenance', () => {
    const overlay = overlayWith([{ id: first.golden.id, expected: errorExpected }]);
    const root = rootWith(overlay, serializeOverlay(overlay).replace('"changed"', '"edited"'));
    expect(() => loadOverlays(root, '2.6.2')).toThrow(/\$\.provenance\.content_sha256: .*edited by hand/);
  });

  it('an overlay naming a case the goldens lack is refused, naming the file and path', () => {
    const cases = [{ id: 'hinge_embedding_loss/nope/x', expected: errorExpected }];
    const overlay = { ...overlayWith([]), cases, provenance: { ...provenance, content_sha256: contentHash(cases as unknown as GoldenCase[]) } };
    expect(() => applyOverlays(base, loadOverlays(rootWith(overlay), '2.6.2'))).toThrow(/\$\.cases\[0\]\.id: "hinge_embedding_loss\/nope\/x" is not a case of the golden files/);
  });

  it('an expectation that does not fit its request is refused', () => {
    const bad = overlayWith([{ id: first.golden.id, expected: { output: { dtype: 'float32', shape: [2], data: [1] } } as never }]);
    expect(() => applyOverlays(base, loadOverlays(rootWith(bad), '2.6.2'))).toThrow(/hinge_embedding_loss\.json: \$\.cases\[0\]\.expected\.output/);
  });

  it('a missing release directory says how to record it', () => {
    expect(() => loadOverlays(mkdtempSync(join(tmpdir(), 'none-')), '3.0.0')).toThrow(/npm run golden:generate -- --paddle 3\.0\.0/);
  });

  it('a deleted overlay file is refused: the op\'s cases would be judged by 3.3.1\'s results (issue 19, item 13)', () => {
    const root = rootWith(overlayWith([]));
    // The root holds l1_loss goldens (its folder) but no 2.6.2 overlay for them.
    for (const family of ['hinge_embedding_loss', 'l1_loss']) mkdirSync(join(root, family));
    expect(() => loadOverlays(root, '2.6.2')).toThrow(GoldenError);
    expect(() => loadOverlays(root, '2.6.2')).toThrow(
      /releases\/2\.6\.2\/l1_loss\.json: \$: missing: the golden files hold l1_loss cases but Paddle 2\.6\.2's overlay for them is gone, and without it they would be judged by 3\.3\.1's results; restore the file .*npm run golden:generate -- --paddle 2\.6\.2/,
    );
    rmSync(join(root, 'l1_loss'), { recursive: true });
    expect(loadOverlays(root, '2.6.2')).toHaveLength(1);
  });

  /** An overlay of `cases` whose hash is right, so only the cases' form can be wrong. */
  const rehashed = (cases: unknown[]): OverlayFileJson => ({ ...overlayWith([]), cases: cases as OverlayFileJson['cases'], provenance: { ...provenance, content_sha256: contentHash(cases as GoldenCase[]) } });
  const second = base.find((c) => c.golden.id.startsWith('hinge_embedding_loss/') && c.golden.id > first.golden.id)!;

  it.each([
    ['a repeated id (the last entry would win unseen)', [{ id: first.golden.id, expected: errorExpected }, { id: first.golden.id, expected: errorExpected }], /\$\.cases\[1\]\.id: ".*" repeats the id of \$\.cases\[0\]; an overlay names each case once: regenerate the file: npm run golden:generate -- --paddle 2\.6\.2/],
    ['a null case', [{ id: first.golden.id, expected: errorExpected }, null], /\$\.cases\[1\]: must be \{"id": "<case id>", "expected": \{\.\.\.\}\}, got null; regenerate the file/],
    ['ids out of order', [{ id: second.golden.id, expected: errorExpected }, { id: first.golden.id, expected: errorExpected }], /\$\.cases\[1\]\.id: ".*" sorts before the previous id/],
    ['an id of another op', [{ id: 'l1_loss/x/y', expected: errorExpected }], /\$\.cases\[0\]\.id: must be the id of a hinge_embedding_loss case, got "l1_loss\/x\/y"/],
    ['a case without its expectation', [{ id: first.golden.id }], /\$\.cases\[0\]: missing required field "expected"/],
    ['an unknown field', [{ id: first.golden.id, expected: errorExpected, why: 'x' }], /\$\.cases\[0\]\.why: unknown field/],
  ])('an overlay with %s is a bad golden file, not an internal error', (_what, cases, message) => {
    const root = rootWith(rehashed(cases));
    expect(() => loadOverlays(root, '2.6.2')).toThrow(GoldenError);
    expect(() => loadOverlays(root, '2.6.2')).toThrow(message);
  });

  it('two overlays naming the same case are refused rather than the later one winning', () => {
    const loaded = loadOverlays(rootWith(overlayWith([{ id: first.golden.id, expected: errorExpected }])), '2.6.2');
    expect(() => applyOverlays(base, [...loaded, ...loaded])).toThrow(/\$\.cases\[0\]\.id: ".*" is also overlaid by .*hinge_embedding_loss\.json/);
  });

  it('a case the release crashed on is recognised', () => {
    const crash: SuiteCase = { ...first, golden: { ...first.golden, expected: { error: { type: 'Crash', message: 'SIGSEGV' } } } as GoldenCase };
    expect([crashedOn(crash), crashedOn(first)]).toEqual([true, false]);
  });

  it.each(OVERLAY_RELEASES.map((v) => [v]))('the committed overlay of %s loads and applies to the goldens', (version) => {
    const overlays = loadOverlays(bundledGoldenDir(), version);
    expect(overlays.map((o) => o.overlay.api).sort()).toEqual(OPS.map((op) => op.family).sort());
    expect(applyOverlays(base, overlays)).toHaveLength(base.length);
  });
});
