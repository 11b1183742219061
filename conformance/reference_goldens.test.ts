/**
 * The reference against every golden case from real Paddle, one test per
 * case, judged by the same comparison policy as any port (compare.ts):
 * element-wise results bit for bit (NaN == NaN), mean and sum within the
 * summation bound, errors by exception type.
 */
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from './golden.js';
import { referencePort } from './ports/reference.js';
import { formatCase } from './report_terminal.js';
import { runCase } from './runner.js';

const cases = loadGoldens([bundledGoldenDir()]);
const port = referencePort();
const rerun = (id: string): string => `npx paddle-conformance run --filter '${id}'`;

describe('the reference on the golden cases', () => {
  it('there are golden cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.golden.id, c] as const))('%s', async (_id, c) => {
    const result = await runCase(c, port, false, 30_000);
    expect(result.status, formatCase(result, rerun)).toBe('pass');
  });
});
