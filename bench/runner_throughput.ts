/**
 * Runner throughput: the whole golden suite through runSuite, with the
 * in-process reference, the reference over the process protocol
 * (`--port-cmd`), and real Paddle over the protocol; plus Paddle's own time
 * for the same requests answered in its process without the pipe, which
 * gives the per-case protocol overhead.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledGoldenDir, loadGoldens, type SuiteCase } from '../conformance/golden.js';
import { opTable } from '../conformance/ops/index.js';
import { openProcessPort } from '../conformance/ports/process.js';
import { packageFile, referencePort } from '../conformance/ports/index.js';
import type { ResponseJson } from '../conformance/case.js';
import type { Port } from '../conformance/port.js';
import { runSuite } from '../conformance/runner.js';
import { stringifyExact } from '../conformance/wire.js';
import { FRAMEWORK_SCRIPT, frameworkPython, runPython } from './frameworks.js';
import { TSX } from './loader.js';
import { summarise, type Summary } from './stats.js';

/** One way of running the suite. */
export interface RunnerResult {
  /** Which port. */
  port: 'reference (in-process)' | 'reference (--port-cmd)' | 'paddle (--port-cmd)' | 'replay of Paddle’s answers (in-process)';
  /** Cases per pass. */
  cases: number;
  /** Seconds per whole-suite pass of runSuite (after one warm-up pass on the same port). */
  seconds: Summary;
  /** Cases that did not pass, in the last pass (a sanity check: the figures are for a working run). */
  notPassed: number;
}

/** What the runner section found. */
export interface RunnerResults {
  /** Cases in the bundled golden suite. */
  cases: number;
  /** The runs that could be made. */
  runs: RunnerResult[];
  /** Paddle's own time for one pass, answering every request in its process (framework_bench.py --suite). */
  paddleInProcess?: { cases: number; seconds: Summary };
  /** (paddle port pass − paddle in-process pass) / cases, seconds: everything the protocol and the runner add. */
  protocolOverheadPerCase?: number;
  /** The replay pass / cases, seconds: the runner's own work per case (judging, bookkeeping), which any port pays. */
  runnerOwnPerCase?: number;
  /** protocolOverheadPerCase − runnerOwnPerCase: the pipe and the JSON encoding on both sides. */
  transportPerCase?: number;
  /** Why a part is missing. */
  notes: string[];
}

/** Runs the runner section; `withPaddle` false skips the Paddle parts. */
export async function measureRunner(repeats: number, withPaddle: boolean, log: (line: string) => void): Promise<RunnerResults> {
  const cases = loadGoldens([bundledGoldenDir()]);
  const out: RunnerResults = { cases: cases.length, runs: [], notes: [] };
  if (cases.length === 0) {
    out.notes.push('n/a: no golden cases found under golden/ (run `npm run golden:generate`)');
    return out;
  }
  out.runs.push(await timeSuite('reference (in-process)', cases, referencePort(), repeats, log));
  const cmd = `"${process.execPath}" --import "${TSX}" "${packageFile('conformance/examples/port_reference_cmd.ts')}"`;
  out.runs.push(await timeSuite('reference (--port-cmd)', cases, await openProcessPort({ command: cmd, name: 'reference-cmd', timeoutMs: 60_000, startupMs: 30_000 }), repeats, log));
  if (!withPaddle) {
    out.notes.push('paddle port skipped (--no-frameworks)');
    return out;
  }
  const { python, note } = frameworkPython('paddle');
  if (!python) {
    out.notes.push(note!);
    return out;
  }
  const oracle = packageFile('scripts/paddle_oracle.py');
  const answers = new Map<string, ResponseJson>();
  const paddle = recording(await openProcessPort({ argv: [python, oracle, '--ops', JSON.stringify(opTable())], name: 'paddle', timeoutMs: 60_000, startupMs: 60_000 }), answers);
  const port = await timeSuite('paddle (--port-cmd)', cases, paddle, repeats, log);
  out.runs.push(port);
  const replay = await timeSuite('replay of Paddle’s answers (in-process)', cases, replayPort(answers), repeats, log);
  out.runs.push(replay);
  out.paddleInProcess = await paddleInProcess(python, oracle, cases, repeats, log);
  out.protocolOverheadPerCase = (port.seconds.median - out.paddleInProcess.seconds.median) / cases.length;
  out.runnerOwnPerCase = replay.seconds.median / cases.length;
  out.transportPerCase = out.protocolOverheadPerCase - out.runnerOwnPerCase;
  return out;
}

/** Wraps a port so that every answer it gives is also kept, by request id. */
function recording(port: Port, answers: Map<string, ResponseJson>): Port {
  return {
    name: port.name,
    handle: async (request) => {
      const response = await port.handle(request);
      answers.set(request.id, response);
      return response;
    },
    close: () => port.close(),
  };
}

/**
 * A port that answers at once with recorded responses: running the suite on
 * it costs only the runner's own work (judging each answer, bookkeeping).
 */
function replayPort(answers: ReadonlyMap<string, ResponseJson>): Port {
  return {
    name: 'replay',
    handle: async (request) => {
      const response = answers.get(request.id);
      if (!response) throw new Error(`no recorded answer for ${request.id}`);
      return response;
    },
    close: async () => {},
  };
}

/** Times whole-suite passes of runSuite on one open port: one warm-up pass (it also pays the port's startup), then `repeats`. */
async function timeSuite(name: RunnerResult['port'], cases: readonly SuiteCase[], port: Port, repeats: number, log: (line: string) => void): Promise<RunnerResult> {
  try {
    await runSuite({ cases, port });
    const passes: number[] = [];
    let notPassed = 0;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const result = await runSuite({ cases, port });
      passes.push((performance.now() - t0) / 1000);
      notPassed = result.results.filter((c) => c.status !== 'pass').length;
    }
    const seconds = summarise(passes);
    log(`runner ${name}: ${cases.length} cases in ${seconds.median.toFixed(3)} s (${(cases.length / seconds.median).toFixed(0)} cases/s)`);
    return { port: name, cases: cases.length, seconds, notPassed };
  } finally {
    await port.close();
  }
}

/** Paddle's time for the same request lines answered by the port's own code in one process, with no pipe. */
async function paddleInProcess(python: string, oracle: string, cases: readonly SuiteCase[], repeats: number, log: (line: string) => void): Promise<{ cases: number; seconds: Summary }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-suite-'));
  try {
    const file = join(dir, 'requests.jsonl');
    writeFileSync(file, cases.map((c) => stringifyExact({ id: c.golden.id, ...c.golden.request })).join('\n') + '\n');
    const stdout = await runPython(python, [FRAMEWORK_SCRIPT, '--suite', file, '--oracle', oracle, '--ops', JSON.stringify(opTable()), '--repeats', String(repeats)], log);
    const parsed = JSON.parse(stdout) as { cases: number; seconds: Summary };
    log(`paddle in-process: ${parsed.cases} cases in ${parsed.seconds.median.toFixed(3)} s`);
    return parsed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
