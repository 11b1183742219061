/**
 * The bench's report: the tables printed on stdout, the targets of issue 5
 * judged from the figures, and the JSON document written with --json.
 */
import type { FuzzThroughput } from './fuzz_throughput.js';
import type { GeneratedResult, LanguageModelTiming } from './generated.js';
import type { FrameworkResult, FrameworkRun } from './frameworks.js';
import type { MachineFacts } from './machine.js';
import type { MemoryResult } from './memory.js';
import type { RunnerResults } from './runner_throughput.js';
import type { Summary } from './stats.js';
import { markdownTable, mib, ms, ratio, sizeLabel } from './table.js';
import type { Direction, ReferenceResult, ThroughputResults } from './throughput.js';

/** Everything one bench run measured. */
export interface BenchReport {
  /** Identifies this JSON layout. */
  format: 'paddle-conformance-bench/1';
  /** The command-line arguments. */
  argv: string[];
  /** The machine and runtime. */
  machine: MachineFacts;
  /** The reference and baseline throughput. */
  throughput: ThroughputResults;
  /** Paddle and PyTorch: facts, results or the reason there are none. */
  frameworks: FrameworkRun[];
  /** Runner throughput, or the reason it was not measured. */
  runner: RunnerResults | { skipped: string };
  /** Fuzzing throughput, or the reason it was not measured. */
  fuzz: FuzzThroughput | { skipped: string };
  /** Peak memory of forward calls, or the reason it was not measured. */
  memory: MemoryResult[] | { skipped: string };
  /** Expanding generated inputs (conformance/generated.ts). */
  generated: GeneratedResult[];
  /** The language-model cross_entropy cases through the reference. */
  languageModel: LanguageModelTiming[];
  /** The targets of issue 5, judged. */
  targets: Target[];
  /** Wall time of the whole run, seconds. */
  durationSeconds: number;
}

/** One target and where this run stands on it. */
export interface Target {
  /** What is asked. */
  name: string;
  /** The figure this run gives, in words. */
  value: string;
  /** Whether it is met; null when it could not be measured. */
  met: boolean | null;
}

/** Relative half-IQR of a summary, as a "±x%" spread label. */
function spread(s: Summary): string {
  return `±${(((s.q3 - s.q1) / 2 / s.median) * 100).toFixed(0)}%`;
}

function gbps(bytes: number, s: Summary): number {
  return bytes / s.median / 1e9;
}

/** The reference's bandwidth as a fraction of the baseline with the same traffic pattern: the median over alternating sample pairs. */
export function fractionOfBaseline(r: ReferenceResult): number {
  return r.ofBaseline.median;
}

function frameworkFor(frameworks: readonly FrameworkRun[], name: string, r: Pick<ReferenceResult, 'direction' | 'dtype' | 'reduction' | 'n'>): FrameworkResult | undefined {
  return frameworks
    .find((f) => f.framework === name)
    ?.results.find((x) => x.direction === r.direction && x.dtype === r.dtype && x.reduction === r.reduction && x.n === r.n);
}

/** The baseline table. */
export function baselineTable(t: ThroughputResults): string {
  const keys = [...new Set(t.baselines.map((b) => `${b.dtype} ${b.n}`))];
  const rows = keys.map((k) => {
    const [dtype, n] = k.split(' ');
    const get = (traffic: string) => t.baselines.find((b) => b.dtype === dtype && String(b.n) === n && b.traffic === traffic);
    const r2 = get('read2');
    const rw = get('read2write1');
    return [dtype!, sizeLabel(Number(n)), r2 ? ms(r2.seconds.median) : '', r2 ? gbps(r2.bytes, r2.seconds).toFixed(2) : '', rw ? ms(rw.seconds.median) : '', rw ? gbps(rw.bytes, rw.seconds).toFixed(2) : ''];
  });
  return markdownTable(['dtype', 'N', 'read2 ms', 'read2 GB/s', 'read2write1 ms', 'read2write1 GB/s'], rows, [false, true, true, true, true, true]);
}

