/**
 * `npm run report`: runs every bundled port (ports.ts) over the whole golden
 * suite with `--json` into reports/, rebuilds reports/compatibility.html from
 * the runs, and prints and writes (reports/summary.md) the summary table.
 * A port that cannot be run (no venv can be built, a port the CLI does not
 * know yet) is recorded as not run, with the reason, and the rest go on.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { main as cli } from '../../conformance/cli.js';
import { writeReportFile } from '../../conformance/report_file.js';
import { buildReportPage } from '../../conformance/report_html/build.js';
import { loadRunFile, type RunFile } from '../../conformance/report_html/run_file.js';
import { REPORT_PORTS } from './ports.js';
import { summaryMarkdown, summaryText, type UnavailablePort } from './summary.js';

/** Where the runs, the page and the summary go (gitignored). */
const REPORTS = 'reports';

/** The outcome of one port's run: its report, or why there is none. */
type Outcome = { run: RunFile } | { unavailable: UnavailablePort };

/** Runs one port through the CLI, in process, keeping what it printed for the reason of a failure. */
async function runPort(port: string): Promise<Outcome> {
  const json = join(REPORTS, `${port}.json`);
  // A stale report from an earlier run must not stand in for a port that fails now.
  rmSync(json, { force: true });
  let stderr = '';
  const started = Date.now();
  const code = await cli(['run', '--port', port, '--json', json], { stdout: () => {}, stderr: (t) => void (stderr += t), stderrIsTTY: false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(json)) return { unavailable: { port, reason: firstLine(stderr) || `exit code ${code}, no report` } };
  const run = loadRunFile(json);
  // A port that could not start writes a report with every case not run: nothing to show in a column.
  if (run.cases.length === 0) return { unavailable: { port, reason: firstLine(run.summary.aborted ?? stderr) } };
  process.stdout.write(`${port}: ${run.summary.paddle_compatible.passed}/${run.summary.paddle_compatible.total} in ${seconds} s (exit ${code})\n`);
  return { run };
}

/** The first meaningful line of a message, without the CLI's prefix. */
function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.replace(/^paddle-conformance( \w+)?: /, '');
}

/** Runs every port, then writes the page and the summary. */
async function report(): Promise<number> {
  const runs: RunFile[] = [];
  const unavailable: UnavailablePort[] = [];
  for (const port of REPORT_PORTS) {
    process.stdout.write(`running ${port}...\n`);
    const outcome = await runPort(port);
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
  const page = buildReportPage(runs.map((r) => r.file), join(REPORTS, 'compatibility.html'));
  writeReportFile(join(REPORTS, 'summary.md'), summaryMarkdown(runs, unavailable));
  process.stdout.write(`\n${summaryText(runs, unavailable)}\nwrote ${page.out} (${page.cases} cases x ${page.ports.length} ports) and ${join(REPORTS, 'summary.md')}\n`);
  return 0;
}

process.exitCode = await report();
