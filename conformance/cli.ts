#!/usr/bin/env node
/**
 * The command line, `paddle-conformance` (also `npm run conformance -- ...`):
 * `run` the goldens against a port, `list` the cases, `show` one case,
 * `fuzz` a port against an oracle on generated requests, `report` saved runs as one HTML page.
 * Exit codes (gate.ts decides run's, and its last lines say why): 0 nothing
 * fails that the expectations do not name; 1 failures, a skipped spec case,
 * or what --strict refuses; 2 usage errors, a bad golden or expectations file,
 * or a port that cannot be run; 128 + n a run that signal n stopped
 * (interruption.ts), its reports written.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { GoldenCase, KwargJson, Level, OutputJson, RequestJson } from './case.js';
import { gradOutputEntries, outputNamesFor, outputTensors } from './outputs.js';
import { formatNumber } from './compare.js';
import { ExpectationsError, loadExpectations, scopeExpectations, type Expectation } from './expectations.js';
import { familyRows, formatFamily } from './family.js';
import { gateOf, type GatedRun } from './gate.js';
import { bundledGoldenDir, GoldenError, loadGoldens, type SuiteCase } from './golden.js';
import { applyOverlays, BASE_RELEASE, checkRelease, crashedOn, loadOverlays, ReleaseChoiceError, RELEASES } from './releases.js';
import { thisMachineClass } from './machine.js';
import { baseMachineClass, MachineChoiceError, suiteForMachine, type MachineSuite } from './machine_overlay.js';
import { capLine } from './excerpt.js';
import { terminalSafe } from './terminal_text.js';
import { PortUnavailable, type Port } from './port.js';
import { handleInterrupts, Interruption } from './interruption.js';
import type { PortSpec } from './ports/index.js';
import { PINNED_IVY, PINNED_PADDLE, PINNED_TORCH } from './python_env.js';
import { parseShard, selectCases, type Query } from './query.js';
import { prepareReportPath, ReportPathError, STANDARD_OUTPUT, writeReportFile } from './report_file.js';
import { formatJsonReport } from './report_json.js';
import { buildReportPage } from './report_html/build.js';
import { RunFileError } from './report_html/run_file.js';
import { formatJunitReport } from './report_junit.js';
import { formatRun, progressReporter, type RerunCommand } from './report_terminal.js';
import { DEFAULT_TIMEOUT_MS, familyOf, runSuite, summarise, type RunResult } from './runner.js';
import { apiNamesOf, argsField, type OpDescriptor } from './op.js';
import { appendCounterexample, CounterexampleFileError, DEFAULT_COUNTEREXAMPLES, prepareCounterexampleFile } from './fuzz/counterexamples.js';
import { expectedDepartures, type ExpectedDepartures } from './fuzz/departures.js';
import { fuzzOp, type FuzzResult } from './fuzz/fuzz.js';
import { openOracle, type OracleKind } from './fuzz/oracle.js';
import { OPS, opForApi, opForFamily } from './ops/index.js';
import { decodeTensor, encodeScalar, shapeSize, stringifyExact, valuesOf, type TensorJson } from './wire.js';

/** A mistake on the command line: printed with a pointer to --help, exit 2. */
class UsageError extends Error {}

type Values = Record<string, string | boolean | string[] | undefined>;

/** Where the CLI writes; `main` uses the process's streams unless a caller (a test) passes its own. */
export interface CliIo {
  /** Writes text to standard output. */
  stdout(text: string): void;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Whether standard error is a terminal, so progress may redraw one line. */
  stderrIsTTY: boolean;
  /** Writes progress to standard error as it is (its carriage returns and line clearing are the point); `stderr` when absent. */
  progress?(text: string): void;
}

/** The process's own streams. */
const PROCESS_IO: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get stderrIsTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

/** One command: its options, help text and handler. */
interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  positionals: number;
  /** Whether more positionals than `positionals` may follow (report's run files). */
  variadic?: boolean;
  help: string;
  handler: (values: Values, positionals: string[], io: CliIo) => Promise<number>;
}

/** The longest --timeout-ms: Node's timers hold at most 2^31-1 ms (about 24.8 days) and fire at once beyond it. */
const MAX_TIMEOUT_MS = 86_400_000;

/** Requests per op when --runs is not given. */
const DEFAULT_FUZZ_RUNS = 200;

/** The largest generated tensor when --max-numel is not given: small, so shrunk cases stay readable and runs fast. */
const DEFAULT_MAX_NUMEL = 64;

