/**
 * The Paddle release whose behaviour the reference reproduces.
 *
 * By default the newest release the suite knows, whose behaviour the rules
 * describe. A rule whose behaviour changed between releases reads
 * `paddleReleaseBefore(v)` and gives the older behaviour when the caller
 * chose an older release with `withPaddleRelease`.
 */

/** Every Paddle release the reference can reproduce, oldest first (the installable ones for Python 3.11). */
export const PADDLE_RELEASES = ['2.6.2', '3.0.0', '3.1.0', '3.1.1', '3.2.0', '3.2.1', '3.2.2', '3.3.0', '3.3.1'] as const;

/** A release the reference can reproduce. */
export type PaddleRelease = (typeof PADDLE_RELEASES)[number];

/** The release the reference reproduces unless told otherwise: the newest. */
export const DEFAULT_PADDLE_RELEASE: PaddleRelease = '3.3.1';

let current: PaddleRelease = DEFAULT_PADDLE_RELEASE;

/** What a computation asked about the release: see traceReleaseQueries. */
export interface ReleaseQueries {
  /** The release the computation ran under. */
  readonly release: PaddleRelease;
  /** Every version it compared the release with (paddleReleaseBefore, paddleReleaseIs). */
  readonly comparedWith: Set<PaddleRelease>;
  /** Whether it read the release itself (paddleRelease), so any other release may answer differently. */
  readExactly: boolean;
}

let tracing: ReleaseQueries | undefined;

/** Whether a string names a release the reference can reproduce. */
export function isPaddleRelease(version: string): version is PaddleRelease {
  return (PADDLE_RELEASES as readonly string[]).includes(version);
}

/** The release being reproduced now. */
export function paddleRelease(): PaddleRelease {
  if (tracing) tracing.readExactly = true;
  return current;
}

/** Runs fn with the reference reproducing `version`, and restores the previous release after (also when fn throws). */
export function withPaddleRelease<T>(version: PaddleRelease, fn: () => T): T {
  const previous = current;
  current = version;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Whether the release being reproduced is older than `version` (one of PADDLE_RELEASES). */
export function paddleReleaseBefore(version: PaddleRelease): boolean {
  tracing?.comparedWith.add(version);
  return PADDLE_RELEASES.indexOf(current) < PADDLE_RELEASES.indexOf(version);
}

/** Whether the release being reproduced is exactly `version`: a behaviour of that release alone. */
export function paddleReleaseIs(version: PaddleRelease): boolean {
  const next = PADDLE_RELEASES[PADDLE_RELEASES.indexOf(version) + 1];
  return !paddleReleaseBefore(version) && (next === undefined || paddleReleaseBefore(next));
}

/**
 * Runs fn (synchronous) and records what it asked about the release. The
 * reference reads the release only through this module and is otherwise
 * deterministic, so another release whose answers to the same questions are
 * the same takes the same path and gives the same result (releasesAlike):
 * the per-release test runs a case again only where some answer differs.
 */
export function traceReleaseQueries<T>(fn: () => T): { value: T; queries: ReleaseQueries } {
  const outer = tracing;
  const queries: ReleaseQueries = { release: current, comparedWith: new Set(), readExactly: false };
  tracing = queries;
  try {
    return { value: fn(), queries };
  } finally {
    tracing = outer;
    if (outer) {
      for (const v of queries.comparedWith) outer.comparedWith.add(v);
      outer.readExactly ||= queries.readExactly;
    }
  }
}

/** Whether `version` answers every recorded question as the traced release did, so the traced result holds for it too. */
export function releasesAlike(queries: ReleaseQueries, version: PaddleRelease): boolean {
  if (queries.readExactly) return version === queries.release;
  const at = (r: PaddleRelease) => PADDLE_RELEASES.indexOf(r);
  return [...queries.comparedWith].every((v) => at(version) < at(v) === at(queries.release) < at(v));
}
