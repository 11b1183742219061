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
import { join, resolve } from 'node:path';
import { minimist } from 'zx';
import { PINNED_PADDLE } from '../../conformance/python_env.js';
import { driftReport } from './drift.js';
import { CannotRun, GOLDEN_ROOT, isEntryPoint, readGoldenSet, regenerate, runCli, textsOf } from './regeneration.js';
import { goldenPath, writeAtomically } from './writer.js';
import { checkReleaseArgument, formatOverlayChanges, regenerateOverlays } from './overlay.js';
import { BASE_RELEASE, RELEASES } from '../../conformance/releases.js';
import { OPS } from '../../conformance/ops/index.js';
import { thisMachineClass } from '../../conformance/machine.js';
import { checkMachineRun, committedBaseClass, paddleSource, recordedSource, type ExpectationSource } from './machine.js';

const HELP = `Usage: npm run golden:check -- [--paddle <X> | --all-versions] [--recorded <dir>] [--skip-unavailable]

Regenerates the goldens of every registered op with Paddle ${PINNED_PADDLE} into a
temporary directory and compares them with golden/<family>/<group>.json. Exits 0
when identical, 1 on drift (the report names each file as <family>/<group>, each
case, what differs, the first differing element with values and bits).
Differences in machine facts (CPU, OS, Python, numpy) are printed as notes only.

With --paddle <X> (another release) it runs Paddle X and compares the cases
where X differs from the goldens with X's committed overlay,
golden/releases/<X>/<family>.json; --all-versions checks the goldens and then
every release's overlay (${RELEASES.join(', ')}).

On a machine of another class than the golden files' (conformance/machine.ts:
vendor and instruction-set level, e.g. x86-64-intel-avx512) it compares the run
exactly with the goldens plus that class's machine overlays
(golden/machines/<class>/); a class with none gets its machine-dependent
results (those another class records differently) judged within each op's
derived bound, every other result exactly. The output says how many and how
close to the bound they came.

Options:
  --recorded <dir>     check a recording made on another machine instead of running Paddle:
                       <dir>/<family>/<group>.json and <dir>/releases/<X>/ as golden:generate
                       --out <dir> writes them, with <dir>/cpu.txt (lscpu) when its provenance
                       does not name the CPU's features
  --paddle <X>         check release X's expectations instead of ${PINNED_PADDLE}'s
  --all-versions       check every release's expectations
  --skip-unavailable   when Python/pip/the registry cannot provide Paddle, print one
                       "SKIPPED: golden:check — <why>" line and exit 0 (for CI)
  --help               this text`;