const SELECTION = {
  api: { type: 'string', multiple: true },
  golden: { type: 'string', multiple: true },
  filter: { type: 'string', multiple: true },
  level: { type: 'string' },
  tag: { type: 'string', multiple: true },
  shard: { type: 'string' },
  paddle: { type: 'string' },
  machine: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SELECTION_HELP = `Selecting cases:
  --api <name>           only the cases of this op: its family (hinge_embedding_loss) or either Paddle
                         name (paddle.nn.functional.hinge_embedding_loss, paddle.nn.HingeEmbeddingLoss); repeatable
  --golden <dir|file>    golden set to load instead of the bundled one (repeatable);
                         add "--golden bundled" to keep the bundled set beside it
  --filter <id|glob>     case id or glob on ids: * within a /-segment, ** across (repeatable, any matches)
  --level spec|paddle    only cases fixed by the documentation page (spec) or by Paddle's behaviour (paddle)
  --tag <tag>            only cases carrying the tag (repeatable, any matches)
  --shard k/n            the k-th of n deterministic shards (1-based); n shards cover every case once
  --paddle <X>           expect what Paddle release X does: the ${BASE_RELEASE} goldens with X's overlay
                         (golden/releases/<X>/); the bundled reference then reproduces X.
                         Releases: ${RELEASES.join(', ')}
  --machine <class>      expect what Paddle does on this machine class (golden/machines/<class>/;
                         default: this machine's class where it has expectations, else the class
                         the golden files were recorded on). A result that depends on the CPU
                         passes when it matches any recorded class, so verdicts do not depend on it`;

const PORT_HELP = `Choosing the port (default: the bundled reference):
  --port reference|paddle|torch   a bundled port (Paddle ${PINNED_PADDLE}, PyTorch ${PINNED_TORCH})
  --port paddle@<version>         real Paddle of another release, e.g. paddle@2.6.2
  --port torch@<version>          PyTorch of another release, e.g. torch@2.11.0
  --port ivy                      Ivy ${PINNED_IVY}'s Paddle frontend on its numpy backend
  --port ivy@<version>            another Ivy release
                                  (each in its own venv, made on first use)
  --port <path.{js,mjs,ts}>       a module loaded in process
  --port-cmd "<command line>"     any program speaking conformance/PROTOCOL.md on stdin/stdout
  --port-name <name>              the port's name in reports, the HTML page and the terminal
                                  (default: the command line, module path or bundled port)`;

const COMMANDS: Record<string, Command> = {
  run: {
    options: {
      ...SELECTION,
      port: { type: 'string' },
      'port-cmd': { type: 'string' },
      'port-name': { type: 'string' },
      expectations: { type: 'string' },
      strict: { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      bitwise: { type: 'boolean' },
      json: { type: 'string' },
      junit: { type: 'string' },
      progress: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
    },
    positionals: 0,
    help: `Usage: paddle-conformance run [options]

Runs the golden cases against a port and reports every departure from Paddle.

${PORT_HELP}

${SELECTION_HELP}

Judging and reporting:
  --bitwise              compare raw bits: +0 differs from -0, NaN payloads count
  --expectations <file>  known failures (and skips): [{"id": "<id or glob>", "reason": "..."}];
                         entries whose cases all lie outside the selection are left out
  --strict               fail the run when an expected failure passes, or when an
                         expectations entry matches no case of the suite (a stale entry)
  --timeout-ms <ms>      per-case time limit given to the port (default ${DEFAULT_TIMEOUT_MS}, at most ${MAX_TIMEOUT_MS})
  --json <file>          write the machine-readable report (- for standard output,
                         the summary then going to stderr); only a regular file is
                         written, never a device, FIFO or socket, and an existing
                         file keeps its mode
  --junit <file>         write a JUnit XML report (- for standard output, as --json)
  --progress             show progress on stderr even when it is not a terminal
  --verbose, -v          list every passing case's note (a different error message);
                         a passing run otherwise folds them into one line

Exit codes: 0 nothing fails that the expectations do not name; 1 a case fails, a spec case is skipped,
or (--strict) an expected failure passes or an entry is stale; 2 usage error, bad golden or expectations
file, or a port that cannot be run; 128 + n a run stopped by signal n (130 for Ctrl-C), with the reports
of the cases run so far. The last lines say why ("exit code 1: ...").

Examples:
  paddle-conformance run
  paddle-conformance run --port paddle --level spec
  paddle-conformance run --port-cmd "python3 my_port.py" --expectations known.json --json report.json
  paddle-conformance run --api soft_margin_loss --port-cmd "python3 my_port.py" --port-name numpy-port --expectations known.json --strict
  paddle-conformance run --filter 'hinge_embedding_loss/margins/**' --bitwise
  paddle-conformance run --shard 2/4 --junit junit.xml`,
    handler: runCommand,
  },
  list: {
    options: { ...SELECTION, json: { type: 'boolean' }, ops: { type: 'boolean' } },
    positionals: 0,
    help: `Usage: paddle-conformance list [options]

Lists the golden cases: id, group, level and tags.

${SELECTION_HELP}

  --ops                  one row per op instead: its functional form and layers (with the
                         release each younger name appeared in) and its selected cases by
                         level and by form, then the count of functions, layers and cases
  --json                 print the list as JSON

Examples:
  paddle-conformance list
  paddle-conformance list --ops
  paddle-conformance list --level spec --tag grad
  paddle-conformance list --filter '**/dtype=float64*' --json`,
    handler: listCommand,
  },
  show: {
    options: { golden: SELECTION.golden, paddle: SELECTION.paddle, machine: SELECTION.machine, help: SELECTION.help, port: { type: 'string' }, 'port-cmd': { type: 'string' }, 'port-name': { type: 'string' } },
    positionals: 1,
    help: `Usage: paddle-conformance show <case-id> [options]

Shows one case: its inputs, what Paddle returned or raised, where that came from,
and the commands that re-run just this case.

  --golden <dir|file>    golden set to look in (repeatable; see run --help)
  --paddle <X>           show what Paddle release X does (its overlay; see run --help)
  --machine <class>      show what Paddle does on that machine class (see run --help)
  --port / --port-cmd    the port to put in the re-run command (and --port-name, its name)

Examples:
  paddle-conformance show 'hinge_embedding_loss/doc_example/form=functional,reduction=none'
  paddle-conformance show 'hinge_embedding_loss/doc_example/form=functional,reduction=mean' --port-cmd "python3 my_port.py"`,
    handler: showCommand,
  },
  fuzz: {
    options: {
      api: SELECTION.api,
      help: SELECTION.help,
      port: { type: 'string' },
      'port-cmd': { type: 'string' },
      'port-name': { type: 'string' },
      expectations: { type: 'string' },
      level: { type: 'string' },
      oracle: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'time-budget': { type: 'string' },
      'max-numel': { type: 'string' },
      counterexamples: { type: 'string' },
      bitwise: { type: 'boolean' },
      path: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'skip-unavailable': { type: 'boolean' },
    },
    positionals: 0,
    help: `Usage: paddle-conformance fuzz [options]

Sends randomly generated requests (shapes, dtypes, special values, kinks,
arguments Paddle rejects) to a port and to an oracle, judges the port's answer
by the comparison policy of the goldens, and shrinks the first disagreement to a
small request. Each shrunk request is appended to the counterexample file, from
which "npm run golden:generate -- --from <file>" records Paddle's answers as goldens.

${PORT_HELP}

Fuzzing:
  --api <name>              only this op (family or either Paddle name; repeatable); default every op
  --oracle reference|paddle what the port is compared with: the bundled reference (default)
                            or real Paddle ${PINNED_PADDLE} (its venv is made on first use)
  --seed <n>                fast-check's seed (default: a random one, printed for replay)
  --runs <n>                requests per op at most (default ${DEFAULT_FUZZ_RUNS})
  --time-budget <s>         stop each op after this many seconds, shrinking included
  --max-numel <n>           the most elements of a generated tensor (default ${DEFAULT_MAX_NUMEL})
  --counterexamples <file>  append shrunk requests here as JSON lines, to a regular file only
                            (default ${DEFAULT_COUNTEREXAMPLES})
  --bitwise                 compare raw bits: +0 differs from -0, NaN payloads count
  --level spec|paddle       judge only the requests whose result the documentation page fixes
                            (spec: Paddle returns a result and no named rule's alternative answers
                            otherwise), or only the others (paddle); default: every request
  --expectations <file>     the port's known departures, the file "run --expectations" reads: a
                            disagreement on a request that leaves the page's domain as an entry's
                            cases do (a dtype, a keyword, a reduction, a label not ±1), that a named
                            rule they cite decides, or on which Paddle raises an error they expect,
                            is an expected departure: counted per entry, not a finding
  --path <path>             replay fast-check's path of a finding (needs its --seed and one --api)
  --timeout-ms <ms>         per-request time limit given to the port (default ${DEFAULT_TIMEOUT_MS})
  --skip-unavailable        when the port or the oracle cannot be started (no Python, no Paddle),
                            print one "SKIPPED: fuzz — <why>" line and exit 0 (for CI)

Exit codes: 0 no disagreement (expected departures aside); 1 a disagreement was found; 2 usage error or a port (or oracle) that cannot be run.

Examples:
  paddle-conformance fuzz --port-cmd "python3 my_port.py" --api hinge_embedding_loss
  paddle-conformance fuzz --port ./my_port.mjs --oracle paddle --runs 1000 --time-budget 60
  paddle-conformance fuzz --port-cmd "python3 my_port.py" --level spec --expectations known.json
  paddle-conformance fuzz --api margin_ranking_loss --seed 42 --path '17:3:0' --runs 1`,
    handler: fuzzCommand,
  },
  report: {
    options: { out: { type: 'string', short: 'o' }, help: SELECTION.help },
    positionals: 1,
    variadic: true,
    help: `Usage: paddle-conformance report <run.json>... --out <file.html>

Builds one static, self-contained HTML page (no network needed to open it) from
saved runs ("paddle-conformance run --json <file>"): a matrix of op x case x port,
each port's spec-conformant and Paddle-compatible counts per op, filters by op,
group, level and status, and, on a click, a case's request, expected and actual
results, first differing element, rules and re-run command. Each run is one
column, named by the port its report names.

  --out, -o <file.html>  where to write the page (missing folders are created;
                         written through a temporary file, never half-written;
                         only a regular file, never a device, FIFO or socket;
                         - for standard output)

Exit codes: 0 the page was written; 2 usage error, or a run file that is missing or not a run report.

Examples:
  paddle-conformance run --json reports/reference.json
  paddle-conformance run --port paddle@2.6.2 --json reports/paddle@2.6.2.json
  paddle-conformance report reports/reference.json reports/paddle@2.6.2.json --out reports/compatibility.html`,
    handler: reportCommand,
  },
};

const MAIN_HELP = `Usage: paddle-conformance <command> [options]

Checks an implementation of Paddle's API (the ops of \`list\`, each in its functional
and layer form) against golden results recorded from real Paddle.

Commands:
  run               run the cases against a port (the default command)
  list              list the cases
  show <case-id>    show one case in full
  fuzz              compare a port with an oracle on generated requests
  report <run.json>... --out <file.html>
                    build a static compatibility page from saved runs

Run "paddle-conformance <command> --help" for a command's options;
"paddle-conformance --version" prints the version.

Examples:
  paddle-conformance                       # run everything against the bundled reference
  paddle-conformance run --port paddle     # run against real Paddle
  paddle-conformance run --port-cmd "node my_port.mjs" --level spec
  paddle-conformance list --tag grad
  paddle-conformance show 'hinge_embedding_loss/doc_example/form=functional,reduction=mean'`;

/** Runs the CLI on the given arguments and returns the exit code. */
export async function main(argv: readonly string[], given: CliIo = PROCESS_IO): Promise<number> {
  // Everything printed may quote a port, a golden or a file name: control characters are shown escaped, not obeyed.
  const io = escaping(given);
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(`${MAIN_HELP}\n`);
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${await packageVersion()}\n`);
    return 0;
  }
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : 'run';
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are run, list, show, fuzz and report`);
    const { values, positionals } = parse(command, named ? argv.slice(1) : argv);
    if (values.help) {
      io.stdout(`${command.help}\n`);
      return 0;
    }
    return await command.handler(values, positionals, io);
  } catch (e) {
    return reportError(e, name, io);
  }
}

