/**
 * The README's quick-start output: the end of `npm run conformance` (the suite
 * against the bundled reference), from "Per level:" on, put between its markers
 * by running the suite, so its counts are a run's and never typed.
 *
 *   npx tsx scripts/report/quick_start.ts --write
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReportFile } from '../../conformance/report_file.js';
import { isEntryPoint, REPO_ROOT } from '../golden/regeneration.js';
import { withSection } from '../golden/release_table.js';

/** The README markers of the quick-start output. */
export const QUICK_START = ['<!-- quick-start:start (scripts/report/quick_start.ts) -->', '<!-- quick-start:end -->'] as const;

/** The fenced block of a run's output: its lines from "Per level:" to the end. */
export function quickStartBlock(output: string): string {
  const start = output.indexOf('Per level:');
  if (start < 0) throw new Error('the run printed no "Per level:" summary');
  return ['```', output.slice(start).trimEnd(), '```'].join('\n');
}

/** `--write`: runs the suite against the reference and puts its output's end into README.md. */
export function main(argv: string[]): number {
  if (argv[0] !== '--write') {
    console.error('Usage: tsx scripts/report/quick_start.ts --write');
    return 2;
  }
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'conformance/cli.ts'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    console.error(`npm run conformance exited ${run.status}; the README keeps its output:\n${run.stderr}`);
    return 1;
  }
  const path = join(REPO_ROOT, 'README.md');
  writeReportFile(path, withSection(readFileSync(path, 'utf8'), quickStartBlock(run.stdout), ...QUICK_START));
  return 0;
}

if (isEntryPoint(import.meta.url)) process.exitCode = main(process.argv.slice(2));
