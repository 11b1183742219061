/**
 * PyTorch against every golden, when its venv is there: the bundled PyTorch
 * port must sit inside each op's bounds wherever Paddle's documentation and
 * PyTorch agree. Every case it fails is listed, with its reason, in
 * conformance/examples/torch_expectations.json (torch_2.11.0_expectations.json
 * for 2.11.0, which has torchaudio's rnnt_loss), and every value it gets
 * wrong lies in a `paddle` case citing the rule it departs from: a derived
 * bound that PyTorch's correct arithmetic fell outside of would show here as
 * a value failure in a spec case, or as an unlisted failure.
 */
import { describe, expect, it } from 'vitest';
import { expectationMatcher, loadExpectations } from '../expectations.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { opForFamily } from '../ops/index.js';
import { findTorchPython, PINNED_TORCH } from '../python_env.js';
import { runSuite, type CaseResult } from '../runner.js';
import { openPort, packageFile } from './index.js';

/** Each PyTorch release the README reports, with its expectations file: the pinned one, and 2.11.0, the last with a torchaudio (rnnt_loss). */
const RELEASES: ReadonlyArray<readonly [version: string, file: string]> = [
  [PINNED_TORCH, 'conformance/examples/torch_expectations.json'],
  ['2.11.0', 'conformance/examples/torch_2.11.0_expectations.json'],
];

/**
 * The releases this run checks, each a full PyTorch run over every golden: those TORCH_BOUNDS_RELEASES
 * names (CI's own stage names both, in .ci/run). npm test names none, to stay within its time; it checks
 * the port on the documentation example and fixture ops (python_ports.test.ts).
 */
const CHECKED = process.env.TORCH_BOUNDS_RELEASES?.split(',').filter((v) => v !== '') ?? [];

describe.each(RELEASES)('PyTorch %s', (version, file) => {
  const checked = CHECKED.includes(version);
  // TORCH_PYTHON names one python, of one version: it stands for the pinned release only.
  const torch = checked && (version === PINNED_TORCH || !process.env.TORCH_PYTHON) ? findTorchPython(version) : undefined;
  const skipped = !checked
    ? ` (SKIPPED: a full PyTorch run, left out of npm test; \`TORCH_BOUNDS_RELEASES=${version} npx vitest run conformance/ports/torch_bounds.test.ts\` runs it, as CI does)`
    : ` (SKIPPED: no PyTorch ${version} venv; \`npm run conformance -- run --port torch@${version}\` creates it${version === PINNED_TORCH ? ', or set TORCH_PYTHON' : ''})`;

  describe.skipIf(!torch)(`the PyTorch port on every golden${torch ? '' : skipped}`, () => {
    let results: CaseResult[] = [];

    it(`fails only the cases ${file} lists, and passes every case it does not`, async () => {
      const cases = loadGoldens([bundledGoldenDir()]);
      const expectations = loadExpectations(packageFile(file));
      const port = await openPort({ builtin: 'torch', version, timeoutMs: 120_000 });
      try {
        const run = await runSuite({ cases, port, expectations, strict: true, timeoutMs: 120_000 });
        results = run.results;
        expect(run.staleExpectations.map((e) => e.id), 'expectations for cases that no longer exist').toEqual([]);
      } finally {
        await port.close();
      }
      // An op without a PyTorch counterpart (sigmoid_focal_loss) is skipped by the port, each spec case named in the file;
      // so is one whose counterpart's package this venv lacks (rnnt_loss without torchaudio), each case named in the file.
      const unmapped = (id: string): boolean => !opForFamily(id.split('/')[0]!)?.torch;
      const named = expectationMatcher(expectations);
      const unexpected = results.filter((r) => r.status !== 'pass' && r.status !== 'expected-fail' && !(r.status === 'skip' && (unmapped(r.id) || named(r.id))));
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
});
