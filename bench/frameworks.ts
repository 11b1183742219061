/**
 * Real Paddle (CPU) and PyTorch (CPU) on the same workloads, timed inside
 * their own Python process by framework_bench.py, run with the project's
 * venv pythons (conformance/python_env.ts). Nothing is installed here: a
 * missing venv leaves its columns empty with a note saying how to create it.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPaddlePython, findTorchPython } from '../conformance/python_env.js';
import type { Summary } from './stats.js';
import type { Direction } from './throughput.js';
import type { BenchDType } from './workload.js';

/** A framework the bench compares against. */
export type Framework = 'paddle' | 'torch';

/** One framework measurement. */
export interface FrameworkResult {
  /** Which framework. */
  framework: Framework;
  /** Loss or gradient. */
  direction: Direction;
  /** The dtype. */
  dtype: BenchDType;
  /** The reduction. */
  reduction: string;
  /** Elements per input. */
  n: number;
  /** Seconds per call, timed inside the framework's process. */
  seconds: Summary;
}

/** What one framework's run gave: its facts and results, or why there are none. */
export interface FrameworkRun {
  /** Which framework. */
  framework: Framework;
  /** The python used, when one was found. */
  python?: string;
  /** Versions and settings reported by the framework's process. */
  facts?: Record<string, unknown>;
  /** The measurements. */
  results: FrameworkResult[];
  /** Why there are no results, e.g. a missing venv. */
  note?: string;
}

/** The timing settings passed to framework_bench.py. */
export interface FrameworkConfig {
  sizes: readonly number[];
  dtypes: readonly BenchDType[];
  reductions: readonly string[];
  warmup: number;
  samples: number;
  min_samples: number;
  budget_s: number;
  min_sample_s: number;
  slow_call_s: number;
}

/** framework_bench.py, beside this module. */
export const FRAMEWORK_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'framework_bench.py');

/** The python of a framework's venv, or undefined with the reason. */
export function frameworkPython(framework: Framework): { python?: string; note?: string } {
  const python = framework === 'paddle' ? findPaddlePython() : findTorchPython();
  if (python) return { python };
  return {
    note:
      framework === 'paddle'
        ? 'n/a: Paddle venv not found (set PADDLE_PYTHON, or run `npm run golden:generate` to create it)'
        : 'n/a: PyTorch venv not found (set TORCH_PYTHON, or run `npm run conformance -- run --port torch` to create it)',
  };
}

/** Runs framework_bench.py for one framework and parses its JSON; failures become a note, never an exception. */
export async function runFramework(framework: Framework, config: FrameworkConfig, log: (line: string) => void): Promise<FrameworkRun> {
  const { python, note } = frameworkPython(framework);
  if (!python) return { framework, results: [], note };
  try {
    const stdout = await runPython(python, [FRAMEWORK_SCRIPT, '--framework', framework, '--config', JSON.stringify(config)], log);
    const parsed = JSON.parse(stdout) as { facts: Record<string, unknown>; results: FrameworkResult[] };
    return { framework, python, facts: parsed.facts, results: parsed.results };
  } catch (e) {
    return { framework, python, results: [], note: `n/a: ${framework} benchmark failed: ${(e as Error).message}` };
  }
}

/** Runs a python with arguments; resolves with stdout, streams stderr lines to log, rejects on a non-zero exit. */
export function runPython(python: string, args: readonly string[], log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errTail = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      errTail = (errTail + d).slice(-2000);
      for (const line of d.split('\n')) if (/ms|cases/.test(line) && !/Warning/.test(line)) log(line.trim());
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${python} exited with ${code}: ${errTail.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
