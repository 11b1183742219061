/**
 * What the compatibility page's browser tests share: Debian's Chromium driven
 * by playwright-core (no browser download), a page opened from disk with every
 * network request refused and recorded, the matrix's filters, and the check
 * that the header shows a run report's counts. Test support only; the package leaves it out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The browser the tests drive: Debian's package, which .ci/run installs. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const NO_BROWSER: string | undefined = existsSync(CHROMIUM) ? undefined : `no browser at ${CHROMIUM} (apt-get install chromium)`;

/** The filters' select elements, by id. */
export const FILTERS = ['f-op', 'f-group', 'f-level', 'f-status', 'f-port'] as const;

/** The id of one of the filters' select elements. */
export type Filter = (typeof FILTERS)[number];

/** A run report as written: the fields the browser tests compare with the page. */
export interface Report {
  /** The port's name, the column's title. */
  port: string;
  /** Per op: the counts the header must show. */
  summary: { apis: Record<string, { paddle_compatible: { passed: number; total: number }; spec: { passed: number; total: number } }>; not_run?: string[] };
  /** Every case that ran. */
  cases: { id: string; api: string; level: string; status: string; request?: unknown }[];
}

/** Reads a run report written by `run --json`. */
export function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

/** A page open in Chromium, with what it did that it must not do. */
export interface OpenPage {
  /** The browser, to close after the tests. */
  browser: Browser;
  /** The page. */
  page: Page;
  /** Messages of uncaught script errors. */
  errors: string[];
  /** URLs of every request other than the page's own file, each refused. */
  requests: string[];
}

/** Opens an HTML file in Chromium offline: anything but file: URLs is refused and recorded. */
export async function openOffline(file: string): Promise<OpenPage> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const context = await browser.newContext();
  const errors: string[] = [];
  const requests: string[] = [];
  // Offline means offline: the page must carry everything it shows.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { browser, page, errors, requests };
}

/** How many rows of the matrix the filters leave visible. */
export function visibleRows(page: Page): Promise<number> {
  return page.locator('#matrix tbody tr:not([hidden])').count();
}

/** Chooses a value in one of the filters ('' for any). */
export async function selectFilter(page: Page, id: Filter, value: string): Promise<void> {
  await page.selectOption(`#${id}`, value);
}

/** Sets every filter back to "any", so the matrix shows every case. */
export async function resetFilters(page: Page): Promise<void> {
  for (const id of FILTERS) await selectFilter(page, id, '');
}

/** Checks that the header cell of the port in column `p` shows an op's counts exactly as its run report states them. */
export async function expectHeaderCounts(page: Page, p: number, op: string, counts: Report['summary']['apis'][string]): Promise<void> {
  const cell = page.locator(`#ports td[data-port="${p}"][data-op="${op}"]`);
  const spec = `${counts.spec.passed}/${counts.spec.total}`;
  const paddle = `${counts.paddle_compatible.passed}/${counts.paddle_compatible.total}`;
  expect(await cell.getAttribute('data-spec'), `${op} spec in column ${p}`).toBe(spec);
  expect(await cell.getAttribute('data-paddle'), `${op} Paddle-compatible in column ${p}`).toBe(paddle);
  expect(await cell.locator('.spec').textContent()).toContain(`(${spec})`);
  expect(await cell.locator('.paddle').textContent()).toBe(`Paddle-compatible: ${paddle}`);
}