/** The reference table for one direction: fast and literal beside Paddle and PyTorch. */
export function referenceTable(t: ThroughputResults, frameworks: readonly FrameworkRun[], direction: Direction): string {
  const fast = t.reference.filter((r) => r.path === 'fast' && r.direction === direction);
  const rows = fast.map((r) => {
    const lit = t.reference.find((l) => l.path === 'literal' && l.direction === direction && l.dtype === r.dtype && l.reduction === r.reduction && l.n === r.n);
    const pd = frameworkFor(frameworks, 'paddle', r);
    const th = frameworkFor(frameworks, 'torch', r);
    return [
      r.dtype,
      sizeLabel(r.n),
      r.reduction,
      `${ms(r.seconds.median)} ${spread(r.seconds)}`,
      (r.n / r.seconds.median / 1e6).toFixed(0),
      gbps(r.bytes, r.seconds).toFixed(2),
      ratio(fractionOfBaseline(r)),
      lit ? `${ms(lit.seconds.median)} ${spread(lit.seconds)}` : 'not run',
      lit ? ratio(fractionOfBaseline(lit)) : '',
      pd ? ms(pd.seconds.median) : '',
      th ? ms(th.seconds.median) : '',
      pd ? ratio(pd.seconds.median / r.seconds.median) : '',
      th ? ratio(th.seconds.median / r.seconds.median) : '',
    ];
  });
  return markdownTable(
    ['dtype', 'N', 'reduction', 'fast ms', 'fast Melem/s', 'fast GB/s', 'fast ×base', 'literal ms', 'literal ×base', 'Paddle ms', 'torch ms', 'fast speed ÷ Paddle', 'fast speed ÷ torch'],
    rows,
    [false, true, false, true, true, true, true, true, true, true, true, true, true],
  );
}

/** The runner table. */
export function runnerTable(r: RunnerResults): string {
  const rows = r.runs.map((x) => [x.port, String(x.cases), `${x.seconds.median.toFixed(3)} ${spread(x.seconds)}`, (x.cases / x.seconds.median).toFixed(0), ((x.seconds.median / x.cases) * 1e3).toFixed(3), String(x.notPassed)]);
  if (r.paddleInProcess) {
    const p = r.paddleInProcess;
    rows.push(['paddle (in its process, no pipe)', String(p.cases), `${p.seconds.median.toFixed(3)} ${spread(p.seconds)}`, (p.cases / p.seconds.median).toFixed(0), ((p.seconds.median / p.cases) * 1e3).toFixed(3), '']);
  }
  return markdownTable(['port', 'cases', 'suite s', 'cases/s', 'ms/case', 'not passed'], rows, [false, true, true, true, true, true]);
}

/** The fuzzing throughput table: one row per set-up. */
export function fuzzTable(f: FuzzThroughput): string {
  const rows = f.rates.map((r) => [r.port, r.oracle, String(r.cases), r.seconds.toFixed(2), r.perSecond.toFixed(0), r.disagreement ? 'yes (rate up to it)' : 'no']);
  return markdownTable(['port', 'oracle', 'cases', 's', 'cases/s', 'disagreement'], rows, [false, false, true, true, true, false]);
}

/** The memory table. */
export function memoryTable(m: readonly MemoryResult[]): string {
  const rows = m.map((x) => [x.path, x.reduction, x.dtype, sizeLabel(x.n), mib(x.inputBytes), mib(x.outputBytes), mib(x.baselineRssBytes), mib(x.peakRssBytes), mib(x.extraBytes.median), mib(x.extraBytes.median - x.outputBytes)]);
  return markdownTable(
    ['path', 'reduction', 'dtype', 'N', 'inputs MiB', 'output MiB', 'inputs-only peak RSS MiB', 'peak RSS MiB', 'extra MiB', 'extra − output MiB'],
    rows,
    [false, false, false, true, true, true, true, true, true, true],
  );
}

