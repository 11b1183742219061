/**
 * `npm run golden:generate`: runs the case plan of every registered op through
 * real Paddle and writes golden/<family>/<group>.json, refusing to change or drop
 * an existing expectation unless --accept is given. With --paddle-version X
 * (not the pinned one) it prints a cross-version drift report against the
 * committed goldens instead, and writes only with --out.
 *
 * Exit codes: 0 done; 1 refused (changes need --accept); 2 usage error, or
 * Python/Paddle/the oracle unavailable (nothing is touched).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { minimist } from 'zx';
import type { GoldenFileJson } from '../../conformance/case.js';
import { OPS, opForFamily } from '../../conformance/ops/index.js';
import { buildPlan } from '../case_plan/index.js';
import { PINNED_PADDLE } from '../../conformance/python_env.js';
import { changesNeedingAccept, diffGoldenSets, formatChanges } from './change.js';
import { driftReport } from './drift.js';
import { CannotRun, checkPaddleVersion, GOLDEN_ROOT, isEntryPoint, readGoldenSet, regenerate, runCli, textsOf } from './regeneration.js';
import { goldenKey, goldenPath, writeAtomically } from './writer.js';

type ParsedArgs = ReturnType<typeof minimist>;

const HELP = `Usage: npm run golden:generate -- [options]

Runs every planned case of every registered op through real Paddle (one Python
process, the venv in $PADDLE_CONFORMANCE_CACHE or ~/.cache/paddle-conformance,
created on first use; PADDLE_PYTHON=/path/to/python uses an existing Paddle and
installs nothing) and writes golden/<family>/<group>.json.

Options:
  --out <dir>            golden root to write (default: the repository's golden/);
                         files go to <dir>/<family>/<group>.json
  --accept               write even when expectations change or cases/groups are removed
  --paddle-version <X>   run Paddle X (>= 2.6.2) instead of ${PINNED_PADDLE}; prints a drift report
                         against the committed goldens and writes only with --out
  --report <file>        also save the cross-version drift report to <file>
  --baseline <dir>       golden root the drift report compares with (default: golden/)
  --op <family>          only this op's plan and goldens (${OPS.map((o) => o.family).join(', ')});
                         the other ops' files are neither run nor touched
  --help                 this text

Added cases are written without --accept; a changed expectation, a changed
request or a removed case (including a whole stale group file) is refused
unless --accept is given, and then nothing at all is written.

Examples:
  npm run golden:generate
  npm run golden:generate -- --accept
  npm run golden:generate -- --op ${OPS[0]!.family}
  npm run golden:generate -- --paddle-version 2.6.2
  npm run golden:generate -- --paddle-version 2.6.2 --out /tmp/golden-2.6.2`;

/** Runs the command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { string: ['out', 'paddle-version', 'report', 'baseline', 'op'], boolean: ['accept', 'help'], unknown: (a) => a.startsWith('-') ? unknownFlag(a) : true });
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  checkArguments(args);
  const version = (args['paddle-version'] as string | undefined) ?? PINNED_PADDLE;
  checkPaddleVersion(version);
  const crossVersion = version !== PINNED_PADDLE;
  if (!crossVersion && (args.report !== undefined || args.baseline !== undefined)) {
    throw new CannotRun(`--report and --baseline only apply with --paddle-version <another version than ${PINNED_PADDLE}>; see --help`);
  }
  const out = args.out ? resolve(args.out as string) : crossVersion ? undefined : GOLDEN_ROOT;
  if (crossVersion && out && sameDir(out, GOLDEN_ROOT)) {
    throw new CannotRun(`the committed goldens come from Paddle ${PINNED_PADDLE}; refusing to write Paddle ${version} results into ${GOLDEN_ROOT}. Give --out <another dir>`);
  }
  const report = args.report ? resolve(args.report as string) : undefined;
  // Checked now, not after minutes of Paddle: the report is written only once the run is over.
  if (report && !existsSync(dirname(report))) throw new CannotRun(`--report ${args.report}: the directory ${dirname(report)} does not exist`);
  const baselineRoot = args.baseline ? resolve(args.baseline as string) : GOLDEN_ROOT;
  const families = familiesOf(args.op as string | undefined);
  const committed = readGoldenSet(baselineRoot, families);
  const target = out ? readGoldenSet(out, families) : undefined;
  const plan = args.op === undefined ? undefined : await buildPlan(args.op as string);
  const files = await regenerate({ paddleVersion: version, ...(plan && { plan }) });
  const fresh = new Map(files.map((f) => [goldenKey(f), f]));

  if (crossVersion) {
    const drift = driftReport(committed.files, fresh, {
      title: `Cross-version drift: Paddle ${version} vs the Paddle ${PINNED_PADDLE} goldens in ${args.baseline ? baselineRoot : 'golden/'}`,
      was: `goldens (Paddle ${PINNED_PADDLE})`,
      now: `Paddle ${version}`,
    });
    console.log(drift.text);
    if (report) writeFileSync(report, `${drift.text}\n`);
  }
  return out && target ? write(out, target.texts, target.files, files, args.accept as boolean) : 0;
}

function write(out: string, oldTexts: Map<string, string>, oldFiles: Map<string, GoldenFileJson>, files: GoldenFileJson[], accept: boolean): number {
  const fresh = new Map(files.map((f) => [goldenKey(f), f]));
  const changes = diffGoldenSets(oldFiles, fresh);
  console.log(`golden:generate: ${out}\n${formatChanges(changes)}`);
  const blocked = changesNeedingAccept(changes);
  if ((blocked.cases.length > 0 || blocked.staleFiles.length > 0) && !accept) {
    console.log(`\nREFUSED: ${blocked.cases.length} existing expectation(s) would change or disappear` +
      `${blocked.staleFiles.length ? ` and ${blocked.staleFiles.length} stale file(s) would be removed` : ''}. ` +
      'Nothing was written. Review the differences above; if Paddle is right, rerun with --accept.');
    return 1;
  }
  const texts = textsOf(files);
  const writes = [...texts].filter(([key, text]) => oldTexts.get(key) !== text).map(([key, text]) => ({ path: goldenPath(out, key), text }));
  const removals = accept ? blocked.staleFiles.map((key) => goldenPath(out, key)) : [];
  writeAtomically(writes, removals);
  const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`\nwrote ${writes.length} file(s), ${texts.size - writes.length} unchanged, removed ${removals.length}; ` +
    `${[...fresh.values()].reduce((n, f) => n + f.cases.length, 0)} case(s), ${(bytes / 1e6).toFixed(2)} MB in ${texts.size} file(s)`);
  return 0;
}

/** The families a run covers: the one --op names (which must be registered), or every registered op. */
function familiesOf(op: string | undefined): string[] {
  if (op === undefined) return OPS.map((o) => o.family);
  if (!opForFamily(op)) throw new CannotRun(`--op ${op}: no such op is registered; registered: ${OPS.map((o) => o.family).join(', ')}`);
  return [op];
}

