/**
 * The compatibility page in a real browser: Debian's Chromium driven by
 * playwright-core (no browser download). The page is built from the fixture
 * runs, opened from disk with every network request refused, and used: the
 * header's counts equal the run reports', the filters change the visible rows,
 * and a click opens a case's request, expected and actual results.
 * Without /usr/bin/chromium (.ci/run installs it) the tests skip, saying why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHeaderCounts, NO_BROWSER, openOffline, readReport, resetFilters, selectFilter, visibleRows as countVisible, type Filter, type OpenPage } from './browser_support.js';
import { buildReportPage } from './build.js';

const FIXTURES = 'conformance/report_html/fixtures';
const RUNS = ['reference', 'example_port', 'mutant_port', 'broken_port'].map((name) => `${FIXTURES}/${name}.json`);
const SCALAR = 'hinge_embedding_loss/shapes/shape=scalar,reduction=none';
const ULP = 'hinge_embedding_loss/labels/label=1+ulp,dtype=float64';

const reports = RUNS.map(readReport);

describe.skipIf(NO_BROWSER)(NO_BROWSER ? `the page in Chromium: SKIPPED, ${NO_BROWSER}` : 'the page in Chromium', () => {
  let opened: OpenPage;
  let page: Page;

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'page-browser-')), 'compatibility.html');
    buildReportPage(RUNS, out);
    opened = await openOffline(out);
    page = opened.page;
  }, 60_000);

  afterAll(async () => {
    await opened?.browser.close();
  });

  const visibleRows = () => countVisible(page);
  const select = (id: Filter, value: string) => selectFilter(page, id, value);
  const reset = () => resetFilters(page);

  it('loads with no script error and no network request', () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it('shows every case of every run, one column per port', async () => {
    await reset();
    const ids = new Set(reports.flatMap((r) => r.cases.map((c) => c.id)));
    expect(await visibleRows()).toBe(ids.size);
    expect(await page.locator('#matrix thead th.port').allTextContents()).toEqual(reports.map((r) => r.port));
  });

  it('shows each port\'s spec and Paddle counts per op exactly as its run report states them', async () => {
    for (const [p, report] of reports.entries()) {
      for (const [op, counts] of Object.entries(report.summary.apis)) await expectHeaderCounts(page, p, op, counts);
    }
  });

  it('opens with the family matrix: a row per op, a column per port', async () => {
    const ops = [...new Set(reports.flatMap((r) => Object.keys(r.summary.apis)))];
    expect(await page.locator('#ports table.summary tbody th[scope="row"]').allTextContents()).toEqual(ops);
    expect(await page.locator('#ports table.summary thead th.port > div:first-child').allTextContents()).toEqual(reports.map((r) => r.port));
  });

  it("colours each cell by the port's share of the op's passing cases, red at none to green at all, and frames a spec failure", async () => {
    for (const [p, report] of reports.entries()) {
      for (const [op, counts] of Object.entries(report.summary.apis)) {
        const c = counts as unknown as { spec_conformant: boolean | null; paddle_compatible: { passed: number; total: number } };
        const share = c.paddle_compatible.total === 0 ? 1 : c.paddle_compatible.passed / c.paddle_compatible.total;
        const cell = page.locator(`#ports td[data-port="${p}"][data-op="${op}"]`);
        const rgb = await cell.evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td).backgroundColor);
        // The page rounds the hue to a degree, the browser each channel to 1/255: within 1.5° of 120 · share.
        expect(Math.abs(hueOf(rgb) - 120 * share), `${report.port} ${op}: ${rgb} for a share of ${share}`).toBeLessThan(1.5);
        expect(await cell.locator('.share').textContent()).toBe(`${Math.floor(100 * share)}%`);
        expect(await cell.getAttribute('class'), `${report.port} ${op}`).toBe(c.spec_conformant === false ? 'bad' : share === 1 ? 'good' : 'spec-only');
      }
    }
  });

  it('filters by op', async () => {
    await reset();
    await select('f-op', 'margin_ranking_loss');
    expect(await visibleRows()).toBe(reports[0]!.cases.filter((c) => c.id.startsWith('margin_ranking_loss/')).length);
    expect(await page.locator('#shown').textContent()).toMatch(/^8 of 78 cases shown$/);
  });

  it('filters by group, offering only the chosen op\'s groups', async () => {
    await reset();
    await select('f-op', 'hinge_embedding_loss');
    expect(await page.locator('#f-group option').allTextContents()).toEqual(['every group', 'doc_example', 'labels', 'shapes', 'string_margins']);
    await select('f-group', 'shapes');
    expect(await visibleRows()).toBe(reports[0]!.cases.filter((c) => c.id.startsWith('hinge_embedding_loss/shapes/')).length);
  });

  it('filters by level', async () => {
    await reset();
    await select('f-level', 'spec');
    expect(await visibleRows()).toBe(reports[0]!.cases.filter((c) => c.level === 'spec').length);
  });

  it('filters by status in one port, and in any port', async () => {
    await reset();
    await select('f-status', 'fail');
    await select('f-port', '1');
    expect(await visibleRows()).toBe(reports[1]!.cases.filter((c) => c.status === 'fail').length);
    await select('f-port', '');
    const failing = new Set(reports.flatMap((r) => r.cases.filter((c) => c.status === 'fail').map((c) => c.id)));
    expect(await visibleRows()).toBe(failing.size);
    await select('f-status', 'expected-fail');
    expect(await visibleRows()).toBe(1);
    await select('f-status', 'not-run');
    expect(await visibleRows()).toBe(5);
  });

  it('opens a case\'s detail on a click: request, expected, actual, rules and the re-run command', async () => {
    await reset();
    await page.locator(`#matrix tr[data-case="${SCALAR}"] td.id`).click();
    const detail = page.locator('#detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await detail.locator('h2').textContent()).toBe(SCALAR);
    expect(await detail.locator('pre.request').textContent()).toBe('api: paddle.nn.functional.hinge_embedding_loss\nkwargs: reduction="none"\ninput: float32[] = -2\nlabel: float32[] = 1');
    expect(await detail.locator('pre.expected').textContent()).toBe('output: float32[1] = [-2]');
    const example = detail.locator('.port-detail[data-port="1"]');
    expect(await example.locator('pre.actual').textContent()).toBe('output: float32[] = -2');
    expect(await example.textContent()).toContain('expected-fail');
    expect(await example.locator('code.rerun').textContent()).toBe(`npx paddle-conformance run --filter '${SCALAR}' --port-cmd 'python3 conformance/examples/port_example.py'`);
    expect(await detail.textContent()).toContain("zero-d-none-is-shape-1: a 0-D input with reduction 'none' gives shape [1]; mean and sum give []");
  });

  it('shows the first differing element of a value failure', async () => {
    // With the detail open the matrix is narrower; the case name stays in view.
    await page.locator(`#matrix tr[data-case="${ULP}"] td.id`).click();
    const mutant = page.locator('#detail .port-detail[data-port="2"]');
    expect(await mutant.textContent()).toContain('first differing element: output[0] (flat index 0), the first of 3 differing out of 3');
    expect(await mutant.textContent()).toContain('expected: 0.5  bits 0x3fe0000000000000');
  });

  it('closes the detail on Escape', async () => {
    await page.keyboard.press('Escape');
    expect(await page.locator('#detail').isVisible()).toBe(false);
  });
});

/** The hue in degrees of a CSS rgb() colour, read off its channels (0 for a grey). */
function hueOf(css: string): number {
  const [r, g, b] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => Number(v) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
