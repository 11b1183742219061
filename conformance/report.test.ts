/**
 * The reports (report_terminal.ts, report_json.ts, report_junit.ts) of one run
 * with a failure, a crash, a skip, an expected failure and a message note.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTensors, exactBound } from './compare.js';
import { loadGoldens } from './golden.js';
import { PortFailure, PortUnavailable, type Port } from './port.js';
import { referencePort } from './ports/reference.js';
import { formatJsonReport, REPORT_FORMAT } from './report_json.js';
import { formatJunitReport } from './report_junit.js';
import { formatRun, type RerunCommand } from './report_terminal.js';
import { runSuite, summarise, type CaseResult, type RunResult } from './runner.js';
import { fromValues } from './wire.js';
import { elementwiseBound } from './tolerance.js';

const cases = loadGoldens(['conformance/fixtures/golden']);
const id = (name: string) => `hinge_embedding_loss/fixture/${name}`;
const rerun: RerunCommand = (caseId) => `npx paddle-conformance run --filter '${caseId}' --port-cmd 'python3 port.py'`;

/** Each fixture case misbehaves in its own way, except the layer case. */
function mixedPort(): Port {
  const reference = referencePort();
  return {
    name: 'mixed',
    handle: async (r) => {
      switch (r.id) {
        // One element off: 2 (0x40000000) reported as 2.0000002384185791 (0x40000001).
        case id('reduction=none'): return { id: r.id, output: { dtype: 'float32', shape: [3, 3], data: [0, -2, 0, 0, -1, 2.0000002384185791, 1, 1, 1] } };
        case id('grad,reduction=sum'): throw new PortFailure('crash', 'the port exited with signal SIGSEGV', 'Segmentation fault <core dumped> & "more"');
        case id('reduction=mean'): return { id: r.id, skip: 'mean is not implemented' };
        case id('reduction=reduce_mean'): return { id: r.id, error: { type: 'ValueError', message: 'bad reduction' } };
        default: return reference.handle(r);
      }
    },
    close: async () => {},
  };
}

let run: RunResult;
beforeAll(async () => {
  run = await runSuite({ cases, port: mixedPort(), expectations: [{ id: id('grad,*'), reason: 'gradients crash this port' }] });
});

describe('terminal report', () => {
  it('gives the failing case in full: id, multi-index, values and bits, ulps, bound, re-run command', () => {
    const text = formatRun(run, rerun);
    expect(text).toContain(`FAIL ${id('reduction=none')}  [spec]`);
    expect(text).toContain('output[1, 2] (flat index 5), the first of 1 differing elements out of 9');
    expect(text).toContain('actual:   2.000000238418579  bits 0x40000001');
    expect(text).toContain('expected: 2  bits 0x40000000');
    expect(text).toContain('ulp distance: 1;');
    expect(text).toContain('    bound: exact (NaN == NaN, +0 == -0)\n    from: input[1, 2] = 2 (0x40000000), label[1, 2] = 1 (0x3f800000), margin 1\n    branch: label 1: loss = x');
    expect(text).toContain(`re-run: npx paddle-conformance run --filter '${id('reduction=none')}' --port-cmd 'python3 port.py'`);
  });

  it('lists expected failures, skips and message notes, then the totals and the verdict', () => {
    const text = formatRun(run, rerun);
    expect(text).toContain(`${id('grad,reduction=sum')}: gradients crash this port`);
    expect(text).toContain(`${id('reduction=mean')}: mean is not implemented`);
    expect(text).toContain(`${id('reduction=reduce_mean')}: message differs`);
    expect(text).toMatch(/Per group:\n.*\n {2}hinge_embedding_loss\/fixture +5 +2 +1 +0 +1 +1 +0/);
    expect(text).toContain('Per API:\n  hinge_embedding_loss  spec-conformant: no   Paddle-compatible: 2/5');
    expect(text).toContain('spec-conformant: no (2 of 3 spec cases do not pass); Paddle-compatible: 2/5');
  });
});

