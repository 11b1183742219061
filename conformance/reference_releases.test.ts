/**
 * The reference against every release's expectations: the 3.3.1 goldens with
 * each other release's overlay (golden/releases/<X>/), the reference
 * reproducing that release, judged bitwise as on the goldens themselves.
 * One test per release, listing every case that does not pass.
 *
 * Each case is run once under 3.3.1 recording what the reference asked about
 * the release (traceReleaseQueries). A release is then run on the cases its
 * overlay changes and on those where it answers some question differently;
 * on the rest the reference takes the same path to the same result, against
 * the same expectation, which reference_goldens.test.ts judges.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PADDLE_RELEASE, releasesAlike, traceReleaseQueries, withPaddleRelease, type PaddleRelease, type ReleaseQueries } from '../reference/release.js';
import { hasGeneratedInput } from './generated.js';
import { bundledGoldenDir, loadGoldens } from './golden.js';
import type { Port } from './port.js';
import { answer, referencePort } from './ports/reference.js';
import { applyOverlays, crashedOn, loadOverlays, OVERLAY_RELEASES } from './releases.js';
import { expandedRequest, runCase } from './runner.js';

const base = loadGoldens([bundledGoldenDir()]);

/** What each case's reference run under the newest release asked about the release, by case id. */
function tracedQueries(): Map<string, ReleaseQueries> {
  const traced = new Map<string, ReleaseQueries>();
  for (const c of base) {
    if (hasGeneratedInput(c.golden.request)) continue;
    const request = { id: c.golden.id, ...expandedRequest(c.golden.request) };
    traced.set(c.golden.id, withPaddleRelease(DEFAULT_PADDLE_RELEASE, () => traceReleaseQueries(() => answer(request))).queries);
  }
  return traced;
}

const queries = tracedQueries();

describe('the reference reproduces every release', () => {
  it.each(OVERLAY_RELEASES.map((v) => [v]))('Paddle %s: every case passes bitwise (cases it crashes on aside)', async (version) => {
    const overlays = loadOverlays(bundledGoldenDir(), version);
    const overlaid = new Set(overlays.flatMap(({ overlay }) => overlay.cases.map((c) => c.id)));
    // A language-model-size case (hasGeneratedInput) only where this release departs from 3.3.1 on it: elsewhere it
    // repeats the goldens' run (reference_goldens.test.ts) at seconds per release, and the small cases hold each
    // release's rules.
    const differs = (id: string) => overlaid.has(id) || (queries.has(id) && !releasesAlike(queries.get(id)!, version as PaddleRelease));
    const cases = applyOverlays(base, overlays).filter((c) => !crashedOn(c) && differs(c.golden.id));
    const port: Port = referencePort(version);
    const failing: string[] = [];
    for (const c of cases) {
      const result = await runCase(c, port, true, 30_000);
      if (result.status !== 'pass') failing.push(`${c.golden.id}: ${result.failure?.message ?? result.status}`);
    }
    expect(failing, `npx paddle-conformance run --paddle ${version} --bitwise`).toEqual([]);
    // Every release before the newest departs from it somewhere, so each run holds cases.
    expect(cases.length).toBeGreaterThan(0);
  }, 120_000);
});
