/**
 * `npm run accuracy`: how far the bundled reference lies from real Paddle,
 * element by element, for ops whose results are not bit-exact: a histogram
 * of ulp distances over every golden of the op, and over random inputs run
 * through Paddle now (each op's sampler: scripts/case_plan/<family>/samples.ts),
 * with the largest distance as a fraction of the op's bound.
 *
 * Exit codes: 0 measured; 1 a value of the reference lies outside its bound;
 * 2 usage error, or Python/Paddle unavailable for the random inputs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import type { GoldenCase, RequestJson } from '../../conformance/case.js';
import { bundledGoldenDir, loadGoldens } from '../../conformance/golden.js';
import { OPS, opForFamily } from '../../conformance/ops/index.js';
import { tensorNamesOf, type OpDescriptor } from '../../conformance/op.js';
import { ensurePaddlePython, PINNED_PADDLE, PythonEnvError } from '../../conformance/python_env.js';
import { CannotRun, isEntryPoint, runCli } from '../golden/regeneration.js';
import { runOracle } from '../golden/oracle.js';
import { expectedFromResponse } from '../golden/writer.js';
import { UlpHistogram } from './histogram.js';

const HELP = `Usage: npm run accuracy -- [options]

Measures the bundled reference against Paddle ${PINNED_PADDLE}: for each op, a histogram
of ulp distances over its goldens, and over random inputs run through Paddle now
(the op's scripts/case_plan/<family>/samples.ts; Paddle's venv as for
golden:generate), with the largest distance as a fraction of the op's bound.

Options:
  --op <family>       only this op (repeatable); default every registered op
  --samples <n>       random input elements per dtype (default 1000000)
  --no-random         goldens only (no Python, no Paddle)
  --help              this text`;

/** What an op's samples.ts exports: random requests of about n input elements each. */
interface Sampler {
  readonly SAMPLES: (n: number) => RequestJson[];
}

/** Runs the measurement; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { string: ['op', 'samples'], boolean: ['random', 'help'], default: { random: true }, unknown: (a) => (a.startsWith('-') ? unknown(a) : true) });
  if (args.help) return void console.log(HELP), 0;
  const ops = opsOf(args.op as string | string[] | undefined);
  const samples = args.samples === undefined ? 1_000_000 : Number(args.samples);
  if (!Number.isInteger(samples) || samples < 1) throw new CannotRun(`--samples needs a positive integer, got ${JSON.stringify(args.samples)}`);
  const python = args.random ? await paddlePython() : undefined;
  let outside = false;
  for (const op of ops) {
    const goldens = golden(op);
    console.log(goldens.format(`${op.family}: the reference against the goldens (Paddle ${PINNED_PADDLE})`));
    outside ||= goldens.worst?.ratio === Infinity;
    const sampler = python ? await samplerOf(op.family) : undefined;
    if (!python || !sampler) continue;
    const random = await randomInputs(op, sampler, samples, python);
    console.log(`\n${random.format(`${op.family}: the reference against Paddle ${PINNED_PADDLE} on random inputs (${samples} elements per request)`)}\n`);
    outside ||= random.worst?.ratio === Infinity;
  }
  return outside ? 1 : 0;
}

/** The reference against every golden of the op. */
function golden(op: OpDescriptor): UlpHistogram {
  const histogram = new UlpHistogram();
  for (const { golden: g } of loadGoldens([bundledGoldenDir()]).filter((c) => c.golden.id.startsWith(`${op.family}/`))) {
    histogram.addCase(g, op.reference({ id: g.id, ...g.request }));
  }
  return histogram;
}

/** The reference against Paddle on the op's random requests, run through the oracle now. */
async function randomInputs(op: OpDescriptor, sampler: Sampler, n: number, python: string): Promise<UlpHistogram> {
  const requests = sampler.SAMPLES(n).map((r, i) => ({ id: `${op.family}/random/${i}`, ...r }));
  const responses = await runOracle(python, requests);
  const histogram = new UlpHistogram();
  requests.forEach((r, i) => {
    const { id, ...request } = r;
    const g: GoldenCase = { id, group: 'random', level: 'paddle', tags: [], description: 'random inputs', request, expected: expectedFromResponse({ ...responses[i]!, id }, tensorNamesOf(op)) };
    histogram.addCase(g, op.reference(r));
  });
  return histogram;
}

/** The op's sampler, when its plan folder has one. */
async function samplerOf(family: string): Promise<Sampler | undefined> {
  const url = new URL(`../case_plan/${family}/samples.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  return (await import(new URL(`../case_plan/${family}/samples.js`, import.meta.url).href)) as Sampler;
}

function opsOf(op: string | string[] | undefined): OpDescriptor[] {
  if (op === undefined) return [...OPS];
  return [op].flat().map((f) => opForFamily(f) ?? unknownOp(f));
}

async function paddlePython(): Promise<string> {
  try {
    return await ensurePaddlePython(PINNED_PADDLE, { install: true, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (error instanceof PythonEnvError) throw new CannotRun(`${error.message}\n(--no-random measures the goldens alone, without Paddle)`, true);
    throw error;
  }
}

function unknownOp(family: string): never {
  throw new CannotRun(`--op ${family}: no such op is registered; registered: ${OPS.map((o) => o.family).join(', ')}`);
}

function unknown(flag: string): never {
  throw new CannotRun(`unknown option ${flag}; see --help`);
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'accuracy');
