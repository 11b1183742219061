/**
 * `npm run golden:generate`: runs the case plan of every registered op through
 * real Paddle and writes golden/<family>/<group>.json, refusing to change or drop
 * an existing expectation unless --accept is given. With --paddle-version X
 * (not the pinned one) it prints a cross-version drift report against the
 * committed goldens instead, and writes only with --out. With --from <file>
 * it first adds the fuzz counterexamples of that file to the plan's
 * regressions data (scripts/case_plan/<family>/regressions.json), so Paddle
 * records them as the group `regressions`.
 *
 * Exit codes: 0 done; 1 refused (changes need --accept); 2 usage error, or
 * Python/Paddle/the oracle unavailable (nothing is touched).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import type { GoldenFileJson } from '../../conformance/case.js';
import { OPS, opForFamily } from '../../conformance/ops/index.js';
import { buildPlan, buildPlans, PLAN_ROOT, type PlanOptions } from '../case_plan/plan.js';
import { mergeRegressions, readCounterexamples, readRegressions, RegressionDataError, regressionsPath, regressionsText, type RegressionEntry } from '../case_plan/regressions.js';
import { PINNED_PADDLE } from '../../conformance/python_env.js';
import { changesNeedingAccept, diffGoldenSets, formatChanges } from './change.js';
import { driftReport } from './drift.js';
import { checkReleaseArgument, formatOverlayChanges, regenerateOverlays, type OverlayText } from './overlay.js';
import { MACHINES_DIR, RELEASES_DIR } from '../../conformance/golden.js';
import { thisMachineClass } from '../../conformance/machine.js';
import { committedBaseClass, machineOverlayTexts, paddleSource, recordedSource, type ExpectationSource, type MachineOverlayText } from './machine.js';
import { BASE_RELEASE, RELEASES } from '../../conformance/releases.js';
import { CannotRun, checkPaddleVersion, GOLDEN_ROOT, isEntryPoint, readGoldenSet, regenerate, runCli, textsOf } from './regeneration.js';
import { goldenKey, goldenPath, writeAtomically, type FileWrite } from './writer.js';
import { acquireLock, type Lock } from './lock.js';
import { outputTarget, prepareOutputFolder, removeFolders, removeStaleTemps, ReportPathError, STANDARD_OUTPUT, writeReportFile } from '../../conformance/report_file.js';

/** The committed plan root, where `<family>/regressions.json` lives by default. */
const COMMITTED_PLAN_ROOT = fileURLToPath(PLAN_ROOT);

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
  --from <file>          add the fuzz counterexamples of <file> (JSON Lines, one
                         {"request", "found"} a line, as paddle-conformance fuzz writes them)
                         to <plan root>/<family>/regressions.json, then generate: Paddle
                         records them in <out>/<family>/regressions.json (group regressions,
                         ids <family>/regressions/case=<12 hex of the request's sha256>).
                         A request already there is skipped. Only with Paddle ${PINNED_PADDLE}.
  --plan-root <dir>      where the regressions data is read from and --from adds to:
                         <dir>/<family>/regressions.json (default: scripts/case_plan/).
                         Required with --from and an --out other than golden/ (and
                         then not scripts/case_plan/); when writing golden/ it can only
                         be scripts/case_plan/, so the committed goldens and the
                         committed plan data always go together
  --paddle <X>           record release X's expectations: for ${PINNED_PADDLE} the golden files,
                         for another release its overlay golden/releases/<X>/<family>.json,
                         only the cases whose expected result differs from the ${PINNED_PADDLE}
                         goldens, with X's provenance (every op gets a file, empty when
                         nothing differs). Releases: ${RELEASES.join(', ')}
  --all-versions         the golden files, then every other release's overlay
  --recorded <dir>       record another machine's class from a recording made there
                         (<dir> as --out <dir> wrote it there, with <dir>/cpu.txt from lscpu
                         when its provenance does not name the CPU's features) instead of
                         running Paddle here; with --paddle X or --all-versions
  --help                 this text

Machine classes: the golden files record the CPU they ran on and its class
(vendor and instruction-set level, e.g. x86-64-amd-avx512; conformance/machine.ts).
Run on a machine of another class, or given --recorded, golden:generate writes
that class's machine overlays, golden/machines/<class>/<X>/<family>.json: only
the cases whose result there differs from the golden files' class, with that
machine's provenance. It never rewrites the golden files because the CPU differs.
Into an --out with no golden files yet it records a complete set, as a base.

Added cases are written without --accept; a changed expectation, a changed
request or a removed case (including a whole stale group file) is refused
unless --accept is given, and then nothing at all is written. With --from,
"nothing" includes regressions.json, which is written in the same batch as
the goldens: a refused or failed run adds no counterexample, and a file with
any bad line adds none of its lines.

Examples:
  npm run golden:generate
  npm run golden:generate -- --accept
  npm run golden:generate -- --op ${OPS[0]!.family}
  npm run golden:generate -- --paddle 2.6.2
  npm run golden:generate -- --all-versions
  npm run golden:generate -- --paddle-version 2.6.2
  npm run golden:generate -- --paddle-version 2.6.2 --out /tmp/golden-2.6.2
  npm run golden:generate -- --from counterexamples.jsonl
  npm run golden:generate -- --from /tmp/cx.jsonl --out /tmp/golden-try --plan-root /tmp/plan-try`;

/**
 * Runs the command; returns the exit code. The folders it writes are checked,
 * claimed and locked first, and released at the end however it ends.
 */
export async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  checkArguments(args);
  const claim = await claimOutputs(args, argv);
  try {
    return await generate(argv);
  } finally {
    claim.release();
  }
}

function parseArguments(argv: string[]): ParsedArgs {
  return minimist(argv, { string: ['out', 'paddle-version', 'report', 'baseline', 'op', 'from', 'plan-root', 'paddle', 'recorded'], boolean: ['accept', 'help', 'all-versions'], unknown: (a) => a.startsWith('-') ? unknownFlag(a) : true });
}

/**
 * The folders a run writes (--out, default golden/, and --plan-root), before
 * anything runs: one that is a file or cannot be created is a usage error
 * now, not a stack trace after minutes of Paddle; missing ones are created
 * (and removed again at release if nothing was written in them); each is
 * locked against another golden:generate, and the temp files an interrupted
 * run left there are removed. A cross-version run without --out writes nothing.
 */
async function claimOutputs(args: ParsedArgs, argv: string[]): Promise<{ release(): void }> {
  const crossVersion = (args['paddle-version'] ?? PINNED_PADDLE) !== PINNED_PADDLE;
  const out = args.out !== undefined ? resolve(args.out as string) : crossVersion ? undefined : GOLDEN_ROOT;
  const folders = [...new Set([out, args['plan-root'] === undefined ? undefined : resolve(args['plan-root'] as string)])];
  const locks: Lock[] = [];
  const created: string[][] = [];
  const release = (): void => {
    for (const lock of locks.reverse()) lock.release();
    for (const made of created) removeFolders(made);
  };
  try {
    for (const dir of folders.filter((f): f is string => f !== undefined)) {
      const flag = dir === out ? '--out' : '--plan-root';
      created.push(claimedFolder(dir, flag));
      locks.push(await acquireLock(dir, `golden:generate ${argv.join(' ')}`.trim(), { log: (line) => console.error(line) }));
      for (const temp of removeStaleTemps(dir, 3)) console.error(`golden:generate: removed ${temp}, left by an interrupted run`);
    }
  } catch (error) {
    release();
    throw error;
  }
  return { release };
}

/** Checks and creates one output folder; returns the folders created. */
function claimedFolder(dir: string, flag: string): string[] {
  try {
    const { created } = prepareOutputFolder(dir);
    for (const folder of created) console.error(`golden:generate: created the folder ${folder} for ${flag}`);
    return created;
  } catch (error) {
    if (error instanceof ReportPathError) throw new CannotRun(`${flag}: ${error.message}`);
    throw error;
  }
}

/** The command itself, in folders main has claimed. */
async function generate(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  const machine = await machineRun(args);
  if (machine) return machine();
  if (args.paddle !== undefined || args['all-versions']) return releases(args, argv);
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
  const report = args.report ? reportPath(args.report as string) : undefined;
  const baselineRoot = args.baseline ? resolve(args.baseline as string) : GOLDEN_ROOT;
  const families = familiesOf(args.op as string | undefined);
  const planRoot = planRootOf(args, out, crossVersion);
  // Read and checked before Paddle runs; written only with the goldens, after it.
  const added = args.from === undefined ? undefined : addCounterexamples(resolve(args.from as string), planRoot, args.op as string | undefined);
  const planOptions: PlanOptions = { regressionsRoot: planRoot, ...(added && { regressions: added.entries }) };
  const committed = readGoldenSet(baselineRoot, families);
  const target = out ? readGoldenSet(out, families) : undefined;
  const plan = args.op === undefined ? await buildPlans(PLAN_ROOT, planOptions) : await buildPlan(args.op as string, PLAN_ROOT, planOptions);
  const files = await regenerate({ paddleVersion: version, plan });
  const fresh = new Map(files.map((f) => [goldenKey(f), f]));

  if (crossVersion) {
    const drift = driftReport(committed.files, fresh, {
      title: `Cross-version drift: Paddle ${version} vs the Paddle ${PINNED_PADDLE} goldens in ${args.baseline ? baselineRoot : 'golden/'}`,
      was: `goldens (Paddle ${PINNED_PADDLE})`,
      now: `Paddle ${version}`,
    });
    console.log(drift.text);
    if (report) writeReportFile(report, `${drift.text}\n`);
  }
  return out && target ? write(out, target.texts, target.files, files, args.accept as boolean, added?.writes ?? []) : 0;
}

/**
 * --paddle <X> and --all-versions: the base goldens when X is the base
 * release (all of them first with --all-versions), then each other release's
 * overlay, refused as a whole when a committed overlay would change without
 * --accept. Exit code as main's.
 */
async function releases(args: ParsedArgs, argv: string[]): Promise<number> {
  for (const flag of ['paddle-version', 'from', 'report', 'baseline', 'plan-root'] as const) {
    if (args[flag] !== undefined) throw new CannotRun(`--${flag} does not go with --paddle or --all-versions; see --help`);
  }
  if (args.paddle !== undefined && args['all-versions']) throw new CannotRun('give --paddle <X> or --all-versions, not both');
  if (args.paddle !== undefined) checkReleaseArgument(args.paddle as string);
  const versions = args['all-versions'] ? [...RELEASES] : [args.paddle as string];
  const started = performance.now();
  if (versions.includes(BASE_RELEASE)) {
    const code = await generate(argv.filter((a, i) => a !== '--all-versions' && a !== '--paddle' && argv[i - 1] !== '--paddle' && !a.startsWith('--paddle=')));
    if (code !== 0) return code;
  }
  const out = args.out ? resolve(args.out as string) : GOLDEN_ROOT;
  const families = familiesOf(args.op as string | undefined);
  const plan = args.op === undefined ? await buildPlans(PLAN_ROOT) : await buildPlan(args.op as string, PLAN_ROOT);
  const overlays: OverlayText[] = [];
  for (const version of versions.filter((v) => v !== BASE_RELEASE)) {
    const t = performance.now();
    const found = await regenerateOverlays(version, out, families, plan);
    overlays.push(...found);
    console.log(`Paddle ${version}: ${found.reduce((n, o) => n + o.overlay.cases.length, 0)} case(s) differ from the ${BASE_RELEASE} goldens (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  console.log(`golden:generate: overlays under ${join(out, RELEASES_DIR)}\n${formatOverlayChanges(overlays)}`);
  const changed = overlays.filter((o) => o.committed !== undefined && o.committed !== o.text);
  if (changed.length > 0 && !args.accept) {
    console.log(`\nREFUSED: ${changed.length} committed overlay file(s) would change. Nothing was written. Review the differences above; if Paddle is right, rerun with --accept.`);
    return 1;
  }
  const writes = overlays.filter((o) => o.committed !== o.text);
  writeAtomically(writes.map(({ path, text }) => ({ path, text })));
  const bytes = overlays.reduce((n, o) => n + Buffer.byteLength(o.text), 0);
  console.log(`\nwrote ${writes.length} overlay file(s), ${overlays.length - writes.length} unchanged; ${overlays.reduce((n, o) => n + o.overlay.cases.length, 0)} case(s), ${(bytes / 1e6).toFixed(2)} MB; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  return 0;
}

/**
 * When the expectations to record are another machine class's (this
 * machine's class is not the one the golden files under --out were recorded
 * on, or --recorded names a recording made elsewhere): the command that
 * writes that class's machine overlays, and never the golden files or
 * release overlays. Undefined when this is a run of the golden files' class.
 */
async function machineRun(args: ParsedArgs): Promise<(() => Promise<number>) | undefined> {
  const out = args.out ? resolve(args.out as string) : GOLDEN_ROOT;
  const families = familiesOf(args.op as string | undefined);
  const recorded = args.recorded as string | undefined;
  // A root with no golden files yet is a new recording of this machine's own: it becomes a base.
  if (recorded === undefined && readGoldenSet(out, families).texts.size === 0) return undefined;
  const baseMachine = committedBaseClass(out, families);
  if (recorded === undefined && (baseMachine === undefined || thisMachineClass() === baseMachine)) return undefined;
  if (baseMachine === undefined) throw new CannotRun(`--recorded: the golden files under ${out} do not record the machine class they were recorded on; regenerate them first (npm run golden:generate -- --accept)`);
  for (const flag of ['paddle-version', 'from', 'report', 'baseline', 'plan-root'] as const) {
    if (args[flag] !== undefined) throw new CannotRun(`--${flag} records the golden files' own class; ${recorded !== undefined ? 'with --recorded' : `this machine is ${thisMachineClass() ?? 'of an unknown class'}, not ${baseMachine}`}, golden:generate records machine overlays only. See --help`);
  }
  if (args.paddle !== undefined && args['all-versions']) throw new CannotRun('give --paddle <X> or --all-versions, not both');
  if (args.paddle !== undefined) checkReleaseArgument(args.paddle as string);
  const source = recorded !== undefined ? recordedSource(resolve(recorded), families) : paddleSource(families);
  const versions = args['all-versions'] ? [...RELEASES] : [(args.paddle as string | undefined) ?? BASE_RELEASE];
  return () => writeMachineOverlays(out, versions, source, baseMachine, args.accept as boolean);
}

/** Records one class's machine overlays for the releases; refused as a whole when a committed one would change without --accept. */
async function writeMachineOverlays(out: string, versions: string[], source: ExpectationSource, baseMachine: string, accept: boolean): Promise<number> {
  const started = performance.now();
  const overlays: MachineOverlayText[] = [];
  for (const version of versions) {
    const run = await source.release(version);
    if (run.oracle.machine_class === baseMachine) {
      throw new CannotRun(`${source.describe(version)} is of the golden files' own class ${baseMachine}: it has no machine overlay; record it with golden:generate${version === BASE_RELEASE ? '' : ` --paddle ${version}`} on that machine`);
    }
    const found = machineOverlayTexts(out, source.families, run, baseMachine);
    overlays.push(...found);
    console.log(`${source.describe(version)}: ${found.reduce((n, o) => n + o.overlay.cases.length, 0)} case(s) differ from the ${baseMachine} expectations`);
  }
  const changed = overlays.filter((o) => o.committed !== undefined && o.committed !== o.text);
  for (const o of overlays) console.log(`  ${o.overlay.machine_class}/${o.overlay.paddle_version}/${o.overlay.api}.json: ${o.overlay.cases.length} differing case(s), ${o.committed === undefined ? 'new' : o.committed === o.text ? 'unchanged' : 'changed'}`);
  if (changed.length > 0 && !accept) {
    console.log(`\nREFUSED: ${changed.length} committed machine overlay file(s) would change. Nothing was written. Review the differences above; if Paddle is right, rerun with --accept.`);
    return 1;
  }
  const writes = overlays.filter((o) => o.committed !== o.text);
  writeAtomically(writes.map(({ path, text }) => ({ path, text })));
  console.log(`\nwrote ${writes.length} machine overlay file(s), ${overlays.length - writes.length} unchanged, under ${join(out, MACHINES_DIR)}; the golden files are untouched; ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

/**
 * The directory whose `<family>/regressions.json` the plan reads and --from
 * adds to. Writing golden/ (the default) reads the committed plan data, and
 * only it; --from with another --out must name another one, so a trial never
 * changes the committed plan data without changing golden/ with it.
 */
function planRootOf(args: ParsedArgs, out: string | undefined, crossVersion: boolean): string {
  const given = args['plan-root'] === undefined ? undefined : resolve(args['plan-root'] as string);
  const intoGolden = out !== undefined && sameDir(out, GOLDEN_ROOT);
  if (args.from !== undefined && crossVersion) {
    throw new CannotRun(`--from records counterexamples with the pinned Paddle ${PINNED_PADDLE}; drop --paddle-version`);
  }
  if (given && intoGolden && !sameDir(given, COMMITTED_PLAN_ROOT)) {
    throw new CannotRun(`--plan-root ${args['plan-root']}: golden/ is generated from the committed plan data in ${COMMITTED_PLAN_ROOT}; give --out <another dir> to use other regressions data`);
  }
  if (args.from !== undefined && !intoGolden) {
    if (!given) throw new CannotRun(`--from with --out ${args.out} needs --plan-root <dir>: the counterexamples are added to <dir>/<family>/regressions.json, not to the committed ${COMMITTED_PLAN_ROOT}`);
    if (sameDir(given, COMMITTED_PLAN_ROOT)) throw new CannotRun(`--plan-root ${args['plan-root']} is the committed plan data, which goes with golden/; with --out ${args.out} give another directory`);
  }
  return given ?? COMMITTED_PLAN_ROOT;
}

/**
 * Reads the counterexample file and merges it into each op's regressions
 * data under `planRoot`: the entries the plan is to use, the regressions.json
 * texts that change (to write with the goldens), and a summary on stdout.
 * Any bad line, or a request of an op outside --op, is refused before anything runs.
 */
function addCounterexamples(from: string, planRoot: string, op: string | undefined): { entries: Map<string, RegressionEntry[]>; writes: FileWrite[] } {
  let found: ReturnType<typeof readCounterexamples>;
  try {
    found = readCounterexamples(from);
    const stray = op === undefined ? undefined : found.find((c) => c.family !== op);
    if (stray) throw new RegressionDataError(`${from}:${stray.line}: request.api ${stray.entry.request.api} is an API of ${stray.family}, but --op ${op} runs only ${op}; drop --op or that line`);
    const entries = new Map<string, RegressionEntry[]>();
    const writes: FileWrite[] = [];
    for (const family of [...new Set(found.map((c) => c.family))].sort()) {
      const path = regressionsPath(planRoot, family);
      const merged = mergeRegressions(family, readRegressions(planRoot, family), found.filter((c) => c.family === family).map((c) => c.entry));
      entries.set(family, merged.entries);
      const text = regressionsText(merged.entries);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writes.push({ path, text });
      console.log(`--from ${from}: ${family}: ${merged.added.length} new counterexample(s)${merged.added.map((id) => `\n  + ${id}`).join('')}` +
        `${merged.known.length ? `\n  ${merged.known.length} already in ${path} (or repeated in the file), skipped: ${merged.known.join(', ')}` : ''}`);
    }
    return { entries, writes };
  } catch (error) {
    if (error instanceof RegressionDataError) throw new CannotRun(error.message);
    throw error;
  }
}

function write(out: string, oldTexts: Map<string, string>, oldFiles: Map<string, GoldenFileJson>, files: GoldenFileJson[], accept: boolean, planWrites: readonly FileWrite[] = []): number {
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
  // The plan data goes in the same all-or-nothing batch as the goldens it produced.
  writeAtomically([...planWrites, ...writes], removals);
  const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`\nwrote ${writes.length} file(s), ${texts.size - writes.length} unchanged, removed ${removals.length}; ` +
    `${[...fresh.values()].reduce((n, f) => n + f.cases.length, 0)} case(s), ${(bytes / 1e6).toFixed(2)} MB in ${texts.size} file(s)` +
    `${planWrites.length ? `; plan data: ${planWrites.map((w) => w.path).join(', ')}` : ''}`);
  return 0;
}

/**
 * The --report file, checked now, not after minutes of Paddle (it is written
 * once the run is over): in a folder that exists, and a regular file.
 */
function reportPath(file: string): string {
  if (file === STANDARD_OUTPUT) throw new CannotRun('--report -: the drift report is printed on standard output already; give a file to save it to');
  const path = resolve(file);
  if (!existsSync(dirname(path))) throw new CannotRun(`--report ${file}: the directory ${dirname(path)} does not exist`);
  try {
    outputTarget(path);
  } catch (error) {
    if (error instanceof ReportPathError) throw new CannotRun(`--report: ${error.message}`);
    throw error;
  }
  return path;
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
  const needs: Record<string, string> = { recorded: 'a directory', out: 'a directory', baseline: 'a directory', report: 'a file', 'paddle-version': 'a version', op: 'an op family', from: 'a file', 'plan-root': 'a directory', paddle: 'a release' };
  for (const [flag, what] of Object.entries(needs)) {
    const value = args[flag] as string | string[] | undefined;
    if (Array.isArray(value)) throw new CannotRun(`--${flag} was given more than once; give it once`);
    if (value !== undefined && value.trim() === '') throw new CannotRun(`--${flag} needs ${what}, e.g. --${flag} ${flag === 'paddle-version' || flag === 'paddle' ? '2.6.2' : flag === 'op' ? OPS[0]!.family : '/tmp/x'}`);
  }
  if (args._.length > 0) throw new CannotRun(`unexpected argument ${args._.map(String).join(' ')}; options start with --, see --help`);
}

function unknownFlag(flag: string): never {
  throw new CannotRun(`unknown option ${flag}; see --help`);
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'golden:generate');