/** Memory a forward call may add beyond its output and still count as "a constant amount". */
export const CONSTANT_MEMORY_BYTES = 16 * 2 ** 20;

/** Judges the targets of issue 5 from the figures. */
export function judgeTargets(t: ThroughputResults, frameworks: readonly FrameworkRun[], runner: BenchReport['runner'], memory: BenchReport['memory']): Target[] {
  const targets: Target[] = [];
  for (const n of [1e6, 1e7]) {
    const r = t.reference.find((x) => x.path === 'fast' && x.direction === 'forward' && x.dtype === 'float32' && x.reduction === 'mean' && x.n === n);
    const name = `float32 forward mean N=${sizeLabel(n)}: ≥ 0.5× bandwidth baseline and faster than Paddle CPU eager`;
    if (!r) {
      targets.push({ name, value: 'not measured (size not in --sizes)', met: null });
      continue;
    }
    const frac = fractionOfBaseline(r);
    const pd = frameworkFor(frameworks, 'paddle', r);
    const speed = pd ? pd.seconds.median / r.seconds.median : undefined;
    targets.push({
      name,
      value: `${ratio(frac)}× baseline (read2); ${speed === undefined ? 'Paddle n/a' : `${ratio(speed)}× Paddle's speed (${ms(r.seconds.median)} ms vs ${ms(pd!.seconds.median)} ms)`}`,
      met: speed === undefined ? null : frac >= 0.5 && speed > 1,
    });
  }
  if ('skipped' in runner) {
    targets.push({ name: 'golden suite through the in-process reference < 1 s', value: runner.skipped, met: null });
  } else {
    const inproc = runner.runs.find((x) => x.port === 'reference (in-process)');
    targets.push({
      name: 'golden suite through the in-process reference < 1 s',
      value: inproc ? `${inproc.seconds.median.toFixed(3)} s for ${inproc.cases} cases` : runner.notes.join('; '),
      met: inproc ? inproc.seconds.median < 1 : null,
    });
    const p = runner.paddleInProcess;
    const measured = runner.protocolOverheadPerCase !== undefined && runner.transportPerCase !== undefined && runner.runnerOwnPerCase !== undefined && p;
    targets.push({
      name: 'Paddle port: the protocol’s transport per case below Paddle’s own per-case cost',
      value: measured
        ? `overhead ${msPerCase(runner.protocolOverheadPerCase!)} ms/case = transport ${msPerCase(runner.transportPerCase!)} + runner's judging ${msPerCase(runner.runnerOwnPerCase!)}; Paddle's own ${msPerCase(p.seconds.median / p.cases)} ms/case`
        : runner.notes.join('; ') || 'not measured',
      met: measured ? runner.transportPerCase! < p.seconds.median / p.cases : null,
    });
  }
  if ('skipped' in memory) {
    targets.push({ name: 'memory of forward N=1e7 float32: output + constant', value: memory.skipped, met: null });
  } else {
    for (const m of memory.filter((x) => x.path === 'fast')) {
      const over = m.extraBytes.median - m.outputBytes;
      targets.push({
        name: `memory of fast forward ${m.reduction} N=${sizeLabel(m.n)} ${m.dtype}: output + constant (≤ ${mib(CONSTANT_MEMORY_BYTES)} MiB)`,
        value: `peak +${mib(m.extraBytes.median)} MiB over the inputs-only child, output ${mib(m.outputBytes)} MiB (beyond the output: ${mib(over)} MiB)`,
        met: over <= CONSTANT_MEMORY_BYTES,
      });
    }
  }
  return targets;
}

function msPerCase(seconds: number): string {
  return (seconds * 1e3).toFixed(3);
}

/** The targets as a table. */
export function targetTable(targets: readonly Target[]): string {
  return markdownTable(['target', 'this run', 'met'], targets.map((x) => [x.name, x.value, x.met === null ? 'n/a' : x.met ? 'yes' : 'NO']));
}
