import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExpectedJson } from '../../conformance/case.js';
import { changeKind, releaseTable, TABLE_END, TABLE_START, withTable } from './release_table.js';
import { REPO_ROOT } from './regeneration.js';

const tensor = { dtype: 'float32' as const, shape: [] as number[], data: [1] };

describe('the release table', () => {
  it("README.md holds the table the committed overlays give (run npm run golden:releases -- --write after regenerating them)", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const inside = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();
    expect(inside).toBe(releaseTable());
  });

  it('sorts a departure into outcome, error type, values or message only', () => {
    const out: ExpectedJson = { output: tensor };
    const err = (type: string, message = 'm'): ExpectedJson => ({ error: { type, message } });
    expect(changeKind(out, err('ValueError'))).toBe('outcome');
    expect(changeKind({ output: null }, out)).toBe('outcome');
    expect(changeKind(err('ValueError'), err('TypeError'))).toBe('error type');
    expect(changeKind(err('ValueError', 'a'), err('ValueError', 'b'))).toBe('error message only');
    expect(changeKind(out, { output: { ...tensor, data: [2] } })).toBe('values');
  });

  it('withTable replaces what sits between the markers and refuses a README without them', () => {
    expect(withTable(`a\n${TABLE_START}\nold\n${TABLE_END}\nb`, 'new')).toBe(`a\n${TABLE_START}\nnew\n${TABLE_END}\nb`);
    expect(() => withTable('no markers', 'x')).toThrow(/lacks the markers/);
  });
});