function sameDir(a: string, b: string): boolean {
  return resolve(a).replace(/\/+$/, '') === resolve(b).replace(/\/+$/, '');
}

/**
 * Rejects what minimist would otherwise read silently: a path flag with no
 * value (an empty `--out` would fall back to golden/) and stray positional
 * words (`accept` for `--accept`).
 */
function checkArguments(args: ParsedArgs): void {
  const needs: Record<string, string> = { out: 'a directory', baseline: 'a directory', report: 'a file', 'paddle-version': 'a version', op: 'an op family' };
  for (const [flag, what] of Object.entries(needs)) {
    const value = args[flag] as string | string[] | undefined;
    if (Array.isArray(value)) throw new CannotRun(`--${flag} was given more than once; give it once`);
    if (value !== undefined && value.trim() === '') throw new CannotRun(`--${flag} needs ${what}, e.g. --${flag} ${flag === 'paddle-version' ? '2.6.2' : flag === 'op' ? OPS[0]!.family : '/tmp/x'}`);
  }
  if (args._.length > 0) throw new CannotRun(`unexpected argument ${args._.map(String).join(' ')}; options start with --, see --help`);
}

function unknownFlag(flag: string): never {
  throw new CannotRun(`unknown option ${flag}; see --help`);
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'golden:generate');