describe('terminal report of a port that sends control characters (issue 19, item 15)', () => {
  it('quotes its skip reason, error and crash output escaped, so they cannot act on the terminal', async () => {
    const port: Port = {
      name: 'escapes \x1b[8m',
      handle: async (r) => {
        if (r.id === id('reduction=mean')) return { id: r.id, skip: 'skip \x1b[31mred' };
        if (r.id === id('reduction=none')) return { id: r.id, error: { type: 'ValueError', message: 'error \x1b[2J' } };
        throw new PortFailure('crash', 'the port exited \x9b1A', 'stderr \x1b]0;title\x07\rover');
      },
      close: async () => {},
    };
    const text = formatRun(await runSuite({ cases, port }), rerun);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const shown of ['skip \\u001b[31mred', 'error \\u001b[2J', 'the port exited \\u009b1A', 'stderr \\u001b]0;title\\u0007\\rover', 'escapes \\u001b[8m']) expect(text).toContain(shown);
  });
});

describe('JSON report', () => {
  it('has every case with its status and numbers, and totals per level and group', () => {
    const json = JSON.parse(formatJsonReport(run, rerun));
    expect(json.format).toBe(REPORT_FORMAT);
    expect(json.summary).toEqual({
      spec_conformant: false,
      paddle_compatible: { passed: 2, total: 5 },
      apis: { hinge_embedding_loss: { spec_conformant: false, paddle_compatible: { passed: 2, total: 5 }, spec: { passed: 1, total: 3 } } },
      exit_code: 1,
    });
    expect(json.totals.level.spec).toMatchObject({ total: 3, pass: 1, fail: 1, skip: 1 });
    expect(json.totals.group['hinge_embedding_loss/fixture']).toMatchObject({ total: 5, 'expected-fail': 1 });
    expect(json.cases.map((c: { status: string }) => c.status)).toEqual(['pass', 'expected-fail', 'skip', 'fail', 'pass']);
    expect(json.cases[3].failure.element).toEqual({
      field: 'output', index: 5, multi_index: [1, 2], actual: 2.000000238418579, expected: 2,
      actual_bits: '0x40000001', expected_bits: '0x40000000', ulps: 1, difference: 2.384185791015625e-7, mismatches: 1, size: 9,
      context: expect.any(Object),
    });
    expect(json.cases[3].failure.element.context).toEqual({
      operands: { input: { index: [1, 2], value: 2, bits: '0x40000000' }, label: { index: [1, 2], value: 1, bits: '0x3f800000' } },
      scalars: { margin: { value: 1 } },
      branch: 'label 1: loss = x',
    });
    expect(json.cases[3].failure.bound).toEqual({ kind: 'exact', bitwise: false, value: 0, description: 'exact (NaN == NaN, +0 == -0)' });
    expect(json.cases[3].rerun).toBe(rerun(id('reduction=none')));
    expect(json.cases[1].port_failure).toEqual({ kind: 'crash', message: 'the port exited with signal SIGSEGV', detail: 'Segmentation fault <core dumped> & "more"' });
    expect(json.cases[4].notes).toHaveLength(1);
  });

  it('gives every case its re-run command, passing ones included', () => {
    const json = JSON.parse(formatJsonReport(run, rerun));
    expect(json.cases[0].rerun).toBe(rerun(json.cases[0].id));
  });

  it('without the goldens, has no request or expected (the report as before)', () => {
    const json = JSON.parse(formatJsonReport(run, rerun));
    expect(json.cases[0].request).toBeUndefined();
    expect(json.cases[0].expected).toBeUndefined();
  });

  it('with the goldens, has each case\'s request and expected result, and the response of a failing case', () => {
    const json = JSON.parse(formatJsonReport(run, rerun, cases));
    const none = json.cases[3];
    expect(none.request).toEqual(cases.find((c) => c.golden.id === id('reduction=none'))!.golden.request);
    expect(none.expected.output).toMatchObject({ dtype: 'float32', shape: [3, 3] });
    expect(none.actual.output.data[5]).toBe(2.0000002384185791);
    expect(json.cases[0].actual).toBeUndefined();
  });

  it('summarises each rule the cases cite once, by name', () => {
    const json = JSON.parse(formatJsonReport(run, rerun));
    const cited = new Set(json.cases.flatMap((c: { rules?: string[] }) => c.rules ?? []));
    expect(Object.keys(json.rules).sort()).toEqual([...cited].sort());
  });
});

