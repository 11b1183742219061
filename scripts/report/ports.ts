/**
 * The ports `npm run report` runs, in the page's column order: the bundled
 * reference, every Paddle release the suite has been run against, PyTorch and
 * Ivy's Paddle frontend. The one list to edit when a release is added.
 */

/** Paddle releases, oldest first; each runs as `--port paddle@<version>` in its own venv. */
export const PADDLE_RELEASES = ['2.6.2', '3.0.0', '3.1.0', '3.1.1', '3.2.0', '3.2.1', '3.2.2', '3.3.0', '3.3.1'] as const;

/** The `--port` values of the bundled ports, in column order. */
export const REPORT_PORTS: readonly string[] = ['reference', ...PADDLE_RELEASES.map((v) => `paddle@${v}`), 'torch', 'ivy'];
