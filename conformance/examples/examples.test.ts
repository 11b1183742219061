/**
 * The two example ports were written for the first version of the protocol,
 * when it knew one op (inputs {input, label}, grad ["input"]). Unchanged,
 * they must still work against today's hinge_embedding_loss goldens: every
 * case answered (no crash, timeout or garbage), and every spec case they
 * answer passes (they skip gradients and odd dtypes by design).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { openPort } from '../ports/index.js';
import { selectCases } from '../query.js';
import { runSuite, type CaseResult } from '../runner.js';

const HINGE = selectCases(loadGoldens([bundledGoldenDir()]), { apis: ['hinge_embedding_loss'] });
const hasPython = spawnSync('python3', ['--version']).status === 0;

function summary(results: CaseResult[]): { portErrors: string[]; specFailures: string[]; passed: number } {
  return {
    portErrors: results.filter((r) => r.status === 'crash' || r.status === 'timeout' || r.status === 'garbage').map((r) => r.id),
    specFailures: results.filter((r) => r.level === 'spec' && r.status === 'fail').map((r) => r.id),
    passed: results.filter((r) => r.status === 'pass').length,
  };
}

describe('the one-op example ports still work on hinge_embedding_loss', () => {
  it('port_example.mjs, in process', async () => {
    const port = await openPort({ module: 'conformance/examples/port_example.mjs', timeoutMs: 10_000 });
    try {
      const s = summary((await runSuite({ cases: HINGE, port })).results);
      expect(s.portErrors).toEqual([]);
      expect(s.specFailures).toEqual([]);
      // 218 of 468 pass: the forward cases it implements (it skips gradients and non-float dtypes).
      expect(s.passed).toBeGreaterThanOrEqual(218);
    } finally {
      await port.close();
    }
  });

  it.skipIf(!hasPython)('port_example.py, over stdin/stdout', async () => {
    const port = await openPort({ cmd: 'python3 conformance/examples/port_example.py', timeoutMs: 10_000 });
    try {
      const s = summary((await runSuite({ cases: HINGE, port })).results);
      expect(s.portErrors).toEqual([]);
      expect(s.specFailures).toEqual([]);
      expect(s.passed).toBeGreaterThanOrEqual(216);
    } finally {
      await port.close();
    }
  }, 60_000);
});