describe('JUnit report', () => {
  const junit = () => formatJunitReport(run, rerun);

  it('has one testsuite per group with counts, and one testcase per case', () => {
    expect(junit()).toContain('<testsuites name="paddle-conformance" tests="5" failures="1" errors="0" skipped="2">');
    expect(junit()).toContain('<testsuite name="hinge_embedding_loss/fixture" tests="5" failures="1" errors="0" skipped="2">');
    expect(junit().match(/<testcase /g)).toHaveLength(5);
  });

  it('a failure carries its message and the full report, escaped', () => {
    expect(junit()).toMatch(/<testcase classname="hinge_embedding_loss\.fixture" name="hinge_embedding_loss\/fixture\/reduction=none">\n {6}<failure message="output\[1, 2\]: got 2.000000238418579 \(0x40000001\)[^"]*" type="value">FAIL/);
  });

  it('an expected failure and a skip are <skipped> with their reasons; markup in details is escaped', () => {
    expect(junit()).toContain('<skipped message="expected failure: gradients crash this port"/>');
    expect(junit()).toContain('<skipped message="skipped by the port: mean is not implemented"/>');
    expect(junit()).not.toContain('<core dumped>');
  });

  it('a crash is an <error>', async () => {
    const crashed = await runSuite({ cases, port: mixedPort() });
    expect(formatJunitReport(crashed, rerun)).toContain('<error message="the port exited with signal SIGSEGV" type="crash">');
    expect(formatJunitReport(crashed, rerun)).toContain('Segmentation fault &lt;core dumped&gt; &amp; "more"');
  });
});

describe('a run the port stopped', () => {
  const stopping: Port = {
    name: 'stops',
    handle: async (r) => {
      if (r.id === id('reduction=mean')) throw new PortUnavailable('stops', 'gave up after 5 crashes or timeouts in a row');
      return referencePort().handle(r);
    },
    close: async () => {},
  };

  it('the terminal report says how many selected cases were not run', async () => {
    const stopped = await runSuite({ cases, port: stopping });
    expect(formatRun(stopped, rerun)).toContain('RUN STOPPED after 2 of 5 cases (3 not run): gave up after 5 crashes or timeouts in a row');
    expect(formatRun(stopped, rerun)).toContain('Paddle-compatible: 2/5');
  });

  it('the JSON report lists the cases not run', async () => {
    const json = JSON.parse(formatJsonReport(await runSuite({ cases, port: stopping }), rerun));
    expect(json.summary.not_run).toEqual([id('reduction=mean'), id('reduction=none'), id('reduction=reduce_mean')]);
    expect(json.summary.paddle_compatible).toEqual({ passed: 2, total: 5 });
  });

  it('the JUnit report has every selected case, the ones not run as <skipped>', async () => {
    const junit = formatJunitReport(await runSuite({ cases, port: stopping }), rerun);
    expect(junit).toContain('<testsuites name="paddle-conformance" tests="5" failures="0" errors="0" skipped="3">');
    expect(junit.match(/<testcase /g)).toHaveLength(5);
    expect(junit).toContain('<skipped message="not run: the run stopped before this case: gave up after 5 crashes or timeouts in a row"/>');
  });
});

describe('JUnit attributes keep tabs and carriage returns', () => {
  // XML attribute-value normalisation turns a literal tab, CR or LF into a space; only character references survive.
  it('a port error message with \\t and \\r is written as &#9; and &#13;', () => {
    const result = { id: id('reduction=none'), api: 'hinge_embedding_loss', group: 'fixture', level: 'spec' as const, file: 'f.json', status: 'crash' as const, notes: [],
      portFailure: { kind: 'crash' as const, message: 'a\tb\r\nc', detail: '' } };
    const junit = formatJunitReport(summarise('p', [result], { bitwise: false, strict: false, timeoutMs: 1 }), rerun);
    expect(junit).toContain('<error message="a&#9;b&#13;&#10;c" type="crash">');
  });
});

describe('ULP distances past 2^53 are exact', () => {
  // +0 against 0.5 (0x3fe0000000000000) in float64: 4602678819172646912 ulps; a float64 would print ...7000.
  const failure = compareTensors('output', fromValues('float64', [1], [0]), fromValues('float64', [1], [0.5]), exactBound({ bitwise: false }))!;
  const result: CaseResult = { id: id('reduction=none'), api: 'hinge_embedding_loss', group: 'fixture', level: 'spec', file: 'f.json', status: 'fail', failure, notes: [] };
  const big = summarise('p', [result], { bitwise: false, strict: false, timeoutMs: 1 });

  it('the terminal report prints the exact distance', () => {
    expect(formatRun(big, rerun)).toContain('ulp distance: 4602678819172646912;');
  });

  it('the JSON report writes it as a decimal string, since a JSON number would be rounded', () => {
    expect(JSON.parse(formatJsonReport(big, rerun)).cases[0].failure.element.ulps).toBe('4602678819172646912');
  });
});

