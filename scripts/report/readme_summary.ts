/**
 * The README's compatibility-report table is `npm run report`'s summary, a
 * measurement of every bundled port, so no unit test can make it. CI runs the
 * report and holds the README to it (`--check <summary.md>`); `--write
 * <summary.md>` puts a run's table in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReportFile } from '../../conformance/report_file.js';
import { isEntryPoint, REPO_ROOT } from '../golden/regeneration.js';
import { withSection } from '../golden/release_table.js';

/** The markers of the report table in README.md. */
export const REPORT_TABLE = ['<!-- report-summary:start (npm run report; CI checks it with scripts/report/readme_summary.ts) -->', '<!-- report-summary:end -->'] as const;

/** The table of a summary.md: its lines that are table rows. */
export function summaryTable(summary: string): string {
  return summary.split('\n').filter((line) => line.startsWith('|')).join('\n');
}

/** README text with the report table replaced by a summary's. */
export function withReportTable(readme: string, summary: string): string {
  return withSection(readme, summaryTable(summary), ...REPORT_TABLE);
}

/** `--check <summary.md>` (exit 1 when the README's table differs) or `--write <summary.md>`. */
export function main(argv: string[]): number {
  const [mode, file] = argv;
  if ((mode !== '--check' && mode !== '--write') || !file) {
    console.error('Usage: tsx scripts/report/readme_summary.ts --check|--write <summary.md of npm run report>');
    return 2;
  }
  const path = join(REPO_ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const updated = withReportTable(readme, readFileSync(file, 'utf8'));
  if (mode === '--write') return (writeReportFile(path, updated), 0);
  if (updated === readme) return (console.log('README.md: the compatibility-report table is this run\'s'), 0);
  console.error(`README.md: the compatibility-report table differs from this run's ${file}; put it in with: npx tsx scripts/report/readme_summary.ts --write ${file}`);
  return 1;
}

if (isEntryPoint(import.meta.url)) process.exitCode = main(process.argv.slice(2));
