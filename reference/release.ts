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

/** Whether a string names a release the reference can reproduce. */
export function isPaddleRelease(version: string): version is PaddleRelease {
  return (PADDLE_RELEASES as readonly string[]).includes(version);
}

/** The release being reproduced now. */
export function paddleRelease(): PaddleRelease {
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
  return PADDLE_RELEASES.indexOf(current) < PADDLE_RELEASES.indexOf(version);
}
