/**
 * `npm run report`: runs every bundled port (ports.ts) over the whole golden
 * suite with `--json` into reports/ (or `--out-dir <dir>`), rebuilds
 * compatibility.html there from the runs, and prints and writes (summary.md)
 * the summary table. A port that cannot be run (no venv can be built, a port
 * the CLI does not know yet) is recorded as not run, with the reason, and the
 * rest go on.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { minimist } from 'zx';
import { main as cli } from '../../conformance/cli.js';
import { outputTarget, prepareOutputFolder, ReportPathError, writeReportFile } from '../../conformance/report_file.js';
import { buildReportPage } from '../../conformance/report_html/build.js';
import { loadRunFile, type RunFile } from '../../conformance/report_html/run_file.js';
import { REPORT_PORTS } from './ports.js';
import { summaryMarkdown, summaryText, type UnavailablePort } from './summary.js';

/** Where the runs, the page and the summary go unless --out-dir says otherwise (gitignored). */
const DEFAULT_OUT_DIR = 'reports';

const HELP = `Usage: npm run report -- [--out-dir <dir>]

Runs the bundled ports with --json into <dir> (default ${DEFAULT_OUT_DIR}/), one <port>.json
each, then writes <dir>/compatibility.html and <dir>/summary.md.`;

/** The outcome of one port's run: its report, or why there is none. */
type Outcome = { run: RunFile } | { unavailable: UnavailablePort };

/** Runs one port through the CLI, in process, keeping what it printed for the reason of a failure. */
async function runPort(port: string, dir: string): Promise<Outcome> {
  const json = join(dir, `${port}.json`);
  // A stale report from an earlier run must not stand in for a port that fails now; a new one is a new file (written by a rename).
  const before = identity(json);
  let stderr = '';
  const started = Date.now();
  const code = await cli(['run', '--port', port, '--json', json], { stdout: () => {}, stderr: (t) => void (stderr += t), stderrIsTTY: false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (identity(json) === before) return { unavailable: { port, reason: firstLine(stderr) || `exit code ${code}, no report` } };
  const run = loadRunFile(json);
  // A port that could not start writes a report with every case not run: nothing to show in a column.
  if (run.cases.length === 0) return { unavailable: { port, reason: firstLine(run.summary.aborted ?? stderr) } };
  process.stdout.write(`${port}: ${run.summary.paddle_compatible.passed}/${run.summary.paddle_compatible.total} in ${seconds} s (exit ${code})\n`);
  return { run };
}

/** Which file stands at `path` (device and inode), or undefined when none does. */
function identity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Checks, before any port runs, the folder and every file the report writes
 * there (each port's run, the page, the summary): a folder that cannot be
 * made, or a device, FIFO or socket where a file goes, is refused now. Returns
 * the problem, or undefined.
 */
function outputProblem(dir: string): string | undefined {
  try {
    for (const folder of prepareOutputFolder(dir).created) process.stdout.write(`created the folder ${folder}\n`);
    for (const name of [...REPORT_PORTS.map((port) => `${port}.json`), 'compatibility.html', 'summary.md']) outputTarget(join(dir, name));
    return undefined;
  } catch (e) {
    if (e instanceof ReportPathError) return `--out-dir ${dir}: ${e.message}`;
    throw e;
  }
}

/** The first meaningful line of a message, without the CLI's prefix. */
function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.replace(/^paddle-conformance( \w+)?: /, '');
}

/** The output folder from the arguments, or the exit code of a usage error or --help. */
function outDirOf(argv: string[]): string | number {
  const unknown: string[] = [];
  const args = minimist(argv, { string: ['out-dir'], boolean: ['help'], unknown: (a) => {
    unknown.push(a);
    return false;
  } });
  if (args.help) return void process.stdout.write(`${HELP}\n`), 0;
  const dir = args['out-dir'] as string | undefined;
  // An empty --out-dir would scatter the runs into the working directory.
  const problem = unknown.length ? `unknown argument ${unknown[0]}` : dir === '' ? '--out-dir needs a folder' : '';
  if (problem) return void process.stderr.write(`npm run report: ${problem}\n${HELP}\n`), 2;
  return dir ?? DEFAULT_OUT_DIR;
}

/** Runs every port into `dir`, then writes the page and the summary there. */
async function report(dir: string): Promise<number> {
  const problem = outputProblem(dir);
  if (problem) return void process.stderr.write(`npm run report: ${problem}\n`), 2;
  const runs: RunFile[] = [];
  const unavailable: UnavailablePort[] = [];
  for (const port of REPORT_PORTS) {
    process.stdout.write(`running ${port}...\n`);
    const outcome = await runPort(port, dir);
    if ('run' in outcome) runs.push(outcome.run);
    else {
      unavailable.push(outcome.unavailable);
      process.stdout.write(`${port}: not run: ${outcome.unavailable.reason}\n`);
    }
  }
  if (runs.length === 0) {
    process.stderr.write('npm run report: no port could be run\n');
    return 2;
  }
  const page = buildReportPage(runs.map((r) => r.file), join(dir, 'compatibility.html'));
  writeReportFile(join(dir, 'summary.md'), summaryMarkdown(runs, unavailable));
  process.stdout.write(`\n${summaryText(runs, unavailable)}\nwrote ${page.out} (${page.cases} cases x ${page.ports.length} ports) and ${join(dir, 'summary.md')}\n`);
  return 0;
}

const outDir = outDirOf(process.argv.slice(2));
process.exitCode = typeof outDir === 'number' ? outDir : await report(outDir);
