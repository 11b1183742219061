/**
 * The JUnit XML report (`--junit <file>`), for CI systems that display test
 * results: one testsuite per api/group (e.g. hinge_embedding_loss/margins), one
 * testcase per case. A failure is a
 * <failure>, a port failure an <error>, a skip or an expected failure a
 * <skipped> with its reason, except a spec case the port skipped that no
 * expectations entry names, which fails the run (gate.ts) and so is a
 * <failure> of type "skip"; an unexpected pass is a <failure> under --strict.
 * A case that a stopped run never reached is a <skipped> saying why. An
 * expectations entry that matches no selected case is a testcase of the
 * suite "expectations", a <failure> under --strict. Every testsuite carries
 * the port's name (and, when --port-name gave one, its command) as properties.
 */
import { formatCase, type RerunCommand } from './report_terminal.js';
import type { Expectation } from './expectations.js';
import type { GatedRun } from './gate.js';
import type { CaseResult, NotRunCase } from './runner.js';

/** The JUnit XML text of a run. */
export function formatJunitReport(run: GatedRun, rerun: RerunCommand): string {
  const groups = new Map<string, { results: CaseResult[]; notRun: NotRunCase[] }>();
  const groupOf = (name: string) => groups.get(name) ?? groups.set(name, { results: [], notRun: [] }).get(name)!;
  for (const r of run.results) groupOf(`${r.api}/${r.group}`).results.push(r);
  // Cases a stopped run never reached are listed too, so CI shows every selected case.
  for (const c of run.notRun) groupOf(`${c.api}/${c.group}`).notRun.push(c);
  const suites = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, g]) => suite(group, g.results, g.notRun, run, rerun));
  const all = counts(run.results, run.notRun, run);
  const stale = run.staleExpectations.length;
  const staleFailures = run.options.strict ? stale : 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="paddle-conformance" tests="${all.tests + stale}" failures="${all.failures + staleFailures}" errors="${all.errors}" skipped="${all.skipped}">`,
    ...suites,
    ...(stale ? [staleSuite(run.staleExpectations, run.options.strict)] : []),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(group: string, results: CaseResult[], notRun: NotRunCase[], run: GatedRun, rerun: RerunCommand): string {
  const c = counts(results, notRun, run);
  const head = `  <testsuite name="${attr(group)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}">`;
  // Which port ran, and whose expectations the cases were judged by: a CI log then says which machine's Paddle they hold to.
  const property = (name: string, value: string): string => `<property name="${name}" value="${attr(value)}"/>`;
  const properties = [
    property('port', run.port),
    ...(run.portCommand !== undefined ? [property('port_command', run.portCommand)] : []),
    ...(run.options.machine !== undefined ? [property('paddle', run.options.paddle ?? ''), property('machine_class', run.options.machine)] : []),
  ];
  return [head, `    <properties>${properties.join('')}</properties>`, ...results.map((r) => testcase(r, run, rerun)), ...notRun.map((n) => notRunCase(n, run)), '  </testsuite>'].join('\n');
}

/** The expectations entries that match no selected case, one testcase each. */
function staleSuite(stale: readonly Expectation[], strict: boolean): string {
  const cases = stale.map((e) => {
    const message = `stale expectation: ${JSON.stringify(e.id)} matches no selected case (reason given: ${e.reason})`;
    const body = strict ? `<failure message="${attr(message)}" type="stale-expectation"/>` : `<system-out>${text(message)}</system-out>`;
    return [`    <testcase classname="expectations" name="${attr(e.id)}">`, `      ${body}`, '    </testcase>'].join('\n');
  });
  return [`  <testsuite name="expectations" tests="${stale.length}" failures="${strict ? stale.length : 0}" errors="0" skipped="0">`, ...cases, '  </testsuite>'].join('\n');
}

function notRunCase(c: NotRunCase, run: GatedRun): string {
  return [
    `    <testcase classname="${attr(`${c.api}.${c.group}`)}" name="${attr(c.id)}">`,
    `      <skipped message="${attr(`not run: the run stopped before this case: ${run.aborted ?? ''}`)}"/>`,
    '    </testcase>',
  ].join('\n');
}

function testcase(r: CaseResult, run: GatedRun, rerun: RerunCommand): string {
  const open = `    <testcase classname="${attr(`${r.api}.${r.group}`)}" name="${attr(r.id)}">`;
  const body = element(r, run, rerun);
  return body ? `${open}\n${body}\n    </testcase>` : `${open.slice(0, -1)}/>`;
}

function element(r: CaseResult, run: GatedRun, rerun: RerunCommand): string {
  const detail = text(formatCase(r, rerun));
  switch (r.status) {
    case 'pass':
      return '';
    case 'fail':
      return `      <failure message="${attr(r.failure?.message ?? '')}" type="${attr(r.failure?.kind ?? 'fail')}">${detail}</failure>`;
    case 'crash':
    case 'timeout':
    case 'garbage':
      return `      <error message="${attr(r.portFailure?.message ?? '')}" type="${r.status}">${detail}</error>`;
    case 'skip':
      return failsRun(r, run)
        ? `      <failure message="${attr(`skipped by the port: ${r.skipReason ?? ''} (a spec case: a skip fails the run unless the expectations file names it)`)}" type="skip"/>`
        : `      <skipped message="${attr(`skipped by the port: ${r.skipReason ?? ''}`)}"/>`;
    case 'expected-fail':
      return `      <skipped message="${attr(`expected failure: ${r.expectation?.reason ?? ''}`)}"/>`;
    case 'unexpected-pass':
      return run.options.strict
        ? `      <failure message="${attr(`unexpected pass: ${r.expectation?.reason ?? ''}`)}" type="unexpected-pass">${detail}</failure>`
        : `      <system-out>${text(`unexpected pass: the expectations file says this fails (${r.expectation?.reason ?? ''})`)}</system-out>`;
  }
}

function counts(results: CaseResult[], notRun: NotRunCase[], run: GatedRun): { tests: number; failures: number; errors: number; skipped: number } {
  const is = (...s: string[]): number => results.filter((r) => s.includes(r.status)).length;
  const failingSkips = results.filter((r) => failsRun(r, run)).length;
  return {
    tests: results.length + notRun.length,
    failures: is('fail') + (run.options.strict ? is('unexpected-pass') : 0) + failingSkips,
    errors: is('crash', 'timeout', 'garbage'),
    skipped: is('skip', 'expected-fail') - failingSkips + notRun.length,
  };
}

/** A skip that fails the run: a spec case no expectations entry names (gate.ts). */
function failsRun(r: CaseResult, run: GatedRun): boolean {
  return r.status === 'skip' && (run.gate?.failingSkips.includes(r.id) ?? false);
}

/** XML text content: escapes markup and drops characters XML 1.0 cannot carry. */
function text(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** An XML attribute value; tab, CR and LF as character references, which attribute normalisation would turn into spaces. */
function attr(s: string): string {
  return text(s).replaceAll('"', '&quot;').replaceAll('\t', '&#9;').replaceAll('\r', '&#13;').replaceAll('\n', '&#10;');
}
