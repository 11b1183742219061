/**
 * The reference's fast path (reference/hinge_embedding_loss_fast.ts) as a port against every
 * hinge_embedding_loss golden case from real Paddle, in bitwise mode: fast.ts writes the maths a
 * second time, so it is judged against Paddle itself, not only against the
 * literal path. Element-wise results and gradients must match Paddle's bytes;
 * mean and sum lie within the summation bound (compare.ts), since the fast
 * path adds in its own order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from '../../golden.js';
import { selectCases } from '../../query.js';
import { formatCase } from '../../report_terminal.js';
import { runSuite, type RunResult } from '../../runner.js';
import { hingeEmbeddingLoss } from './descriptor.js';
import { referenceFastPort } from './fast_path.js';

const cases = selectCases(loadGoldens([bundledGoldenDir()]), { apis: [hingeEmbeddingLoss.family] });
// The CLI cannot select this port yet, so the re-run command is this file, filtered to the case.
const rerun = (id: string): string => `npx vitest run conformance/ops/hinge_embedding_loss/fast_goldens.test.ts -t '${id}'`;

/** Ids of the cases whose result the fast kernels computed. */
const fast = new Set<string>();
let run: RunResult;

beforeAll(async () => {
  run = await runSuite({ cases, port: referenceFastPort((id) => fast.add(id)), bitwise: true });
});

describe('the fast path on the golden cases', () => {
  it('runs in bitwise mode and reaches every case', () => {
    expect(run.options.bitwise).toBe(true);
    expect(run.results.map((r) => r.id)).toEqual(cases.map((c) => c.golden.id));
  });

  // 377 of the 468 goldens of Paddle 3.3.1 are same-shape float32/float64
  // calls that return a result; a port that fell back to the literal path
  // everywhere would report 0 here.
  it('the fast kernels computed at least 377 of the cases', () => {
    expect(fast.size).toBeGreaterThanOrEqual(377);
  });

  it.each(cases.map((c) => [c.golden.id] as const))('%s', (id) => {
    const result = run.results.find((r) => r.id === id)!;
    expect(result.status, formatCase(result, rerun)).toBe('pass');
  });
});
