/**
 * Results with several outputs through the harness (PROTOCOL.md, "Several
 * outputs"), on a fixture op registered beside the real ones
 * (fixtures/two_outputs.ts: sum_and_product(x, y) -> (x + y, x · y)): the
 * response check, golden validation and the schema, the comparison and the
 * reports, the reference bridge, the golden writer and the fuzzer's requests.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AnyExpectedJson, AnyRequestJson, GoldenCase, GoldenFileJson } from './case.js';
import { compareResponse } from './compare.js';
import { contentHash, validateGoldenFile } from './golden.js';
import { goldenSchema } from './golden_schema.js';
import { validateAgainstSchema } from './json_schema.js';
import { formOf } from './op.js';
import { OPS } from './ops/index.js';
import { readLine, responseProblem } from './ports/response.js';
import { spawnSync } from 'node:child_process';
import { formatJsonReport } from './report_json.js';
import { formatJunitReport } from './report_junit.js';
import { formatRun } from './report_terminal.js';
import { resultText } from './report_html/tensor_text.js';
import { runSuite } from './runner.js';
import { TWO_OUTPUTS } from './fixtures/two_outputs.js';
import { expectedFromResponse } from '../scripts/golden/writer.js';
import { decodeTensor, valuesOf, type TensorJson } from './wire.js';

vi.mock('./ops/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./ops/index.js')>();
  const { TWO_OUTPUTS: fixture } = await import('./fixtures/two_outputs.js');
  const ops = [...real.OPS, fixture];
  return {
    ...real,
    OPS: ops,
    opForApi: (api: string) => ops.find((op) => formOf(op, api) !== undefined),
    opForFamily: (family: string) => ops.find((op) => op.family === family),
    registeredApis: () => ops.flatMap((op) => [op.functional, ...(op.layer ? [op.layer] : [])]),
  };
});

const f64 = (...data: number[]): TensorJson => ({ dtype: 'float64', shape: [data.length], data });
const X = f64(1, 2);
const Y = f64(3, -4);
const API = TWO_OUTPUTS.functional;

function golden(request: Partial<AnyRequestJson>, expected: AnyExpectedJson, name = 'a'): GoldenCase {
  return {
    id: `two_outputs_fixture/g/${name}`, group: 'g', level: 'paddle', tags: [], description: 'fixture',
    request: { api: API, inputs: { x: X, y: Y }, ...request } as GoldenCase['request'],
    expected: expected as GoldenCase['expected'],
  };
}

function file(cases: GoldenCase[]): GoldenFileJson {
  const none = 'none';
  return {
    format: 'paddle-conformance/golden@1', api: 'two_outputs_fixture', group: 'g',
    provenance: { oracle: { paddle_version: none, paddle_commit: none, python: none, numpy: none, os: none, cpu: none, machine: none }, generator: { name: 'test', version: '1' }, content_sha256: contentHash(cases) },
    cases,
  };
}

/** The validator's message for a one-case file, or 'valid'. */
function validation(c: GoldenCase): string {
  try {
    validateGoldenFile(JSON.parse(JSON.stringify(file([c]))), 'g');
    return 'valid';
  } catch (e) {
    return `${(e as { path?: string }).path}: ${(e as Error).message}`;
  }
}

const BOTH = [f64(4, -2), f64(3, -8)];

