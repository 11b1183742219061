/**
 * The bundled Ivy port (ivy_port.py: Ivy's Paddle frontend on its numpy
 * backend) and its expectations file. The adapter's own tests run when the
 * Ivy venv is there and are skipped, saying why, when it is not; the file's
 * shape and the `--port ivy` choice are checked everywhere. The whole strict run
 * over every golden is .ci/run's (too long for npm test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExpectations, unmatchedExpectations } from '../expectations.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { opForFamily, opTable } from '../ops/index.js';
import { ensureIvyPython, findIvyPython, ivyAbsentReason, PINNED_IVY, PythonEnvError } from '../python_env.js';
import { packageFile, parseBuiltinPort, PortChoiceError } from './index.js';

const EXPECTATIONS = 'conformance/examples/ivy_expectations.json';

describe('the Ivy expectations file', () => {
  it('loads, every entry names a golden case (none is stale) and gives a reason', () => {
    const entries = loadExpectations(packageFile(EXPECTATIONS));
    const ids = new Set(loadGoldens([bundledGoldenDir()]).map((c) => c.golden.id));
    // Which cases Ivy fails is proven by the strict whole run below (when the venv is there); here every
    // entry must belong to a registered op, so an op's removal or rename leaves no entry behind.
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(opForFamily(e.id.split('/')[0]!), e.id).toBeDefined();
    expect(unmatchedExpectations(entries, [...ids])).toEqual([]);
    for (const e of entries) expect(e.reason).toMatch(/Ivy|numpy/);
  });
});

describe('--port ivy', () => {
  it('names the bundled Ivy port, with or without a release', () => {
    expect(parseBuiltinPort('ivy')).toEqual({ builtin: 'ivy' });
    expect(parseBuiltinPort('ivy@1.0.0.4')).toEqual({ builtin: 'ivy', version: '1.0.0.4' });
  });

  it('refuses a version that is not a release, with the pinned one as the example', () => {
    expect(() => parseBuiltinPort('ivy@latest')).toThrow(PortChoiceError);
    expect(() => parseBuiltinPort('ivy@latest')).toThrow(`use e.g. --port ivy@${PINNED_IVY}`);
  });

  it('without its venv and without installing, says what is missing and how to make it', async () => {
    const env = { ...process.env, PADDLE_CONFORMANCE_CACHE: mkdtempSync(join(tmpdir(), 'ivy-env-')), IVY_PYTHON: '' };
    const failure = await ensureIvyPython(PINNED_IVY, { install: false, env }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PythonEnvError);
    expect((failure as PythonEnvError).kind).toBe('not-installed');
    expect((failure as Error).message).toContain(`ivy ${PINNED_IVY} is not installed: no venv at ${join(env.PADDLE_CONFORMANCE_CACHE, `ivy-${PINNED_IVY}`)}`);
    expect((failure as Error).message).toContain('npm run conformance -- run --port ivy');
  });
});

const ivy = findIvyPython();
const skipped = ivy ? '' : ` (SKIPPED: ${ivyAbsentReason()}, or set IVY_PYTHON)`;

/** The Ivy port's responses to request lines, started with the registry's op table (in `cwd`, if given). */
function askIvy(requests: readonly Record<string, unknown>[], cwd?: string): Record<string, unknown>[] {
  const r = spawnSync(ivy!, [packageFile('conformance/ports/ivy_port.py'), '--ops', JSON.stringify(opTable())], {
    input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n', encoding: 'utf8', cwd,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

// The documentation page's example (PROTOCOL.md's worked example): Paddle 3.3.1 answers these bits.
const DOC_INPUTS = {
  input: { dtype: 'float32', shape: [3, 3], data: [1, -2, 3, 0, -1, 2, 1, 0, 1] },
  label: { dtype: 'float32', shape: [3, 3], data: [-1, 1, -1, 1, 1, 1, 1, -1, 1] },
};
const HINGE = 'paddle.nn.functional.hinge_embedding_loss';

describe.skipIf(!ivy)(`the Ivy port${skipped}`, () => {
  it('answers a value request with what Ivy computed, in the input dtype and Paddle\'s shapes', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ivy-cwd-'));
    const [none, mean] = askIvy([
      { id: 'none', api: HINGE, inputs: DOC_INPUTS, kwargs: { margin: 1.0, reduction: 'none' } },
      { id: 'mean', api: HINGE, inputs: DOC_INPUTS, kwargs: { reduction: 'mean' } },
    ], cwd);
    expect(readdirSync(cwd), "Ivy's ivy_logs.txt belongs in the port's scratch directory, not the caller's").toEqual([]);
    // [0, -2, 0, 0, -1, 2, 1, 1, 1]
    expect(none).toEqual({ id: 'none', output: { dtype: 'float32', shape: [3, 3], b64: 'AAAAAAAAAMAAAAAAAAAAAAAAgL8AAABAAACAPwAAgD8AAIA/' } });
    // 0x3e638e39, the float32 nearest 2/9; a 0-D result stays 0-D
    expect(mean).toEqual({ id: 'mean', output: { dtype: 'float32', shape: [], b64: 'OY5jPg==' } });
  });

  it('refuses a gradient request with a skip that says the numpy backend has no autograd', () => {
    const [answer] = askIvy([{ id: 'g', api: HINGE, inputs: DOC_INPUTS, grad: ['input'] }]);
    expect(answer!.id).toBe('g');
    expect(answer!.skip).toMatch(/numpy backend has no autograd/);
    expect(answer).not.toHaveProperty('output');
  });

  it.each([
    ['a layer form', 'paddle.nn.HingeEmbeddingLoss', { init: {} }],
    ['an op the frontend lacks', 'paddle.nn.functional.soft_margin_loss', { kwargs: {} }],
  ])('skips %s, naming the API it lacks', (_, api, args) => {
    const [answer] = askIvy([{ id: 's', api, inputs: DOC_INPUTS, ...args }]);
    expect(answer).toEqual({ id: 's', skip: `Ivy's Paddle frontend has no ${api} (ivy.functional.frontends.${api} does not exist)` });
  });

  it('answers Ivy\'s errors with the builtin type a caller catches and Ivy\'s own class and message', () => {
    const [bad, broadcast, name] = askIvy([
      { id: 'r', api: HINGE, inputs: DOC_INPUTS, kwargs: { reduction: 'reduce_mean' } },
      {
        id: 'b', api: 'paddle.nn.functional.margin_ranking_loss', inputs: {
          input: { dtype: 'float32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
          other: { dtype: 'float32', shape: [3, 2], data: [1, 2, 3, 4, 5, 6] },
          label: { dtype: 'float32', shape: [2, 3], data: [1, -1, 1, -1, 1, -1] },
        },
      },
      { id: 'n', api: HINGE, inputs: DOC_INPUTS, kwargs: { name: 'loss' } },
    ]);
    expect(bad!.error).toEqual({ type: 'ValueError', message: "'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received reduce_mean." });
    const error = broadcast!.error as { type: string; message: string };
    expect(error.type).toBe('ValueError');
    expect(error.message).toMatch(/^IvyValueError: numpy: subtract: operands could not be broadcast together with shapes \(2,3\) \(3,2\)/);
    expect(name!.error).toEqual({ type: 'TypeError', message: "hinge_embedding_loss() got an unexpected keyword argument 'name'" });
  });
});