describe('stale expectations', () => {
  const stale = [{ id: 'hinge_embedding_loss/fixture/gone*', reason: 'was fixed long ago' }];
  const strictRun = summarise('p', [], { bitwise: false, strict: true, timeoutMs: 1 }, [], stale);
  const looseRun = summarise('p', [], { bitwise: false, strict: false, timeoutMs: 1 }, [], stale);

  it('the terminal report names each entry, and says --strict fails on it', () => {
    expect(formatRun(strictRun, rerun)).toContain('STALE EXPECTATIONS (1): these entries match no case of the suite, which fails --strict:\n  "hinge_embedding_loss/fixture/gone*": was fixed long ago');
    expect(formatRun(looseRun, rerun)).toContain('Expectations that match no case of the suite (1; --strict would fail the run on them):');
  });

  it('the JSON report lists them in the summary', () => {
    expect(JSON.parse(formatJsonReport(strictRun, rerun)).summary.stale_expectations).toEqual(stale);
    expect(JSON.parse(formatJsonReport(strictRun, rerun)).summary.exit_code).toBe(1);
  });

  it('the JUnit report has a failing testcase per entry under --strict', () => {
    const junit = formatJunitReport(strictRun, rerun);
    expect(junit).toContain('<testsuites name="paddle-conformance" tests="1" failures="1" errors="0" skipped="0">');
    expect(junit).toContain('<testcase classname="expectations" name="hinge_embedding_loss/fixture/gone*">');
    expect(junit).toContain('<failure message="stale expectation: &quot;hinge_embedding_loss/fixture/gone*&quot; matches no selected case (reason given: was fixed long ago)" type="stale-expectation"/>');
  });
});

describe('a port\'s long stderr is capped in the reports', () => {
  // One crash once put 500 KB of stderr into a single JSON entry.
  const detail = Array.from({ length: 200 }, (_, i) => `line ${i} ${'s'.repeat(2000)}`).join('\n');
  const result: CaseResult = { id: id('reduction=none'), api: 'hinge_embedding_loss', group: 'fixture', level: 'spec', file: 'f.json', status: 'crash', notes: [],
    portFailure: { kind: 'crash', message: 'the port exited with code 1', detail } };
  const crashed = summarise('p', [result], { bitwise: false, strict: false, timeoutMs: 1 });

  it('the terminal report keeps the tail, a few KB, and says how much was cut', () => {
    const text = formatRun(crashed, rerun);
    expect(text.length).toBeLessThan(8000);
    expect(text).toMatch(/\| … \d+ bytes cut \(\d+ earlier lines and the ends of long lines\)/);
    expect(text).toContain(`| line 199 ${'s'.repeat(491)} … 1509 characters cut`);
  });

  it('the JSON report keeps the same excerpt', () => {
    const json = JSON.parse(formatJsonReport(crashed, rerun));
    expect(json.cases[0].port_failure.detail.length).toBeLessThan(4200);
    expect(json.cases[0].port_failure.detail).toContain(`line 199 ${'s'.repeat(491)} … 1509 characters cut`);
  });
});

describe('an error-type failure shows Paddle\'s message beside the port\'s', () => {
  const reduceMean = cases.filter((c) => c.golden.id === id('reduction=reduce_mean'));
  const port: Port = { name: 'typeerror', handle: async (r) => ({ id: r.id, error: { type: 'TypeError', message: 'reduction must be one of none, mean, sum' } }), close: async () => {} };

  it('in the terminal report', async () => {
    const text = formatRun(await runSuite({ cases: reduceMean, port }), rerun);
    expect(text).toContain("    Paddle raised: ValueError: 'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received reduce_mean.");
    expect(text).toContain('    port raised:   TypeError: reduction must be one of none, mean, sum');
  });

  it('in the JSON report', async () => {
    const failure = JSON.parse(formatJsonReport(await runSuite({ cases: reduceMean, port }), rerun)).cases[0].failure;
    expect(failure.kind).toBe('error-type');
    expect(failure.expected_error).toEqual({ type: 'ValueError', message: "'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received reduce_mean." });
    expect(failure.actual_error).toEqual({ type: 'TypeError', message: 'reduction must be one of none, mean, sum' });
  });

  it("a port's error where Paddle returned a result is quoted once, on the failure's own line", async () => {
    const mean = cases.filter((c) => c.golden.id === id('reduction=mean'));
    const text = formatRun(await runSuite({ cases: mean, port }), rerun);
    expect(text).toContain('outcome: expected a result but the port raised TypeError: reduction must be one of none, mean, sum');
    expect(text).not.toContain('port raised:   TypeError');
  });

  it('a result where Paddle raised shows what Paddle raised', async () => {
    const returns: Port = { name: 'returns', handle: async (r) => ({ id: r.id, output: { dtype: 'float32', shape: [], data: [0] } }), close: async () => {} };
    const failure = JSON.parse(formatJsonReport(await runSuite({ cases: reduceMean, port: returns }), rerun)).cases[0].failure;
    expect(failure.expected_error.type).toBe('ValueError');
    expect(failure.actual_error).toBeUndefined();
  });
});

