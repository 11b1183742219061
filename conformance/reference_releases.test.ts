/**
 * The reference against every release's expectations: the 3.3.1 goldens with
 * each other release's overlay (golden/releases/<X>/), the reference
 * reproducing that release, judged bitwise as on the goldens themselves.
 * One test per release, listing every case that does not pass.
 */
import { describe, expect, it } from 'vitest';
import { hasGeneratedInput } from './generated.js';
import { bundledGoldenDir, loadGoldens } from './golden.js';
import { referencePort } from './ports/reference.js';
import { applyOverlays, crashedOn, loadOverlays, OVERLAY_RELEASES } from './releases.js';
import { runCase } from './runner.js';

const base = loadGoldens([bundledGoldenDir()]);

describe('the reference reproduces every release', () => {
  it.each(OVERLAY_RELEASES.map((v) => [v]))('Paddle %s: every case passes bitwise (cases it crashes on aside)', async (version) => {
    const overlays = loadOverlays(bundledGoldenDir(), version);
    const overlaid = new Set(overlays.flatMap(({ overlay }) => overlay.cases.map((c) => c.id)));
    // A language-model-size case (hasGeneratedInput) only where this release departs from 3.3.1 on it: elsewhere it
    // repeats the goldens' run (reference_goldens.test.ts) at seconds per release, and the small cases hold each
    // release's rules.
    const cases = applyOverlays(base, overlays).filter((c) => !crashedOn(c) && (!hasGeneratedInput(c.golden.request) || overlaid.has(c.golden.id)));
    const port = referencePort(version);
    const failing: string[] = [];
    for (const c of cases) {
      const result = await runCase(c, port, true, 30_000);
      if (result.status !== 'pass') failing.push(`${c.golden.id}: ${result.failure?.message ?? result.status}`);
    }
    expect(failing, `npx paddle-conformance run --paddle ${version} --bitwise`).toEqual([]);
    expect(cases.length).toBeGreaterThan(base.filter((c) => !hasGeneratedInput(c.golden.request)).length - 10);
  }, 120_000);
});
