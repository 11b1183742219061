import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACHINE_TABLE_END, MACHINE_TABLE_START, machineRows, machineTable } from './machine_table.js';
import { REPO_ROOT } from './regeneration.js';

describe('the machine table', () => {
  it('README.md holds the table the committed machine overlays give (run npm run golden:machines -- --write after importing one)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const inside = readme.slice(readme.indexOf(MACHINE_TABLE_START) + MACHINE_TABLE_START.length, readme.indexOf(MACHINE_TABLE_END)).trim();
    expect(inside).toBe(machineTable());
  });

  it('sorts every overlaid case into exactly one kind of departure, and runs the reference on each result', () => {
    for (const row of machineRows().rows) {
      const kinds = [...row.kinds.values()].reduce((a, b) => a + b, 0);
      expect(kinds).toBeGreaterThan(0);
      // Results are the cases that differ in more than their reduction basis; the reference is judged on each.
      expect(row.reference.results).toBe(kinds - (row.kinds.get('reduction basis only') ?? 0));
      expect(row.reference.machine).toBeLessThanOrEqual(row.reference.results);
    }
  });
});