describe('a failing case names its rules, each with its summary', () => {
  const none = cases.filter((c) => c.golden.id === id('reduction=none'))
    .map((c) => ({ ...c, golden: { ...c.golden, rules: ['equal-float-tolerance', 'no-such-rule'] } }));

  it('in the terminal report; an unknown rule prints "(no summary)"', async () => {
    const text = formatRun(await runSuite({ cases: none, port: mixedPort() }), rerun);
    expect(text).toContain("  rule equal-float-tolerance: x == v is phi's float equal, |x − v| < 1e-15 in x's dtype: a float64 within 4 ulps of ±1 equals ±1");
    expect(text).toContain('  rule no-such-rule: (no summary)');
  });

  it('in the JSON report', async () => {
    const json = JSON.parse(formatJsonReport(await runSuite({ cases: none, port: mixedPort() }), rerun));
    expect(json.cases[0].rules).toEqual(['equal-float-tolerance', 'no-such-rule']);
  });

  it('a reduced output failure has no element context', async () => {
    const mean = cases.filter((c) => c.golden.id === id('reduction=mean'));
    const off: Port = { name: 'off', handle: async (r) => ({ id: r.id, output: { dtype: 'float32', shape: [], data: [0.5] } }), close: async () => {} };
    const run2 = await runSuite({ cases: mean, port: off });
    expect(run2.results[0]?.status).toBe('fail');
    expect(run2.results[0]?.context).toBeUndefined();
    expect(formatRun(run2, rerun)).not.toContain('from: ');
  });
});

describe('message notes on a passing run', () => {
  const reduceMean = cases.filter((c) => c.golden.id === id('reduction=reduce_mean'));
  const port: Port = { name: 'wording', handle: async (r) => ({ id: r.id, error: { type: 'ValueError', message: 'bad reduction' } }), close: async () => {} };

  it('fold into one summary line', async () => {
    const run2 = await runSuite({ cases: reduceMean, port });
    expect(run2.exitCode).toBe(0);
    const text = formatRun(run2, rerun);
    expect(text).toContain('Passing cases with notes (1; error type matches, message differs): --verbose lists them, and so does --json.');
    expect(text).not.toContain(`${id('reduction=reduce_mean')}: message differs`);
  });

  it('are listed in full with verbose', async () => {
    const text = formatRun(await runSuite({ cases: reduceMean, port }), rerun, { verbose: true });
    expect(text).toContain(`  ${id('reduction=reduce_mean')}: message differs from character 0`);
  });

  it('are in the JSON report', async () => {
    const json = JSON.parse(formatJsonReport(await runSuite({ cases: reduceMean, port }), rerun));
    expect(json.cases[0].notes[0]).toContain('message differs from character 0');
  });
});

describe('the JSON report carries the numbers of ulp and absolute-relative bounds', () => {
  const ulp = compareTensors('output', fromValues('float32', [1], [1.0000005960464478]), fromValues('float32', [1], [1]), elementwiseBound({ kind: 'ulp', ulps: { float32: 4 }, derivation: 'd' }, 'float32', { bitwise: false }))!;
  const result: CaseResult = { id: id('reduction=none'), api: 'hinge_embedding_loss', group: 'fixture', level: 'spec', file: 'f.json', status: 'fail', failure: ulp, notes: [] };

  it('a ulp bound gives its count', () => {
    const json = JSON.parse(formatJsonReport(summarise('p', [result], { bitwise: false, strict: false, timeoutMs: 1 }), rerun));
    expect(json.cases[0].failure.bound).toMatchObject({ kind: 'ulp', ulps: 4, description: '≤ 4 ulp (d)' });
    expect(json.cases[0].failure.element.ulps).toBe(5);
  });
});
