/**
 * The summary table of `npm run report` (summary.ts), from the page's fixture
 * runs: each cell is the op's spec verdict and Paddle-compatible k/n as the
 * run report states them; a port that could not run is listed with its reason.
 */
import { describe, expect, it } from 'vitest';
import { loadRunFile } from '../../conformance/report_html/run_file.js';
import { REPORT_PORTS } from './ports.js';
import { summaryCells, summaryMarkdown, summaryText } from './summary.js';

const FIXTURES = 'conformance/report_html/fixtures';
const runs = [loadRunFile(`${FIXTURES}/reference.json`), loadRunFile(`${FIXTURES}/example_port.json`)];
const unavailable = [{ port: 'ivy', reason: 'the port cannot be run: no venv' }];

describe('summary', () => {
  it('has a column per port', () => {
    expect(summaryCells(runs).head).toEqual(['op', 'reference', 'python3 conformance/examples/port_example.py']);
  });

  it('gives a row per op the runs select, each port\'s spec verdict and Paddle-compatible k/n, "-" for an op it did not select, and a row for all ops', () => {
    expect(summaryCells(runs).rows).toEqual([
      ['hinge_embedding_loss', 'yes 70/70', 'yes 50/70'],
      ['margin_ranking_loss', 'yes 8/8', '-'],
      ['all ops', 'yes 78/78', 'yes 50/70'],
    ]);
  });

  it('is markdown with the ports not run listed beneath', () => {
    const md = summaryMarkdown(runs, unavailable);
    expect(md).toContain('| op | reference | python3 conformance/examples/port_example.py |\n| --- | --- | --- |\n| hinge_embedding_loss | yes 70/70 | yes 50/70 |\n');
    expect(md).toContain('- `ivy`: the port cannot be run: no venv');
  });

  it('is an aligned table for the terminal', () => {
    expect(summaryText(runs, []).split('\n')[2]).toBe('hinge_embedding_loss  yes 70/70  yes 50/70');
  });
});

describe('REPORT_PORTS', () => {
  it('runs the reference, every Paddle release oldest first, PyTorch and Ivy', () => {
    expect(REPORT_PORTS).toEqual(['reference', 'paddle@2.6.2', 'paddle@3.0.0', 'paddle@3.1.0', 'paddle@3.1.1', 'paddle@3.2.0', 'paddle@3.2.1', 'paddle@3.2.2', 'paddle@3.3.0', 'paddle@3.3.1', 'torch', 'ivy']);
  });
});
