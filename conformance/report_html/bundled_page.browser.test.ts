/**
 * The page `npm run report` builds for the bundled ports, opened in Chromium
 * as a reader opens it: offline, with every network request refused. Its
 * header must state each port's counts exactly as that port's run report does,
 * the op filter must show every case of the op, and a case's detail must show
 * its request. The fixture pages of page.browser.test.ts are small and
 * hand-picked; this one is the real thing, every case of every port.
 *
 * It reads the folder named by PADDLE_CONFORMANCE_REPORT_DIR (.ci/run sets it);
 * without it, or without /usr/bin/chromium, it skips and says why.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHeaderCounts, NO_BROWSER, openOffline, readReport, resetFilters, selectFilter, visibleRows, type OpenPage, type Report } from './browser_support.js';
import { requestText } from './tensor_text.js';

const VARIABLE = 'PADDLE_CONFORMANCE_REPORT_DIR';
const DIR = process.env[VARIABLE];
const HOW = `npm run report -- --out-dir <dir>, then ${VARIABLE}=<dir> npx vitest run conformance/report_html/bundled_page.browser.test.ts`;
const SKIP = !DIR ? `${VARIABLE} is not set (to run it: ${HOW})` : NO_BROWSER;

/** The runs the page was built from: every report in the folder with cases (a port that could not start has none and no column). */
function bundledRuns(dir: string): Report[] {
  // Set on purpose but wrong is a failure, not a skip: CI must not pass on a folder that holds no page.
  if (!existsSync(join(dir, 'compatibility.html'))) throw new Error(`${VARIABLE}=${dir} holds no compatibility.html; write it with: ${HOW}`);
  const runs = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => readReport(join(dir, f))).filter((r) => r.cases.length > 0);
  if (runs.length === 0) throw new Error(`${VARIABLE}=${dir} holds no run report with cases; write them with: ${HOW}`);
  return runs;
}

/** Every case id the runs name for an op, ran or not, as the page has one row per id. */
function caseIds(runs: readonly Report[], op: string): Set<string> {
  const ran = runs.flatMap((r) => r.cases.filter((c) => c.api === op).map((c) => c.id));
  const notRun = runs.flatMap((r) => (r.summary.not_run ?? []).filter((id) => id.split('/')[0] === op));
  return new Set([...ran, ...notRun]);
}

// Vitest's default reporter does not print a skipped suite's title, so the reason is printed too.
if (SKIP) console.info(`SKIPPED: the bundled ports' page in Chromium: ${SKIP}`);

const runs = SKIP || !DIR ? [] : bundledRuns(DIR);
const ops = [...new Set(runs.flatMap((r) => Object.keys(r.summary.apis)))];
const total = new Set(runs.flatMap((r) => [...r.cases.map((c) => c.id), ...(r.summary.not_run ?? [])])).size;

describe.skipIf(SKIP)(SKIP ? `the bundled ports' page in Chromium: SKIPPED, ${SKIP}` : `the bundled ports' page in Chromium (${DIR})`, () => {
  let opened: OpenPage;
  let page: Page;
  let columns: string[];

  beforeAll(async () => {
    opened = await openOffline(join(DIR!, 'compatibility.html'));
    page = opened.page;
    columns = await page.locator('#matrix thead th.port').allTextContents();
  }, 60_000);

  afterAll(async () => {
    await opened?.browser.close();
  });

  it('loads with no script error and no network request', () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it('has one column per run report, named by its port', () => {
    expect([...columns].sort()).toEqual(runs.map((r) => r.port).sort());
  });

  it.each(runs.map((r) => [r.port, r] as const))('%s: the header shows each op\'s spec-conformant and Paddle-compatible k/n as its run report states them', async (port, run) => {
    const p = columns.indexOf(port);
    expect(p, `no column for ${port}`).toBeGreaterThanOrEqual(0);
    for (const [op, counts] of Object.entries(run.summary.apis)) await expectHeaderCounts(page, p, op, counts);
  });

  it.each(ops)('the op filter on %s shows exactly the runs\' cases of it', async (op) => {
    await resetFilters(page);
    await selectFilter(page, 'f-op', op);
    const shown = caseIds(runs, op).size;
    expect(await visibleRows(page)).toBe(shown);
    expect(await page.locator('#shown').textContent()).toBe(`${shown} of ${total} cases shown`);
  });

  it.each(ops)('a click on the first %s case opens its detail: its request and each port\'s status', async (op) => {
    const c = runs[0]!.cases.find((k) => k.api === op)!;
    await resetFilters(page);
    await selectFilter(page, 'f-op', op);
    await page.locator(`#matrix tr[data-case="${c.id}"] td.id`).click();
    const detail = page.locator('#detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await detail.locator('h2').textContent()).toBe(c.id);
    const request = await detail.locator('pre.request').textContent();
    expect(request).toBe(requestText(c.request).join('\n'));
    expect(request?.split('\n')[0]).toBe(`api: ${(c.request as { api: string }).api}`);
    for (const run of runs) {
      const status = run.cases.find((k) => k.id === c.id)?.status ?? 'not-selected';
      expect(await detail.locator(`.port-detail[data-port="${columns.indexOf(run.port)}"] h4 .status`).textContent(), run.port).toBe(status);
    }
  });
});