/** Runs the check; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { string: ['paddle', 'recorded'], boolean: ['skip-unavailable', 'help', 'all-versions'], unknown: (a) => { if (a.startsWith('-')) throw new CannotRun(`unknown option ${a}; see --help`); return true; } });
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  if (args._.length > 0) throw new CannotRun(`unexpected argument ${args._.map(String).join(' ')}; options start with --, see --help`);
  if (args.paddle !== undefined && args['all-versions']) throw new CannotRun('give --paddle <X> or --all-versions, not both');
  if (typeof args.paddle === 'string') checkReleaseArgument(args.paddle);
  else if (args.paddle !== undefined) throw new CannotRun('--paddle needs one release, e.g. --paddle 2.6.2');
  if (args.recorded !== undefined && (typeof args.recorded !== 'string' || args.recorded.trim() === '')) throw new CannotRun('--recorded needs one directory, e.g. --recorded ../shared/machines/intel-xeon-avx512');
  const versions = args['all-versions'] ? [...RELEASES] : [(args.paddle as string | undefined) ?? BASE_RELEASE];
  const families = OPS.map((op) => op.family);
  const baseMachine = committedBaseClass(GOLDEN_ROOT, families);
  // A recording made elsewhere is read before anything runs; this machine's class decides whether Paddle here is checked as the base class.
  if (args.recorded !== undefined && baseMachine === undefined) throw new CannotRun('--recorded: the golden files do not record the machine class they were recorded on; regenerate them first (npm run golden:generate -- --accept)');
  const recorded = args.recorded === undefined ? undefined : recordedSource(resolve(args.recorded as string), families);
  const here = thisMachineClass();
  const started = performance.now();
  let code = 0;
  for (const version of versions) {
    const t = performance.now();
    const skip = args['skip-unavailable'] as boolean;
    const source = recorded ?? (baseMachine !== undefined && here !== baseMachine ? paddleSource(families) : undefined);
    code = Math.max(code, source ? await checkOnMachine(source, version, baseMachine!, skip)
      : version === BASE_RELEASE ? await checkBase(skip) : await checkOverlay(version, skip));
    if (versions.length > 1) console.log(`(Paddle ${version}: ${((performance.now() - t) / 1000).toFixed(0)} s)\n`);
  }
  if (versions.length > 1) console.log(`${code === 0 ? 'OK' : 'DRIFT'}: ${versions.length} release(s) checked in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return code;
}

/** Compares one release's committed overlays with a fresh run of that release: 0 equal (machine facts aside), 1 drift. */
async function checkOverlay(version: string, skipUnavailable: boolean): Promise<number> {
  let overlays;
  try {
    overlays = await regenerateOverlays(version, GOLDEN_ROOT, OPS.map((op) => op.family));
  } catch (error) {
    if (error instanceof CannotRun && error.environment && skipUnavailable) {
      console.log(`SKIPPED: golden:check --paddle ${version} — the Paddle ${version} environment cannot be built: ${oneLine(error.message)}`);
      return 0;
    }
    throw error;
  }
  const drifted = overlays.filter((o) => o.committed === undefined || withoutMachineFacts(o.committed) !== withoutMachineFacts(o.text));
  const cases = overlays.reduce((n, o) => n + o.overlay.cases.length, 0);
  console.log(`golden:check: committed golden/releases/${version} vs a fresh run of Paddle ${version}\n${formatOverlayChanges(overlays)}`);
  console.log(drifted.length > 0
    ? `\nDRIFT: ${drifted.map((o) => `${version}/${o.overlay.api}.json`).join(', ')} do(es) not match what Paddle ${version} does now. If the change is expected, run \`npm run golden:generate -- --paddle ${version} --accept\` and commit golden/releases/.`
    : `\nOK: Paddle ${version} differs from the ${BASE_RELEASE} goldens in the same ${cases} case(s) as its committed overlay, and in no other.`);
  return drifted.length > 0 ? 1 : 0;
}

/**
 * Checks one release as run on a machine class other than the golden files'
 * (or as recorded on one): exactly against the class's overlays, or within
 * the bounds where the class has none (machine.ts). 0 as expected, 1 drift.
 */
async function checkOnMachine(source: ExpectationSource, version: string, baseMachine: string, skipUnavailable: boolean): Promise<number> {
  let run;
  try {
    run = await source.release(version);
  } catch (error) {
    if (error instanceof CannotRun && error.environment && skipUnavailable) {
      console.log(`SKIPPED: golden:check --paddle ${version} — the Paddle ${version} environment cannot be built: ${oneLine(error.message)}`);
      return 0;
    }
    throw error;
  }
  const result = checkMachineRun(GOLDEN_ROOT, source.families, run, baseMachine, source.describe(version));
  console.log(result.text);
  const machine = run.oracle.machine_class!;
  console.log(result.drifted
    ? `\nDRIFT: ${source.describe(version)} departs from the committed expectations for ${machine}. If Paddle is right, record the class with \`npm run golden:generate -- --paddle ${version}${machine === baseMachine ? ' --accept' : ''}\`.`
    : `\nOK: ${source.describe(version)} matches the committed expectations for ${machine}.`);
  return result.drifted ? 1 : 0;
}

/** An overlay's text with the machine facts of its provenance blanked: they describe the machine, not Paddle. */
function withoutMachineFacts(text: string): string {
  try {
    const json = JSON.parse(text) as { provenance?: { oracle?: Record<string, unknown> } };
    for (const fact of ['python', 'numpy', 'os', 'cpu', 'cpu_vendor', 'cpu_features', 'machine', 'machine_class']) if (json.provenance?.oracle) delete json.provenance.oracle[fact];
    return JSON.stringify(json);
  } catch {
    return text;
  }
}

/** The base check: the committed golden files against a fresh run of the pinned Paddle. */
async function checkBase(skipUnavailable: boolean): Promise<number> {
  const args = { 'skip-unavailable': skipUnavailable };
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
