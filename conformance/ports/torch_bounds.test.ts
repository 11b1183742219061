/**
 * PyTorch against every golden, when its venv is there: the bundled PyTorch
 * port must sit inside each op's bounds wherever Paddle's documentation and
 * PyTorch agree. Every case it fails is listed, with its reason, in
 * conformance/examples/torch_expectations.json, and every value it gets
 * wrong lies in a `paddle` case citing the rule it departs from: a derived
 * bound that PyTorch's correct arithmetic fell outside of would show here as
 * a value failure in a spec case, or as an unlisted failure.
 */
import { describe, expect, it } from 'vitest';
import { loadExpectations } from '../expectations.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { opForFamily } from '../ops/index.js';
import { findTorchPython } from '../python_env.js';
import { runSuite, type CaseResult } from '../runner.js';
import { openPort, packageFile } from './index.js';

const torch = findTorchPython();
const skipped = ' (SKIPPED: no PyTorch venv; `npm run conformance -- --port torch` creates it, or set TORCH_PYTHON)';

describe.skipIf(!torch)(`the PyTorch port on every golden${torch ? '' : skipped}`, () => {
  let results: CaseResult[] = [];

  it('fails only the cases its expectations file lists, and passes every case it does not', async () => {
    const cases = loadGoldens([bundledGoldenDir()]);
    const expectations = loadExpectations(packageFile('conformance/examples/torch_expectations.json'));
    const port = await openPort({ builtin: 'torch', timeoutMs: 120_000 });
    try {
      const run = await runSuite({ cases, port, expectations, strict: true, timeoutMs: 120_000 });
      results = run.results;
      expect(run.staleExpectations.map((e) => e.id), 'expectations for cases that no longer exist').toEqual([]);
    } finally {
      await port.close();
    }
    // An op without a PyTorch counterpart (sigmoid_focal_loss) is skipped by the port, each spec case named in the file.
    const unmapped = (id: string): boolean => !opForFamily(id.split('/')[0]!)?.torch;
    const unexpected = results.filter((r) => r.status !== 'pass' && r.status !== 'expected-fail' && !(r.status === 'skip' && unmapped(r.id)));
    expect(unexpected.map((r) => `${r.id}: ${r.status} ${r.failure?.message ?? r.portFailure?.message ?? ''}`)).toEqual([]);
  }, 600_000);

  it('gets values outside the bounds only in paddle cases that cite a rule (or fuzz regressions, which cite none)', () => {
    const regression = (id: string): boolean => id.split('/')[1] === 'regressions';
    const outside = results.filter(
      (r) => r.status === 'expected-fail' && r.failure?.kind === 'value' && (r.level === 'spec' || (!r.rules?.length && !regression(r.id))),
    );
    expect(outside.map((r) => `${r.id}: ${r.failure!.message}`)).toEqual([]);
  });
});
