/**
 * The differential runner: the reference against itself disagrees nowhere; a
 * broken port is found and shrunk to a small request; the seed and path
 * replay it; a port that crashes is a finding too.
 */
import { describe, expect, it } from 'vitest';
import { MUTANTS, variantPort } from '../mutants/catalog.js';
import { OPS, opForFamily } from '../ops/index.js';
import { PortFailure, type Port } from '../port.js';
import { referencePort } from '../ports/reference.js';
import { shapeSize } from '../wire.js';
import { fuzzOp } from './fuzz.js';

const HINGE = opForFamily('hinge_embedding_loss')!;
const GT_ZERO = MUTANTS.find((m) => m.id === 'labels-tested-with-gt-0')!;

describe('the reference against itself', () => {
  it.each(OPS.map((op) => [op.family, op] as const))('%s: no disagreement in 300 requests', async (_family, op) => {
    const result = await fuzzOp({ op, port: referencePort(), oracle: 'reference', seed: 42, runs: 300, maxNumel: 64 });
    expect(result.found).toBeUndefined();
    expect(result.cases).toBe(300);
  });
});

describe('a broken port (labels tested with > 0)', () => {
  it('is found within 200 requests and shrunk to a request of at most one element per tensor', async () => {
    const result = await fuzzOp({ op: HINGE, port: variantPort(GT_ZERO), oracle: 'reference', seed: 7, runs: 200, maxNumel: 64 });
    expect(result.found).toBeDefined();
    const found = result.found!;
    for (const t of Object.values(found.request.inputs)) expect(shapeSize(t.shape)).toBeLessThanOrEqual(1);
    expect(found.failure).toMatch(/output/);
    expect(found.casesToFirst).toBeLessThanOrEqual(200);
  });

  it('the seed and path replay the shrunk request in one run', async () => {
    const first = await fuzzOp({ op: HINGE, port: variantPort(GT_ZERO), oracle: 'reference', seed: 7, runs: 200, maxNumel: 64 });
    const replay = await fuzzOp({ op: HINGE, port: variantPort(GT_ZERO), oracle: 'reference', seed: 7, runs: 1, maxNumel: 64, path: first.found!.path });
    expect(replay.found?.request).toEqual(first.found!.request);
    expect(replay.found?.failure).toBe(first.found!.failure);
  });
});

describe('a port that fails to answer', () => {
  it('a crash is a finding, with the port\'s message', async () => {
    const crashing: Port = { name: 'crashing', handle: async () => { throw new PortFailure('crash', 'exited with code 139'); }, close: async () => {} };
    const result = await fuzzOp({ op: HINGE, port: crashing, oracle: 'reference', seed: 1, runs: 10, maxNumel: 8 });
    expect(result.found?.failure).toBe('the port crashed: exited with code 139');
    expect(result.found?.casesToFirst).toBe(1);
  });

  it('an oracle that throws is a finding that names the oracle, counted as the first disagreement', async () => {
    const oracle = { name: 'broken-oracle', expected: async () => { throw new RangeError('no answer'); }, close: async () => {} };
    const result = await fuzzOp({ op: HINGE, port: referencePort(), oracle, seed: 1, runs: 10, maxNumel: 8 });
    expect(result.found?.failure).toBe('the oracle (broken-oracle) failed on this request: RangeError: no answer');
    expect(result.found?.casesToFirst).toBe(1);
  });
});
