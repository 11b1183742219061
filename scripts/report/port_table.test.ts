/**
 * The README's per-port tables (port_table.ts), from the page's fixture runs:
 * a row per op, a column per run, each cell the spec verdict with its spec
 * count, the Paddle-compatible k/n and the skipped cases.
 */
import { describe, expect, it } from 'vitest';
import { loadRunFile } from '../../conformance/report_html/run_file.js';
import { main, portCell, portTable, portTableMarkers } from './port_table.js';

const FIXTURES = 'conformance/report_html/fixtures';
const reference = loadRunFile(`${FIXTURES}/reference.json`);
const example = loadRunFile(`${FIXTURES}/example_port.json`);

describe('portCell', () => {
  it('gives the spec verdict, the spec count, and the Paddle-compatible k/n', () => {
    expect(portCell(reference, 'margin_ranking_loss')).toBe('spec yes (8/8); 8/8');
  });

  it('counts the skipped cases', () => {
    expect(portCell(example, 'hinge_embedding_loss')).toBe('spec yes (32/32); 50/70 (14 skipped)');
  });

  it('is "-" for an op the run did not select', () => {
    expect(portCell(example, 'margin_ranking_loss')).toBe('-');
  });
});

describe('portTable', () => {
  it('has a row per op, a column per run and a row for all ops', () => {
    const rows = portTable([reference, example]).split('\n');
    expect(rows[0]).toBe('| op | `reference` | `python3 conformance/examples/port_example.py` |');
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| op', '| ---', '| hinge_embedding_loss', '| margin_ranking_loss', '| all ops']);
    expect(rows[4]).toBe('| all ops | 78/78 | 50/70 |');
  });
});

describe('portTableMarkers', () => {
  it('name the table, so one README holds several', () => {
    const [start, end] = portTableMarkers('ivy');
    expect(start).toContain('port-table:ivy:start');
    expect(end).toBe('<!-- port-table:ivy:end -->');
  });
});

describe('main', () => {
  it('refuses a call without a table name and runs, exit 2', () => {
    expect(main(['--write', 'torch'])).toBe(2);
    expect(main([])).toBe(2);
  });
});
