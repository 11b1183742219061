/**
 * `npm run bench`: the reference's speed against the bandwidth limit, real
 * Paddle and PyTorch, the runner's throughput and the memory of a forward
 * call, in one run. See `npm run bench -- --help`.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { frameworkTiming, HELP, parseOptions, timingPlan, UsageError, type BenchOptions } from './options.js';
import { runFramework, type FrameworkRun } from './frameworks.js';
import { machineFacts } from './machine.js';
import { measureMemory } from './memory.js';
import { baselineTable, fuzzTable, judgeTargets, memoryTable, referenceTable, runnerTable, targetTable, type BenchReport } from './report.js';
import { measureFuzz } from './fuzz_throughput.js';
import { generatedTable, languageModelTable, measureGenerated, measureLanguageModel } from './generated.js';
import { measureRunner } from './runner_throughput.js';
import { BENCH_REDUCTIONS, measureThroughput } from './throughput.js';
import { BENCH_DTYPES } from './workload.js';

/** Progress goes to stderr so stdout holds only the tables. */
function log(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench: ${e.message}\nRun \`npm run bench -- --help\` for the options.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const started = performance.now();
  const machine = machineFacts();
  process.stderr.write(`bench: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage1m.toFixed(2)}\n`);

  process.stderr.write('bench: reference throughput and bandwidth baselines\n');
  const throughput = measureThroughput({
    sizes: options.sizes,
    dtypes: BENCH_DTYPES,
    literalMaxN: options.literalMaxN,
    timing: (n, path) => timingPlan(options, n, path),
    log,
  });

  const frameworks: FrameworkRun[] = [];
  if (options.frameworks) {
    for (const fw of ['paddle', 'torch'] as const) {
      process.stderr.write(`bench: ${fw} CPU eager\n`);
      const config = { sizes: options.sizes, dtypes: BENCH_DTYPES, reductions: BENCH_REDUCTIONS, ...frameworkTiming(options) };
      const run = await runFramework(fw, config, log);
      if (run.note) log(run.note);
      frameworks.push(run);
    }
  } else {
    for (const fw of ['paddle', 'torch'] as const) frameworks.push({ framework: fw, results: [], note: 'n/a: skipped (--no-frameworks)' });
  }

  process.stderr.write('bench: runner throughput on the golden suite\n');
  let runner: BenchReport['runner'];
  try {
    runner = await measureRunner(options.quick ? 1 : 5, options.frameworks, log);
    for (const note of runner.notes) log(note);
  } catch (e) {
    runner = { skipped: `n/a: the runner section failed: ${(e as Error).message}` };
    log(runner.skipped);
  }

  process.stderr.write('bench: fuzzing throughput\n');
  let fuzz: BenchReport['fuzz'];
  try {
    fuzz = await measureFuzz(options.quick ? 100 : 1000, options.frameworks, log);
    for (const note of fuzz.notes) log(note);
  } catch (e) {
    fuzz = { skipped: `n/a: the fuzz section failed: ${(e as Error).message}` };
    log(fuzz.skipped);
  }

  process.stderr.write('bench: peak memory of a forward call\n');
  let memory: BenchReport['memory'];
  const memoryN = options.quick ? 1e5 : 1e7;
  try {
    memory = await measureMemory(
      [
        { path: 'fast', reduction: 'mean' },
        { path: 'fast', reduction: 'none' },
        { path: 'literal', reduction: 'mean' },
        { path: 'literal', reduction: 'none' },
      ],
      'float32',
      memoryN,
      options.quick ? 1 : 3,
      log,
    );
  } catch (e) {
    memory = { skipped: `n/a: the memory section failed: ${(e as Error).message}` };
    log(memory.skipped);
  }

  process.stderr.write('bench: generated inputs\n');
  const generated = measureGenerated(options.quick ? 1 : 9);

  const targets = judgeTargets(throughput, frameworks, runner, memory);
  const languageModel = await measureLanguageModel(options.quick ? 1 : 3);
  const worst = Math.max(...generated.map((g) => g.seconds.median));
  targets.push({ name: 'expanding a generated 8 × 151,936 input and its SHA-256 well under 1 s', value: `${(worst * 1e3).toFixed(1)} ms at most (median, over ${generated.map((g) => g.dtype).join(', ')})`, met: worst < 0.25 });
  const slowest = Math.max(0, ...languageModel.map((g) => g.seconds.median));
  targets.push({ name: 'each language-model cross_entropy case (up to 8 × 151,936) through the reference < 1 s', value: languageModel.length ? `${(slowest * 1e3).toFixed(0)} ms for the slowest of ${languageModel.length}` : 'no language-model goldens', met: languageModel.length ? slowest < 1 : null });
  const report: BenchReport = {
    format: 'paddle-conformance-bench/1',
    argv,
    machine,
    throughput,
    frameworks,
    runner,
    fuzz,
    memory,
    generated,
    languageModel,
    targets,
    durationSeconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(render(report, options));
  if (options.json) writeJsonAtomically(options.json, report);
  return 0;
}

/** The whole stdout report. */
function render(r: BenchReport, o: BenchOptions): string {
  const m = r.machine;
  const versions = r.frameworks.map((f) => (f.facts ? `${f.framework} ${String(f.facts[f.framework])} (Python ${String(f.facts.python)})` : `${f.framework}: ${f.note}`)).join('; ');
  const parts = [
    `## Benchmark (${o.quick ? 'quick' : 'full'} run, ${r.durationSeconds.toFixed(0)} s)`,
    `${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os}, Node ${m.node}; ${versions}; load average at start ${m.loadAverage1m.toFixed(2)}.`,
    'Times are medians per call; ±x% is half the interquartile range. GB/s counts bytes read plus written. ×base is GB/s as a fraction of the',
    'baseline with the same traffic (read2: sum both inputs, for mean/sum forward; read2write1: copy one input to an output and sum the other,',
    'for none and backward), the median over samples taken alternately with the baseline\'s so that load from elsewhere hits both alike.',
    "\"fast speed ÷ Paddle\" > 1 means the reference's fast path is faster. Paddle and torch are timed in their own process.",
    `The literal path is measured up to N=${o.literalMaxN.toExponential(0).replace('+', '')}.`,
    '',
    '### Bandwidth baselines',
    baselineTable(r.throughput),
    '',
    '### Forward',
    referenceTable(r.throughput, r.frameworks, 'forward'),
    '',
    '### Backward',
    referenceTable(r.throughput, r.frameworks, 'backward'),
    '',
    '### Runner throughput (whole golden suite, runSuite, after one warm-up pass)',
    'skipped' in r.runner ? r.runner.skipped : runnerTable(r.runner),
    ...('skipped' in r.runner ? [] : r.runner.notes),
    ...('skipped' in r.runner || r.runner.protocolOverheadPerCase === undefined
      ? []
      : [
          `Per-case protocol overhead of the Paddle port: ${(r.runner.protocolOverheadPerCase * 1e3).toFixed(3)} ms = (port pass − Paddle's in-process pass) / cases;`,
          `of which the runner's own judging (the replay pass) is ${((r.runner.runnerOwnPerCase ?? NaN) * 1e3).toFixed(3)} ms and the transport (pipe, JSON both sides) ${((r.runner.transportPerCase ?? NaN) * 1e3).toFixed(3)} ms.`,
        ]),
    '',
    `### Fuzzing throughput (${'skipped' in r.fuzz ? 'n/a' : r.fuzz.op}, one seed, requests drawn, sent to the port and the oracle, and judged; up to the first disagreement)`,
    'skipped' in r.fuzz ? r.fuzz.skipped : fuzzTable(r.fuzz),
    ...('skipped' in r.fuzz ? [] : r.fuzz.notes),
    '',
    '### Peak memory of one forward call (fresh child process, peak RSS minus a child that only allocates the inputs)',
    'skipped' in r.memory ? r.memory.skipped : memoryTable(r.memory),
    '',
    '### Generated inputs (conformance/generated.ts: expand a language-model-sized input and hash it, no cache)',
    generatedTable(r.generated),
    '',
    '### cross_entropy at language-model sizes through the in-process reference (golden/cross_entropy/language_model.json)',
    r.languageModel.length ? languageModelTable(r.languageModel) : 'no language-model goldens',
    '',
    '### Targets',
    targetTable(r.targets),
    '',
  ];
  const notes = r.frameworks.filter((f) => f.note).map((f) => `- ${f.framework}: ${f.note}`);
  if (notes.length) parts.push('Notes:', ...notes, '');
  return parts.join('\n');
}

/** Writes the JSON report through a temporary file and a rename, so a reader never sees half a file. */
function writeJsonAtomically(file: string, report: BenchReport): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(tmp, file);
  process.stderr.write(`bench: wrote ${file}\n`);
}

process.exitCode = await main(process.argv.slice(2));
