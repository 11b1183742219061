/**
 * Release overlays, regenerated: the case plan run through another Paddle
 * release, kept where it differs from the committed base goldens
 * (conformance/releases.ts has the format). golden:generate --paddle writes
 * them, golden:check --paddle compares them with the committed ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { GoldenCase, PlannedCase } from '../../conformance/case.js';
import { BASE_RELEASE, buildOverlays, checkRelease, overlayPath, ReleaseChoiceError, serializeOverlay, type OverlayFileJson } from '../../conformance/releases.js';
import { stringifyExact } from '../../conformance/wire.js';
import { CannotRun, readGoldenSet, regenerate } from './regeneration.js';
import type { FileWrite } from './writer.js';

/** One overlay file as regenerated: its path under the golden root, its text, and the committed text (undefined when absent). */
export interface OverlayText extends FileWrite {
  /** The overlay itself. */
  overlay: OverlayFileJson;
  /** The committed file's text, when there is one. */
  committed: string | undefined;
}

/** Throws CannotRun unless `version` is a release the suite keeps expectations for. */
export function checkReleaseArgument(version: string): void {
  try {
    checkRelease(version);
  } catch (e) {
    if (e instanceof ReleaseChoiceError) throw new CannotRun(`--paddle: ${e.message}`);
    throw e;
  }
}

/**
 * Runs the plan through Paddle `version` and returns each op's overlay
 * against the base goldens under `goldenRoot` (only `families`' files).
 * Throws CannotRun when Python or that Paddle cannot be had.
 */
export async function regenerateOverlays(version: string, goldenRoot: string, families: readonly string[], plan?: PlannedCase[]): Promise<OverlayText[]> {
  if (version === BASE_RELEASE) throw new CannotRun(`Paddle ${BASE_RELEASE} is the base: its expectations are the golden files themselves`);
  const base = [...readGoldenSet(goldenRoot, families).files.values()].flatMap((f) => f.cases);
  const fresh = await regenerate({ paddleVersion: version, ...(plan && { plan }) });
  const cases: GoldenCase[] = fresh.flatMap((f) => f.cases).map(withStableCrash);
  const { oracle, generator } = fresh[0]!.provenance;
  return buildOverlays(base, cases, version, { oracle, generator })
    .filter((o) => families.includes(o.api))
    .map((overlay) => {
      const path = overlayPath(goldenRoot, version, overlay.api);
      return { path, text: serializeOverlay(overlay), overlay, committed: existsSync(path) ? readFileSync(path, 'utf8') : undefined };
    });
}

/**
 * A case the release died on, with the crash's message cut before the
 * stderr excerpt: that carries the time of death, and an overlay must
 * regenerate byte for byte.
 */
export function withStableCrash(c: GoldenCase): GoldenCase {
  const error = c.expected.error;
  if (error?.type !== 'Crash') return c;
  const message = error.message.split('; its stderr ends:')[0]!;
  return { ...c, expected: { ...c.expected, error: { ...error, message } } };
}

/** The ids an overlay adds, drops or changes against the committed file (empty when the texts are equal). */
export function overlayChanges(o: OverlayText): { added: string[]; removed: string[]; changed: string[] } {
  if (o.committed === undefined) return { added: o.overlay.cases.map((c) => c.id), removed: [], changed: [] };
  const before = new Map(committedCases(o).map((c) => [c.id, stringifyExact(c.expected)]));
  const after = new Map(o.overlay.cases.map((c) => [c.id, stringifyExact(c.expected)]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after].filter(([id, text]) => before.has(id) && before.get(id) !== text).map(([id]) => id),
  };
}

function committedCases(o: OverlayText): OverlayFileJson['cases'] {
  try {
    const json = JSON.parse(o.committed!) as Partial<OverlayFileJson>;
    return Array.isArray(json.cases) ? json.cases : [];
  } catch {
    return [];
  }
}

/** One line per overlay file: its case count and what changed against the committed file. */
export function formatOverlayChanges(overlays: readonly OverlayText[]): string {
  return overlays
    .map((o) => {
      const c = overlayChanges(o);
      const state = o.committed === undefined ? 'new' : o.committed === o.text ? 'unchanged' : 'changed';
      const detail = [
        ...c.added.map((id) => `\n    + ${id}`),
        ...c.removed.map((id) => `\n    - ${id}`),
        ...c.changed.map((id) => `\n    ~ ${id}`),
      ].join('');
      return `  ${o.overlay.paddle_version}/${o.overlay.api}.json: ${o.overlay.cases.length} differing case(s), ${state}${state === 'changed' ? detail : ''}`;
    })
    .join('\n');
}