/** The streams with every control character escaped (terminal_text.ts); progress is written as it is. */
function escaping(io: CliIo): CliIo {
  return {
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
    get stderrIsTTY() {
      return io.stderrIsTTY;
    },
    progress: io.progress ?? io.stderr,
  };
}

/** The version in the package's own package.json, found from this module in source and in dist/ alike. */
async function packageVersion(): Promise<string> {
  const { packageFile } = await import('./ports/index.js');
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}

function parse(command: Command, args: readonly string[]): { values: Values; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's message is good; its hint about `--` is not relevant here.
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const counted = command.variadic ? positionals.length >= command.positionals : positionals.length === command.positionals;
  if (!values.help && !counted) {
    throw new UsageError(command.variadic
      ? 'expected at least one run report (a file written by "paddle-conformance run --json <file>")'
      : command.positionals === 0
      ? `unexpected argument ${JSON.stringify(positionals[0])}`
      : `expected ${command.positionals} argument (the case id), got ${positionals.length}`);
  }
  return { values: values as Values, positionals };
}

/** Prints an error the way its kind deserves and returns exit code 2. */
function reportError(e: unknown, command: string, io: CliIo): number {
  if (e instanceof UsageError) {
    io.stderr(`paddle-conformance ${command}: ${e.message}\nSee "paddle-conformance ${command} --help".\n`);
  } else if (e instanceof GoldenError) {
    io.stderr(`paddle-conformance: bad golden file: ${e.message}\n`);
  } else if (e instanceof RunFileError) {
    io.stderr(`paddle-conformance: bad run report: ${e.message}\n`);
  } else if (e instanceof ExpectationsError) {
    io.stderr(`paddle-conformance: bad expectations file: ${e.message}\n`);
  } else if (e instanceof PortUnavailable) {
    // The message may end with the port's own stderr: the last line still says what the exit code means.
    io.stderr(`paddle-conformance: the port cannot be run: ${e.message}\nexit code 2: the port ${JSON.stringify(e.port)} could not be run (why is above)\n`);
  } else {
    io.stderr(`paddle-conformance: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  return 2;
}

// ---------------------------------------------------------------- selection

/** The golden cases of the selection's golden sets, as the release --paddle names is expected to behave on the --machine class. */
function suiteOf(values: Values, io: CliIo): SuiteCase[] {
  return machineSuiteOf(values, io).cases;
}

/** suiteOf with the machine class the expectations are of. */
function machineSuiteOf(values: Values, io: CliIo): MachineSuite {
  const sources = goldenSources(values);
  const cases = loadGoldens(sources);
  const release = releaseOf(values);
  const dirs = sources.filter((s) => existsSync(s) && statSync(s).isDirectory());
  // Every golden directory needs the release's overlays: one without them would have its cases judged by the base's results.
  const overlaid = release === BASE_RELEASE ? cases : applyOverlays(cases, (dirs.length > 0 ? dirs : [sources[0]!]).flatMap((root) => loadOverlays(root, release)));
  let suite: MachineSuite;
  try {
    suite = suiteForMachine(cases, overlaid, dirs, release, values.machine as string | undefined, thisMachineClass());
  } catch (e) {
    if (e instanceof MachineChoiceError) throw new UsageError(`--machine: ${e.message}`);
    throw e;
  }
  // A case the release dies on has no result to compare; it is left out, and said so.
  const crashed = suite.cases.filter(crashedOn);
  if (crashed.length > 0) {
    io.stderr(`${crashed.length} case(s) not judged: Paddle ${release} crashes on them (${crashed.map((c) => c.golden.id).join(', ')})\n`);
  }
  return { ...suite, cases: suite.cases.filter((c) => !crashedOn(c)) };
}

/** The release --paddle names (the base when absent); a release without expectations is a usage error. */
function releaseOf(values: Values): string {
  const release = (values.paddle as string | undefined) ?? BASE_RELEASE;
  try {
    checkRelease(release);
  } catch (e) {
    if (e instanceof ReleaseChoiceError) throw new UsageError(`--paddle: ${e.message}`);
    throw e;
  }
  return release;
}

function goldenSources(values: Values): string[] {
  const given = (values.golden as string[] | undefined) ?? [];
  if (given.length === 0) return [bundledGoldenDir()];
  return given.map((g) => (g === 'bundled' ? bundledGoldenDir() : g));
}

/** The --level given: spec, paddle, or none. */
function levelOf(values: Values): Level | undefined {
  const level = values.level as string | undefined;
  if (level !== undefined && level !== 'spec' && level !== 'paddle') throw new UsageError(`--level must be spec or paddle, got ${JSON.stringify(level)}`);
  return level;
}

function queryOf(values: Values): Query {
  const level = levelOf(values);
  let shard;
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard as string);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const apis = (values.api as string[] | undefined)?.map(apiFamily);
  return { apis, filters: values.filter as string[] | undefined, level, tags: values.tag as string[] | undefined, shard };
}

/** The registered ops the --api values name, in registry order; every op when none is given. */
function opsOf(values: Values): OpDescriptor[] {
  const apis = (values.api as string[] | undefined)?.map(apiFamily);
  return apis ? OPS.filter((op) => apis.includes(op.family)) : [...OPS];
}

/** The family an --api value names: a family itself, or either Paddle name of an op. */
function apiFamily(name: string): string {
  const op = opForFamily(name) ?? opForApi(name);
  if (!op) {
    const known = OPS.map((o) => `${o.family} (${apiNamesOf(o).join(', ')})`).join('; ');
    throw new UsageError(`--api ${JSON.stringify(name)} names no registered op; known: ${known}`);
  }
  return op.family;
}

/** The selected cases; a query that matches nothing (before sharding) is a usage error, so a typo cannot pass CI. */
function selected(values: Values, io: CliIo): { cases: SuiteCase[]; all: SuiteCase[]; machine: string | undefined } {
  const { cases: all, machine } = machineSuiteOf(values, io);
  const query = queryOf(values);
  const unsharded = selectCases(all, { ...query, shard: undefined });
  if (unsharded.length === 0) throw new UsageError(`no case matches the selection (${describeQuery(query)}) among ${all.length} cases; try "paddle-conformance list"`);
  return { cases: query.shard ? selectCases(all, query) : unsharded, all, machine };
}

function describeQuery(q: Query): string {
  const parts = [...(q.apis ?? []).map((a) => `--api ${a}`), ...(q.filters ?? []).map((f) => `--filter '${f}'`), ...(q.level ? [`--level ${q.level}`] : []), ...(q.tags ?? []).map((t) => `--tag ${t}`)];
  return parts.join(' ') || 'no filters';
}

// ---------------------------------------------------------------- ports

/** The port arguments as given, for messages and re-run commands. */
function portArgs(values: Values): string[] {
  if (values.port !== undefined && values['port-cmd'] !== undefined) throw new UsageError('give --port or --port-cmd, not both');
  const name = portName(values);
  const named = name !== undefined ? ['--port-name', name] : [];
  if (values['port-cmd'] !== undefined) return ['--port-cmd', values['port-cmd'] as string, ...named];
  if (values.port !== undefined) return ['--port', values.port as string, ...named];
  return named;
}

/** The longest --port-name: a column header and a report field, not a description. */
const MAX_PORT_NAME = 100;

/** The --port-name given, checked: one line of visible text, so every report and the page can show it as it is. */
function portName(values: Values): string | undefined {
  const name = values['port-name'] as string | undefined;
  if (name === undefined) return undefined;
  if (name.trim() === '') throw new UsageError('--port-name must not be empty');
  if (name.trim() !== name) throw new UsageError(`--port-name must not start or end with spaces, got ${JSON.stringify(name)}`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new UsageError(`--port-name must be one line without control characters, got ${JSON.stringify(name)}`);
  if ([...name].length > MAX_PORT_NAME) throw new UsageError(`--port-name must be at most ${MAX_PORT_NAME} characters, got ${[...name].length}`);
  return name;
}

/** What the port arguments ask for, checked (a bad version after torch@ or paddle@ is a usage error) before anything runs. */
async function portSpecOf(values: Values, timeoutMs: number): Promise<PortSpec> {
  portArgs(values);
  const { parseBuiltinPort, PortChoiceError } = await import('./ports/index.js');
  const port = values.port as string | undefined;
  if (values['port-cmd'] !== undefined) return { cmd: values['port-cmd'] as string, timeoutMs, cwd: process.cwd() };
  // The bundled reference reproduces the release the cases are judged against.
  const release = releaseOf(values);
  if (port === undefined) return { builtin: 'reference', timeoutMs, release };
  try {
    const builtin = parseBuiltinPort(port);
    if (builtin) return { ...builtin, timeoutMs, release };
  } catch (e) {
    if (e instanceof PortChoiceError) throw new UsageError(`--port: ${e.message}`);
    throw e;
  }
  return { module: resolve(port), timeoutMs, cwd: process.cwd() };
}

/** A shell word: single-quoted unless it is plainly safe. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Builds the re-run command for one case from the options that shape a run. */
function rerunBuilder(values: Values, timeoutMs: number): RerunCommand {
  const extra = [
    ...portArgs(values),
    ...((values.golden as string[] | undefined) ?? []).flatMap((g) => ['--golden', g]),
    ...(values.paddle !== undefined ? ['--paddle', values.paddle as string] : []),
    ...(values.machine !== undefined ? ['--machine', values.machine as string] : []),
    ...(values.bitwise ? ['--bitwise'] : []),
    ...(timeoutMs !== DEFAULT_TIMEOUT_MS ? ['--timeout-ms', String(timeoutMs)] : []),
  ];
  return (id) => ['npx', 'paddle-conformance', 'run', '--filter', `'${id.replaceAll("'", `'\\''`)}'`, ...extra.map(shellQuote)].join(' ');
}

// ---------------------------------------------------------------- run

async function runCommand(values: Values, _positionals: string[], io: CliIo): Promise<number> {
  const timeoutMs = parseTimeout(values['timeout-ms'] as string | undefined);
  const spec = await portSpecOf(values, timeoutMs);
  const { cases, all, machine } = selected(values, io);
  const given: Expectation[] = values.expectations !== undefined ? loadExpectations(values.expectations as string) : [];
  // Entries for cases outside the selection are neither used nor stale here: one file serves every subset (--strict included).
  const { judged: expectations, outside } = scopeExpectations(given, cases.map((c) => c.golden.id), all.map((c) => c.golden.id));
  const name = portName(values);
  // With --port-name, reports carry the name, and the command line beside it.
  const named = <R extends RunResult>(run: R): GatedRun => (name === undefined ? run : { ...run, port: name, portCommand: run.port });
  const reports = reportTargets(values, io);
  // A report on standard output has it to itself: the summary goes to stderr.
  if (reports.onStdout) io = { ...io, stdout: io.stderr };
  const rerun = rerunBuilder(values, timeoutMs);
  const options = { bitwise: Boolean(values.bitwise), strict: Boolean(values.strict), timeoutMs, paddle: releaseOf(values), ...(machine !== undefined && { machine }) };
  let port: Port;
  try {
    const { openPort } = await import('./ports/index.js');
    port = await openPort(spec);
  } catch (e) {
    // CI keeps an artefact even then: every case not run, with the reason.
    if (e instanceof PortUnavailable) {
      const run = notStarted(cases, e, options);
      writeReports(reports, { ...named(run), gate: gateOf(run, { notStarted: true }), expectationsOutside: outside }, rerun, cases);
    }
    throw e;
  }
  const tty = io.stderrIsTTY;
  const showProgress = tty || Boolean(values.progress);
  const interruption = new Interruption((signal) => io.stderr(`\npaddle-conformance: ${signal}: stopping the port and writing the reports of the cases run so far (${signal} again stops at once, without them)\n`));
  try {
    let run;
    try {
      run = await runSuite({ cases, port, ...options, expectations, onProgress: showProgress ? progressReporter(io.progress ?? io.stderr, tty) : undefined, signal: interruption.signal });
    } finally {
      // A run that stopped early leaves the progress line open on a terminal.
      if (tty && showProgress) (io.progress ?? io.stderr)('\x1b[K\r');
      await closePort(port, interruption.signal.aborted, io);
    }
    // The gate decides the exit code, and the report's last lines say why (gate.ts).
    const gate = gateOf(run, { expectations, ...(interruption.by && { interruptedBy: interruption.by }) });
    const reported: GatedRun = { ...named(run), gate, expectationsOutside: outside };
    if (cases.length === 0) io.stdout('This shard holds no cases.\n');
    io.stdout(formatRun(reported, rerun, { verbose: Boolean(values.verbose) }));
    writeReports(reports, reported, rerun, cases);
    return gate.exitCode;
  } finally {
    interruption.dispose();
  }
}

/** Closes the port (at once when the run was interrupted); a port whose close() throws costs a warning, not the reports. */
async function closePort(port: Port, interrupted: boolean, io: CliIo): Promise<void> {
  try {
    await port.close({ interrupted });
  } catch (e) {
    io.stderr(`paddle-conformance: closing the port failed: ${capLine(e instanceof Error ? `${e.name}: ${e.message}` : String(e))}\n`);
  }
}

/** The report files asked for, each checked writable before anything runs (creating missing folders, and saying so). */
function reportTargets(values: Values, io: CliIo): ReportTargets {
  const targets = { json: values.json as string | undefined, junit: values.junit as string | undefined };
  if (targets.json === STANDARD_OUTPUT && targets.junit === STANDARD_OUTPUT) throw new UsageError('--json - and --junit - would mix two reports on standard output; give one of them a file');
  for (const [flag, file] of Object.entries(targets)) {
    if (file === undefined) continue;
    try {
      const { created } = prepareReportPath(file);
      for (const folder of created) io.stderr(`paddle-conformance: created the folder ${folder} for --${flag} ${file}\n`);
    } catch (e) {
      if (e instanceof ReportPathError) throw new UsageError(`--${flag}: ${e.message}${e.special ? `, or --${flag} - for standard output` : ''}`);
      throw e;
    }
  }
  return { ...targets, stdout: io.stdout, onStdout: targets.json === STANDARD_OUTPUT || targets.junit === STANDARD_OUTPUT };
}

/** The report files of a run, and standard output for the one given as `-`. */
interface ReportTargets {
  json?: string;
  junit?: string;
  /** Where a `-` report goes. */
  stdout: (text: string) => void;
  /** Whether a report goes to standard output, which then carries nothing else. */
  onStdout: boolean;
}

function writeReports(reports: ReportTargets, run: GatedRun, rerun: RerunCommand, cases: readonly SuiteCase[]): void {
  if (reports.json !== undefined) writeReportFile(reports.json, formatJsonReport(run, rerun, cases), reports.stdout);
  if (reports.junit !== undefined) writeReportFile(reports.junit, formatJunitReport(run, rerun), reports.stdout);
}

/** The run of a port that could not be started: every selected case not run, the reason as the abort message, exit 2. */
function notStarted(cases: readonly SuiteCase[], e: PortUnavailable, options: RunResult['options']): RunResult {
  const notRun = cases.map(({ golden: g }) => ({ id: g.id, api: familyOf(g.id), group: g.group, level: g.level }));
  const reason = `the port could not be started: ${e.message}`;
  return { ...summarise(e.port, [], options, notRun), aborted: reason, exitCode: 2 };
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n <= 0) throw new UsageError(`--timeout-ms must be a positive whole number of milliseconds, got ${JSON.stringify(text)}`);
  if (n > MAX_TIMEOUT_MS) throw new UsageError(`--timeout-ms must be at most ${MAX_TIMEOUT_MS} (24 hours), got ${JSON.stringify(text)}`);
  return n;
}

// ---------------------------------------------------------------- fuzz

async function fuzzCommand(values: Values, positionals: string[], io: CliIo): Promise<number> {
  try {
    return await fuzzAll(values, positionals, io);
  } catch (e) {
    // CI runs the reference against live Paddle wherever Paddle's environment can be had, and says so where it cannot.
    if (!(e instanceof PortUnavailable) || !values['skip-unavailable']) throw e;
    io.stdout(`SKIPPED: fuzz — ${capLine(e.message.replace(/\s+/g, ' '))}\n`);
    return 0;
  }
}

async function fuzzAll(values: Values, _positionals: string[], io: CliIo): Promise<number> {
  const settings = fuzzSettings(values);
  const spec = await portSpecOf(values, settings.timeoutMs);
  const file = (values.counterexamples as string | undefined) ?? DEFAULT_COUNTEREXAMPLES;
  try {
    prepareCounterexampleFile(file);
  } catch (e) {
    if (e instanceof CounterexampleFileError) throw new UsageError(`--counterexamples: ${e.message}`);
    throw e;
  }
  const entries = values.expectations !== undefined ? loadExpectations(values.expectations as string) : undefined;
  // The entries name golden cases: fuzz reads them through the rules and errors of those cases (fuzz/departures.ts).
  const suite = entries ? loadGoldens([bundledGoldenDir()]) : [];
  const { openPort } = await import('./ports/index.js');
  const opened = await openPort(spec);
  const name = portName(values);
  const port: Port = name === undefined ? opened : { name, ...(opened.startupMs !== undefined && { startupMs: opened.startupMs }), handle: (r) => opened.handle(r), close: (o) => opened.close(o) };
  try {
    const oracle = await openOracle(settings.oracle, settings.timeoutMs);
    try {
      let found = 0;
      for (const op of settings.ops) {
        const departures = entries ? expectedDepartures(op.family, entries, suite) : undefined;
        const result = await fuzzOp({ ...settings, op, port, oracle, ...(departures && { departures }) });
        io.stdout(formatFuzzResult(result, fuzzRerun(values, op.family, result), departures));
        if (!result.found) continue;
        found++;
        appendCounterexample(file, { request: result.found.request, found: { port: result.port, oracle: result.oracle, seed: result.seed, path: result.found.path, failure: result.found.failure } });
        io.stdout(`  appended to ${file}\n`);
      }
      return found > 0 ? 1 : 0;
    } finally {
      await oracle.close();
    }
  } finally {
    await port.close();
  }
}

/** The fuzz options, checked before anything runs. */
function fuzzSettings(values: Values): { ops: OpDescriptor[]; oracle: OracleKind; seed: number; runs: number; timeBudgetMs?: number; maxNumel: number; bitwise: boolean; path?: string; timeoutMs: number; foreignMachine?: string; level?: Level } {
  const level = levelOf(values);
  const ops = opsOf(values);
  const oracle = (values.oracle as string | undefined) ?? 'reference';
  if (oracle !== 'reference' && oracle !== 'paddle') throw new UsageError(`--oracle must be reference or paddle, got ${JSON.stringify(oracle)}`);
  const path = values.path as string | undefined;
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new UsageError(`--path must be fast-check's path, numbers joined by ':' (e.g. 17:3:0), got ${JSON.stringify(path)}`);
  if (path !== undefined && (ops.length !== 1 || values.seed === undefined)) throw new UsageError('--path replays one finding: give its --seed and exactly one --api');
  const budget = values['time-budget'] as string | undefined;
  return {
    ops,
    oracle,
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber('--seed', values.seed as string, 0, 2 ** 31 - 1),
    runs: values.runs === undefined ? DEFAULT_FUZZ_RUNS : wholeNumber('--runs', values.runs as string, 1, 10_000_000),
    ...(budget !== undefined && { timeBudgetMs: seconds('--time-budget', budget) * 1000 }),
    maxNumel: values['max-numel'] === undefined ? DEFAULT_MAX_NUMEL : wholeNumber('--max-numel', values['max-numel'] as string, 1, 1_000_000),
    bitwise: Boolean(values.bitwise),
    ...(oracle === 'paddle' && foreignMachine() !== undefined && { foreignMachine: foreignMachine() }),
    ...(path !== undefined && { path }),
    ...(level !== undefined && { level }),
    timeoutMs: parseTimeout(values['timeout-ms'] as string | undefined),
  };
}

/** This machine's class when it is not the one the bundled goldens were recorded on (whose bits the reference reproduces). */
function foreignMachine(): string | undefined {
  const here = thisMachineClass() ?? 'an unknown class';
  return here === baseMachineClass(loadGoldens([bundledGoldenDir()])) ? undefined : here;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

function seconds(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number of seconds, got ${JSON.stringify(text)}`);
  return n;
}

/** The command that replays one op's finding: its seed and path, one run, and the options that shaped the requests and the judgement. */
function fuzzRerun(values: Values, family: string, result: FuzzResult): string {
  const args = [
    '--api', family, '--seed', String(result.seed), ...(result.found ? ['--path', result.found.path, '--runs', '1'] : []),
    ...portArgs(values),
    ...(values.oracle !== undefined ? ['--oracle', values.oracle as string] : []),
    ...(values['max-numel'] !== undefined ? ['--max-numel', values['max-numel'] as string] : []),
    ...(values['timeout-ms'] !== undefined ? ['--timeout-ms', values['timeout-ms'] as string] : []),
    ...(values.bitwise ? ['--bitwise'] : []),
    ...(values.level !== undefined ? ['--level', values.level as string] : []),
    ...(values.expectations !== undefined ? ['--expectations', values.expectations as string] : []),
  ];
  return ['npx', 'paddle-conformance', 'fuzz', ...args.map(shellQuote)].join(' ');
}

/** One op's outcome: a line, and for a finding the shrunk request as `show` prints one, the failure and the replay command. */
function formatFuzzResult(result: FuzzResult, rerun: string, departures?: ExpectedDepartures): string {
  const time = `${(result.elapsedMs / 1000).toFixed(2)} s`;
  const head = `${result.op}: ${result.cases} cases in ${time} (seed ${result.seed}${result.interrupted ? ', time budget reached' : ''}) against ${result.oracle}: `;
  const cpu = result.cpuDependent ? `; Paddle runs on another machine class than the goldens', so ${result.cpuDependent} of them, with CPU-dependent results, were judged within the bound rather than bit for bit (${opForFamily(result.op)?.cpuDependent?.why ?? 'see the op'})` : '';
  const judging = [...levelLines(result), ...departureLines(result, departures)];
  if (!result.found) return [`${head}no disagreement${cpu}`, ...judging].join('\n') + '\n';
  const f = result.found;
  const lines = [
    `${head}DISAGREEMENT after ${f.casesToFirst} cases (${Math.round(f.msToFirst)} ms), shrunk in ${f.shrinks} steps`,
    ...judging,
    'Request:',
    ...requestLines(f.request),
    `  failure: ${f.failure}`,
    `  re-run: ${rerun}`,
    'The request as a --port-cmd port receives it (one line on stdin):',
    `  ${stringifyExact({ id: `${result.op}/fuzz`, ...f.request })}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Under --level: how many drawn requests the level judged, and why the others were not (fuzz/fuzz.ts, LevelCounts). */
function levelLines(result: FuzzResult): string[] {
  const l = result.levels;
  if (!l) return [];
  const others = `${l.off} outside the page's domain, ${l.raises} on which Paddle raises, ${l.rule} whose result a named rule decides`;
  return [l.level === 'spec'
    ? `  level spec: ${l.page} requests judged, those whose result the page fixes; not judged: ${others}`
    : `  level paddle: ${l.off + l.raises + l.rule} requests judged (${others}); not judged: ${l.page} whose result the page fixes`];
}

/** Under --expectations: the departures met, per entry, and the entries of this op that fuzz cannot recognise. */
function departureLines(result: FuzzResult, departures: ExpectedDepartures | undefined): string[] {
  if (!departures || !result.expected) return [];
  const met = result.expected.reduce((n, e) => n + e.requests, 0);
  const perEntry = result.expected.map((e) => `${JSON.stringify(e.entry.id)}: ${e.requests}`).join('; ');
  const lines = [`  expected departures met: ${met} requests, not findings${met ? ` (${perEntry})` : ''}; ${departures.recognisable.length} entries apply to this op`];
  if (departures.unrecognisable.length) {
    lines.push(`  entries fuzz cannot recognise (their cases stay inside the page's domain, cite no rule and expect no error): ${departures.unrecognisable.map((e) => JSON.stringify(e.id)).join(', ')}`);
  }
  return lines;
}

// ---------------------------------------------------------------- report

async function reportCommand(values: Values, positionals: string[], io: CliIo): Promise<number> {
  const out = values.out as string | undefined;
  if (out === undefined) throw new UsageError('--out <file.html> is required: where to write the page');
  let page;
  try {
    page = buildReportPage(positionals, out, io.stdout);
  } catch (e) {
    if (e instanceof ReportPathError) throw new UsageError(`--out: ${e.message}${e.special ? ', or --out - for standard output' : ''}`);
    throw e;
  }
  for (const folder of page.created) io.stderr(`paddle-conformance: created the folder ${folder} for --out ${out}\n`);
  // With --out -, standard output holds the page and nothing else.
  (out === STANDARD_OUTPUT ? io.stderr : io.stdout)(`wrote ${out}: ${page.cases} cases x ${page.ports.length} ports (${page.ports.join(', ')}), ${(page.bytes / 1024).toFixed(0)} KiB\n`);
  return 0;
}

// ---------------------------------------------------------------- list

async function listCommand(values: Values, _positionals: string[], io: CliIo): Promise<number> {
  const { cases, all } = selected(values, io);
  if (values.ops) {
    // Ops of the --api selection that the loaded golden set holds, so a user's own --golden set lists its ops only.
    const loaded = new Set(all.map((c) => familyOf(c.golden.id)));
    const rows = familyRows(opsOf(values).filter((op) => loaded.has(op.family)), cases);
    io.stdout(values.json ? `${JSON.stringify(rows, null, 2)}\n` : formatFamily(rows));
    return 0;
  }
  if (values.json) {
    const rows = cases.map((c) => ({ id: c.golden.id, group: c.golden.group, level: c.golden.level, tags: c.golden.tags, file: c.file }));
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(...cases.map((c) => c.golden.id.length));
  const groupWidth = Math.max(...cases.map((c) => c.golden.group.length));
  const lines = cases.map(({ golden: g }) => `${g.id.padEnd(idWidth)}  ${g.group.padEnd(groupWidth)}  ${g.level.padEnd(6)}  ${g.tags.join(',')}`.trimEnd());
  io.stdout(`${lines.join('\n')}\n`);
  io.stderr(`${cases.length} cases\n`);
  return 0;
}

// ---------------------------------------------------------------- show

async function showCommand(values: Values, positionals: string[], io: CliIo): Promise<number> {
  const id = positionals[0]!;
  await portSpecOf(values, DEFAULT_TIMEOUT_MS);
  const all = suiteOf(values, io);
  const found = all.find((c) => c.golden.id === id);
  if (!found) {
    const near = all.filter((c) => c.golden.id.includes(id)).slice(0, 10).map((c) => `  ${c.golden.id}`);
    throw new UsageError(`no case has the id ${JSON.stringify(id)}${near.length ? `; ids containing it:\n${near.join('\n')}` : ''}`);
  }
  io.stdout(formatShow(found, rerunBuilder(values, DEFAULT_TIMEOUT_MS)));
  return 0;
}

/** One case in full, for `show`. */
function formatShow(c: SuiteCase, rerun: RerunCommand): string {
  const g = c.golden;
  const p = c.provenance;
  const lines = [
    `${g.id}  [${g.level}]`,
    `  ${g.description}`,
    ...(g.spec_clause ? [`  spec clause: ${g.spec_clause}`] : []),
    ...(g.rules?.length ? [`  rules: ${g.rules.join(', ')}`] : []),
    `  tags: ${g.tags.join(', ') || '(none)'}`,
    '',
    'Request:',
    ...requestLines(g.request),
    '',
    `Expected (what Paddle did${c.provenance.oracle.machine_class ? ` on ${c.provenance.oracle.machine_class}` : ''}):`,
    ...expectedLines(g),
    ...(c.machineVariants ?? []).flatMap((v) => ['', `Expected on ${v.machine_class} (this result depends on the CPU; a port may match either):`, ...expectedLines({ ...g, expected: v.expected })]),
    '',
    'Provenance:',
    `  golden file: ${c.file}`,
    `  oracle: Paddle ${p.oracle.paddle_version} (commit ${p.oracle.paddle_commit}), Python ${p.oracle.python}, numpy ${p.oracle.numpy}, ${p.oracle.os}, ${p.oracle.cpu} (${p.oracle.machine})`,
    `  machine class: ${p.oracle.machine_class ?? 'not recorded'}${p.oracle.cpu_features ? ` (${p.oracle.cpu_vendor ?? 'unknown vendor'}; ${p.oracle.cpu_features.join(' ')})` : ''}` +
      `${p.oracle.threads !== undefined ? `; ${p.oracle.threads} thread(s)` : ''}${p.oracle.paddle_flags ? `; flags ${Object.entries(p.oracle.paddle_flags).map(([k, v]) => `${k}=${String(v)}`).join(' ') || '(none recorded)'}` : ''}`,
    `  generator: ${p.generator.name} ${p.generator.version}`,
    '',
    'Re-run just this case:',
    `  ${rerun(g.id)}`,
    '',
    'The request as a --port-cmd port receives it (one line on stdin):',
    // Written as the runner writes it (ports/process.ts): JSON.stringify would turn -0.0 into 0.
    `  ${stringifyExact({ id: g.id, ...g.request })}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** A request for reading, as `show` and `fuzz` print it: the api, arguments, tensors and gradients asked for. */
function requestLines(request: RequestJson): string[] {
  return [
    `  api: ${request.api}`,
    ...argumentLines(request),
    ...Object.entries(request.inputs).flatMap(([name, t]) => tensorLines(name, t)),
    ...(request.grad ? [`  grad: ${JSON.stringify(request.grad)}`] : []),
    ...(request.grad_output ? gradOutputEntries(request.grad_output, outputNamesFor(opForApi(request.api), request))
      .flatMap(([field, t]) => (t === null ? [`  ${field}: null (the backward does not go through this output)`] : tensorLines(field, t))) : []),
  ];
}

function argumentLines(request: RequestJson): string[] {
  const op = opForApi(request.api);
  const label = op ? argsField(op, request.api) : request.init !== undefined ? 'init' : 'kwargs';
  const args: Record<string, KwargJson> | undefined = request[label];
  if (!args || Object.keys(args).length === 0) return [`  ${label}: (none: Paddle's defaults)`];
  return [`  ${label}: ${Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`];
}

function expectedLines(g: GoldenCase): string[] {
  const e = g.expected;
  if (e.error) return [`  raises ${e.error.type}: ${e.error.message}`];
  if (e.output === null) return ['  returns None'];
  const lines = outputTensors(e.output as OutputJson, outputNamesFor(opForApi(g.request.api), g.request)).flatMap(([field, t]) => tensorLines(field, t));
  for (const [name, t] of Object.entries(e.grad ?? {})) lines.push(...tensorLines(`grad.${name}`, t));
  if (e.reduction_basis) lines.push(`  reduction basis: n = ${e.reduction_basis.count}, Σ|l_i| = ${e.reduction_basis.abs_sum}`);
  return lines;
}

/** A tensor for reading: dtype and shape, then its values nested by shape when small. */
function tensorLines(name: string, json: TensorJson): string[] {
  const t = decodeTensor(json, name);
  const head = `  ${name}: ${t.dtype}[${t.shape.join(', ')}]`;
  const n = shapeSize(t.shape);
  const values = valuesOf(t).map((v) => (Object.is(v, -0) ? '-0' : typeof encodeScalar(v) === 'string' ? String(encodeScalar(v)) : formatNumber(v)));
  if (n > 64) return [`${head}  (${n} elements; first 8: ${values.slice(0, 8).join(', ')}, …)`];
  return [`${head} = ${nested(values, t.shape)}`];
}

function nested(values: string[], shape: readonly number[]): string {
  if (shape.length === 0) return values[0] ?? '';
  const [head, ...rest] = shape;
  const stride = shapeSize(rest);
  return `[${Array.from({ length: head! }, (_, i) => nested(values.slice(i * stride, (i + 1) * stride), rest)).join(', ')}]`;
}

/**
 * Whether this module is the program Node was asked to run, rather than an
 * import (tests call `main` in process). npm's bin links are symlinks and tsx
 * runs the .ts file itself, so both paths are compared after resolving links.
 */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  const self = fileURLToPath(import.meta.url);
  // `node dist/conformance/cli` names the file without its extension.
  for (const candidate of [script, `${script}.js`, `${script}.ts`]) {
    try {
      return realpathSync(candidate) === realpathSync(self);
    } catch {
      // Not this spelling of the path; try the next.
    }
  }
  return false;
}

if (isEntryPoint()) {
  handleInterrupts();
  // A reader that stops early (`... | head`) closes the pipe: that ends the output, it is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
