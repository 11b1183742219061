/**
 * The bundled Python ports on a few golden cases, when their Python is
 * there: real Paddle must pass the documentation page's example, and so must
 * PyTorch. Without the venv the tests are skipped, and the skip names why.
 */
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { findPaddlePython, findTorchPython, paddleAbsentReason } from '../python_env.js';
import { runSuite } from '../runner.js';
import { openPort, type BuiltinPort } from './index.js';

const docExample = (): ReturnType<typeof loadGoldens> =>
  loadGoldens([bundledGoldenDir()]).filter((c) => c.golden.group === 'doc_example');

async function runDocExample(builtin: BuiltinPort): Promise<string[]> {
  const cases = docExample();
  expect(cases.length).toBeGreaterThan(0);
  const port = await openPort({ builtin, timeoutMs: 60_000 });
  try {
    const result = await runSuite({ cases, port, timeoutMs: 60_000 });
    return result.results.map((r) => `${r.id}: ${r.status}`);
  } finally {
    await port.close();
  }
}

const paddle = findPaddlePython();
describe.skipIf(!paddle)(`the Paddle port${paddle ? '' : ` (SKIPPED: ${paddleAbsentReason()})`}`, () => {
  it('passes the documentation example', async () => {
    const statuses = await runDocExample('paddle');
    expect(statuses.every((s) => s.endsWith(': pass')), statuses.join('\n')).toBe(true);
  }, 180_000);
});

const torch = findTorchPython();
describe.skipIf(!torch)(`the PyTorch port${torch ? '' : ' (SKIPPED: no PyTorch venv; `npm run conformance -- run --port torch` creates it, or set TORCH_PYTHON)'}`, () => {
  it('passes the documentation example', async () => {
    const statuses = await runDocExample('torch');
    expect(statuses.every((s) => s.endsWith(': pass')), statuses.join('\n')).toBe(true);
  }, 180_000);
});