describe('a response with several outputs (ports/response.ts)', () => {
  it('may answer a list of tensors, each checked with its own path', () => {
    expect(responseProblem({ id: 'a', output: BOTH }, 'a')).toBeUndefined();
    expect(responseProblem({ id: 'a', output: [BOTH[0], { dtype: 'float64', shape: [2], data: [1] }] }, 'a')).toMatch(/\$\.output\[1\]\.data: has 1 values/);
    expect(responseProblem({ id: 'a', output: [] }, 'a')).toMatch(/empty list/);
  });

  it('crosses the wire as a JSON line, every bit of each tensor kept', () => {
    const negZeroNaN = [{ dtype: 'float64', shape: [2], b64: 'AAAAAAAAAIABAAAAAAD4fw==' }, BOTH[1]!];
    const verdict = readLine(JSON.stringify({ id: 'a', output: negZeroNaN }), 'a', new Set());
    expect(verdict.kind === 'answer' && verdict.response.output).toEqual(negZeroNaN);
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.skipIf(!hasPython)('the Python codec (wire_codec.py, shared by the oracle and the PyTorch and Ivy ports) on a tuple result', () => {
  it('encodes a tuple or list as a list of tensors, and picks the outputs a backward starts from', () => {
    const script = [
      'import json, sys; sys.path.insert(0, "conformance"); import wire_codec as w',
      'enc = lambda t: "T" + t',
      'conv = lambda t, where: where',
      'out = [w.encode_result(("a", "b"), enc), w.encode_result(["a"], enc), w.encode_result("a", enc)]',
      'roots = [w.backward_roots(("a", "b"), None, conv), w.backward_roots(("a", "b"), [None, {}], conv), w.backward_roots("a", {}, conv)]',
      'errors = []',
      'for result, raw in ((("a", "b"), [None, None]), (("a", "b"), [{}]), ("a", [{}])):',
      '    try: w.backward_roots(result, raw, conv)',
      '    except w.ProtocolError as e: errors.append(str(e)[:40])',
      'print(json.dumps([out, roots, errors]))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      [['Ta', 'Tb'], ['Ta'], 'Ta'],
      [[['a', 'b'], [null, null]], [['b'], ['grad_output[1]']], [['a'], ['grad_output']]],
      ['"grad_output" must be a list of 2 entrie', '"grad_output" must be a list of 2 entrie', '"grad_output" is a list, but the call re'],
    ]);
  });
});

describe('golden validation of several outputs (golden.ts) and the schema', () => {
  it('accepts one tensor per output, in order, and a gradient through either output', () => {
    expect(validation(golden({}, { output: BOTH }))).toBe('valid');
    expect(validation(golden({ grad: ['x'], grad_output: [null, f64(1, 1)] }, { output: BOTH, grad: { x: f64(3, -4) } }))).toBe('valid');
    expect(validation(golden({ kwargs: { sum_only: true } }, { output: f64(4, -2) }))).toBe('valid');
  });

  it.each([
    ['one tensor too few', {}, { output: [BOTH[0]] }, /expected.output: has 1 tensors, but the op returns a list of 2 tensors \(sum, product/],
    ['one tensor where two belong', {}, { output: BOTH[0] }, /expected.output: is one tensor, but the op returns a list of 2/],
    ['a list where the call returns one tensor', { kwargs: { sum_only: true } }, { output: BOTH }, /expected.output: is a list of 2 tensors, but the op returns one tensor/],
    ['a malformed second output', {}, { output: [BOTH[0], { dtype: 'float64', shape: [2], data: [1, 0.1 + 2 ** -60, 3] }] }, /expected\.output\[1\]\.data: has 3 values/],
    ['a reduction basis beside a list', {}, { output: BOTH, reduction_basis: { count: 2, abs_sum: 6 } }, /reduction_basis: belongs to an op with one output/],
    ['a grad_output list of the wrong length', { grad: ['x'], grad_output: [f64(1, 1)] }, { output: BOTH, grad: { x: f64(1, 1) } }, /grad_output: has 1 entries, but the op has 2 outputs/],
    ['a grad_output that is null for every output', { grad: ['x'], grad_output: [null, null] }, { output: BOTH, grad: { x: f64(1, 1) } }, /grad_output: is null for every output/],
    ['one grad_output tensor for two outputs', { grad: ['x'], grad_output: f64(1, 1) }, { output: BOTH, grad: { x: f64(1, 1) } }, /grad_output: is one tensor, but the op has 2 outputs/],
  ])('refuses %s', (_, request, expected, message) => {
    expect(validation(golden(request, expected as AnyExpectedJson))).toMatch(message);
  });

  it('the schema made with the op allows an output list and a grad_output of one entry per output', () => {
    const schema = goldenSchema(OPS);
    const ok = file([golden({ grad: ['x'], grad_output: [null, f64(1, 1)] }, { output: BOTH, grad: { x: f64(3, -4) } })]);
    expect(validateAgainstSchema(JSON.parse(JSON.stringify(ok)), schema)).toEqual([]);
    const short = file([golden({ grad: ['x'], grad_output: [f64(1, 1)] }, { output: BOTH, grad: { x: f64(3, -4) } })]);
    expect(validateAgainstSchema(JSON.parse(JSON.stringify(short)), schema)).not.toEqual([]);
  });

  it('the schema allows one grad_output tensor for an op whose call can return one output (singleOutput)', () => {
    const single = file([golden({ kwargs: { sum_only: true }, grad: ['x'], grad_output: f64(1, 1) as never }, { output: BOTH[0]!, grad: { x: f64(1, 1) } } as AnyExpectedJson)]);
    expect(validateAgainstSchema(JSON.parse(JSON.stringify(single)), goldenSchema(OPS))).toEqual([]);
  });
});

describe('comparing several outputs (compare.ts)', () => {
  const c = golden({}, { output: BOTH });

  it('passes when every output matches, and names the output that departs', () => {
    expect(compareResponse(c, { id: c.id, output: BOTH }, { bitwise: true }, TWO_OUTPUTS).status).toBe('pass');
    const verdict = compareResponse(c, { id: c.id, output: [BOTH[0], f64(3, -7)] }, { bitwise: false }, TWO_OUTPUTS);
    expect(verdict.status).toBe('fail');
    if (verdict.status !== 'fail') return;
    expect(verdict.failure.kind).toBe('value');
    expect(verdict.failure.element?.field).toBe('output.product');
    expect(verdict.failure.message).toMatch(/^output\.product\[1\]: got -7 .*expected -8/);
    // Without the op the outputs are named by position.
    const anonymous = compareResponse(c, { id: c.id, output: [f64(4, 2), BOTH[1]] }, { bitwise: false });
    expect(anonymous.status === 'fail' && anonymous.failure.message).toMatch(/^output\[0\]\[1\]: got 2/);
  });

  it('fails a port that returns one tensor, or fewer tensors, where Paddle returned several', () => {
    for (const output of [BOTH[0], [BOTH[0]]]) {
      const verdict = compareResponse(c, { id: c.id, output }, { bitwise: false }, TWO_OUTPUTS);
      expect(verdict.status === 'fail' && verdict.failure).toMatchObject({ kind: 'outcome', message: expect.stringMatching(/^expected a list of 2 tensors \(output\.sum, output\.product\) but the port returned/) });
    }
  });
});

describe('the reference bridge, the reports and the golden writer on several outputs', () => {
  it('the reference answers a list, and a gradient through either output', () => {
    const ask = (r: Partial<AnyRequestJson>) => TWO_OUTPUTS.reference({ id: 'r', api: API, inputs: { x: X, y: Y }, ...r } as never);
    const both = ask({});
    expect((both.output as unknown as TensorJson[]).map((t) => valuesOf(decodeTensor(t)))).toEqual([[4, -2], [3, -8]]);
    // Through the product only, with upstream [1, 2]: d/dx = g·y = [3, -8].
    const product = ask({ grad: ['x'], grad_output: [null, f64(1, 2)] } as never);
    expect(valuesOf(decodeTensor(product.grad!.x!))).toEqual([3, -8]);
    // Through the sum only: d/dx = g = [5, 6].
    expect(valuesOf(decodeTensor(ask({ grad: ['x'], grad_output: [f64(5, 6), null] } as never).grad!.x!))).toEqual([5, 6]);
    // Absent: ones through both: 1 + y.
    expect(valuesOf(decodeTensor(ask({ grad: ['x'] }).grad!.x!))).toEqual([4, -3]);
  });

  it('the terminal, JSON and JUnit reports and the page name the departing output', async () => {
    const cases = [{ golden: golden({}, { output: BOTH }), file: 'fixture', provenance: file([]).provenance }];
    const port = { name: 'off', handle: async (r: { id: string }) => ({ id: r.id, output: [BOTH[0], f64(3, -7)] }) as never, close: async () => {} };
    const run = await runSuite({ cases, port });
    const rerun = () => 'rerun';
    expect(formatRun(run, rerun)).toContain('output.product[1] (flat index 1)');
    expect(formatJsonReport(run, rerun)).toContain('"field": "output.product"');
    expect(formatJunitReport(run, rerun)).toContain('output.product[1]: got -7');
    expect(resultText({ output: BOTH })).toEqual(['output[0]: float64[2] = [4, -2]', 'output[1]: float64[2] = [3, -8]']);
  });

  it('the golden writer keeps the list, each tensor canonical', () => {
    const b64 = { dtype: 'float64', shape: [1], b64: 'AAAAAAAA8D8=' };
    expect(expectedFromResponse({ id: 'r', output: [b64, b64] as never })).toEqual({ output: [f64(1), f64(1)] });
  });
});

describe("the fuzzer's requests for an op with several outputs (fuzz/generators.ts)", () => {
  it('give a grad_output of one entry per output, each of its output\'s shape, through a non-empty subset', async () => {
    const fc = await import('fast-check');
    const { requestArbitrary } = await import('./fuzz/generators.js');
    const requests = fc.sample(requestArbitrary(TWO_OUTPUTS, { maxNumel: 16 }), { numRuns: 300, seed: 1 }) as AnyRequestJson[];
    const upstreams = requests.flatMap((r) => (r.grad_output === undefined ? [] : [[r.grad_output, r.kwargs?.sum_only === true] as const]));
    expect(upstreams.length).toBeGreaterThan(0);
    const through = new Set<string>();
    for (const [g, sumOnly] of upstreams) {
      // With sum_only the call returns one tensor, and its upstream gradient is one tensor.
      if (sumOnly) {
        expect(Array.isArray(g)).toBe(false);
        continue;
      }
      expect(Array.isArray(g) && g.length).toBe(2);
      const entries = g as Array<TensorJson | null>;
      expect(entries.some((t) => t !== null)).toBe(true);
      through.add(entries.map((t) => (t === null ? '-' : 'g')).join(''));
    }
    expect([...through].sort()).toEqual(['-g', 'g-', 'gg']);
  });
});
