/**
 * `npm run golden:check`: regenerates the goldens with the pinned Paddle into
 * a temporary directory and compares them with the committed ones, byte for
 * byte and case by case. Regression CI for the goldens.
 *
 * Exit codes: 0 identical; 1 drift (with a report); 2 usage error, or the
 * Paddle environment cannot be built (with --skip-unavailable that case
 * prints one `SKIPPED: golden:check — <why>` line and exits 0).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minimist } from 'zx';
import { PINNED_PADDLE } from '../../conformance/python_env.js';
import { driftReport } from './drift.js';
import { CannotRun, GOLDEN_ROOT, isEntryPoint, readGoldenSet, regenerate, runCli, textsOf } from './regeneration.js';
import { goldenPath, writeAtomically } from './writer.js';

const HELP = `Usage: npm run golden:check -- [--skip-unavailable]

Regenerates the goldens of every registered op with Paddle ${PINNED_PADDLE} into a
temporary directory and compares them with golden/<family>/<group>.json. Exits 0
when identical, 1 on drift (the report names each file as <family>/<group>, each
case, what differs, the first differing element with values and bits).
Differences in machine facts (CPU, OS, Python, numpy) are printed as notes only.

Options:
  --skip-unavailable   when Python/pip/the registry cannot provide Paddle, print one
                       "SKIPPED: golden:check — <why>" line and exit 0 (for CI)
  --help               this text`;

/** Runs the check; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { boolean: ['skip-unavailable', 'help'], unknown: (a) => { if (a.startsWith('-')) throw new CannotRun(`unknown option ${a}; see --help`); return true; } });
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  if (args._.length > 0) throw new CannotRun(`unexpected argument ${args._.map(String).join(' ')}; options start with --, see --help`);
  const committed = readGoldenSet(GOLDEN_ROOT);
  let files;
  try {
    files = await regenerate();
  } catch (error) {
    if (error instanceof CannotRun && error.environment && args['skip-unavailable']) {
      console.log(`SKIPPED: golden:check — the Paddle ${PINNED_PADDLE} environment cannot be built: ${oneLine(error.message)}`);
      return 0;
    }
    throw error;
  }
  const temp = mkdtempSync(join(tmpdir(), 'golden-check-'));
  try {
    writeAtomically([...textsOf(files)].map(([key, text]) => ({ path: goldenPath(temp, key), text })));
    const fresh = readGoldenSet(temp);
    const bytesDiffer = [...new Set([...committed.texts.keys(), ...fresh.texts.keys()])].filter((g) => committed.texts.get(g) !== fresh.texts.get(g));
    const report = driftReport(committed.files, fresh.files, {
      title: `golden:check: committed golden/ vs a fresh run of Paddle ${PINNED_PADDLE}`,
      was: 'committed',
      now: 'regenerated',
    });
    const formatOnly = bytesDiffer.filter((key) => {
      const f = report.changes.files.find((c) => c.file === key);
      return f?.status === 'unchanged' && f.provenance.length === 0;
    });
    console.log(report.text);
    for (const key of formatOnly) console.log(`file ${key}.json: same content but different bytes (formatting was edited by hand?)`);
    const drifted = report.drifted || formatOnly.length > 0;
    console.log(drifted
      ? `\nDRIFT: the committed goldens do not match what Paddle ${PINNED_PADDLE} does now. If the change is expected, run \`npm run golden:generate -- --accept\` and commit golden/.`
      : `\nOK: ${committed.texts.size} file(s), ${report.identical} case(s) match a fresh Paddle ${PINNED_PADDLE} run` +
        `${bytesDiffer.length ? ` (byte differences only in machine facts: ${bytesDiffer.join(', ')})` : ', byte for byte'}.`);
    return drifted ? 1 : 0;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * A multi-line environment message as one line: its first line, and when that
 * ends by introducing a quote ("Python said:", "pip said:"), the quote's last line.
 */
function oneLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const first = lines[0] ?? '';
  return first.endsWith(':') && lines.length > 1 ? `${first} ${lines[lines.length - 1]}` : first;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'golden:check');
