/**
 * The reference against every release's expectations: the 3.3.1 goldens with
 * each other release's overlay (golden/releases/<X>/), the reference
 * reproducing that release, judged bitwise as on the goldens themselves.
 * One test per release, listing every case that does not pass.
 */
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from './golden.js';
import { referencePort } from './ports/reference.js';
import { applyOverlays, crashedOn, loadOverlays, OVERLAY_RELEASES } from './releases.js';
import { runCase } from './runner.js';

const base = loadGoldens([bundledGoldenDir()]);

describe('the reference reproduces every release', () => {
  it.each(OVERLAY_RELEASES.map((v) => [v]))('Paddle %s: every case passes bitwise (cases it crashes on aside)', async (version) => {
    const cases = applyOverlays(base, loadOverlays(bundledGoldenDir(), version)).filter((c) => !crashedOn(c));
    const port = referencePort(version);
    const failing: string[] = [];
    for (const c of cases) {
      const result = await runCase(c, port, true, 30_000);
      if (result.status !== 'pass') failing.push(`${c.golden.id}: ${result.failure?.message ?? result.status}`);
    }
    expect(failing, `npx paddle-conformance run --paddle ${version} --bitwise`).toEqual([]);
    expect(cases.length).toBeGreaterThan(base.length - 10);
  }, 120_000);
});
