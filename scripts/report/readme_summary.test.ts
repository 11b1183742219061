import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../golden/regeneration.js';
import { main, REPORT_TABLE, summaryTable, withReportTable } from './readme_summary.js';

const SUMMARY = 'Each cell: spec-conformant, then passing/all.\n\n| port | a | all ops |\n| --- | --- | --- |\n| reference | yes 3/3 | yes 3/3 |\n';

describe("the README's compatibility-report table", () => {
  it("is a summary's table rows, without its preface", () => {
    expect(summaryTable(SUMMARY)).toBe('| port | a | all ops |\n| --- | --- | --- |\n| reference | yes 3/3 | yes 3/3 |');
  });

  it('replaces what stands between the markers, and nothing else', () => {
    const readme = `before\n${REPORT_TABLE[0]}\n| old |\n${REPORT_TABLE[1]}\nafter\n`;
    expect(withReportTable(readme, SUMMARY)).toBe(`before\n${REPORT_TABLE[0]}\n${summaryTable(SUMMARY)}\n${REPORT_TABLE[1]}\nafter\n`);
  });

  it('--check fails (exit 1, saying how to fix it) when a run gives another table than README.md holds', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(file, SUMMARY);
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    expect(main(['--check', file])).toBe(1);
    expect(errors.join('\n')).toContain(`--write ${file}`);
    vi.restoreAllMocks();
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain(REPORT_TABLE[0]);
  });
});
