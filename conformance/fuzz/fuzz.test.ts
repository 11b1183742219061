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
import { bitsAt, decodeTensor, shapeSize, type TensorJson } from '../wire.js';
import { disagreement, fuzzOp } from './fuzz.js';
import type { Oracle } from './oracle.js';
import type { RequestJson } from '../case.js';

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

describe('bitwise fuzzing against Paddle on a machine of another class', () => {
  const COSINE = opForFamily('cosine_embedding_loss')!;
  // What the CI fuzz step (seed 1) met on an Intel Xeon with AVX-512: Paddle 3.3.1 there gives NaN 0x7fc00000,
  // the reference (and Paddle on the AMD EPYC the goldens come from) 0xffc00000.
  const request: RequestJson = {
    api: 'paddle.nn.functional.cosine_embedding_loss',
    inputs: {
      input1: { dtype: 'float32', shape: [2], data: ['Infinity', 'NaN'] },
      input2: { dtype: 'float32', shape: [2], data: [0, 0] },
      label: { dtype: 'float32', shape: [1], data: [1] },
    },
    kwargs: {},
  };
  const scalar = (bits: number): TensorJson => ({ dtype: 'float32', shape: [], b64: Buffer.from(new Uint32Array([bits]).buffer).toString('base64') });
  const oracle = (output: TensorJson, absSum: number | string): Oracle => ({ name: 'paddle@3.3.1 (Intel)', expected: async () => ({ output, reduction_basis: { count: 1, abs_sum: absSum } }), close: async () => {} });

  it("does not report the CPU's NaN as a disagreement where the op declares its results CPU-dependent", async () => {
    expect(COSINE.cpuDependent?.applies(request)).toBe(true);
    expect(await disagreement({ port: referencePort(), op: COSINE, bitwise: true, foreignMachine: 'x86-64-intel-avx512' }, oracle(scalar(0x7fc00000), 'NaN'), request)).toBeUndefined();
  });

  it("still compares them bit for bit against the goldens' own class, whose bits the reference reproduces", async () => {
    expect(await disagreement({ port: referencePort(), op: COSINE, bitwise: true }, oracle(scalar(0x7fc00000), 'NaN'), request)).toMatch(/output/);
  });

  it('still judges those results by value: a number where Paddle gave NaN is a disagreement', async () => {
    expect(await disagreement({ port: referencePort(), op: COSINE, bitwise: true, foreignMachine: 'x86-64-intel-avx512' }, oracle(scalar(0x3f000000), 0.5), request)).toMatch(/output/);
  });

  it('still compares bit for bit where the op declares nothing CPU-dependent (the other NaN is a disagreement)', async () => {
    const hinge: RequestJson = { api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input: { dtype: 'float32', shape: [1], data: ['NaN'] }, label: { dtype: 'float32', shape: [1], data: [1] } }, kwargs: {} };
    expect(HINGE.cpuDependent).toBeUndefined();
    const reference = await referencePort().handle({ id: 'x', ...hinge }) as { output: TensorJson };
    const bits = Number(bitsAt(decodeTensor(reference.output), 0));
    expect(await disagreement({ port: referencePort(), op: HINGE, bitwise: true, foreignMachine: 'x86-64-intel-avx512' }, oracle(scalar((bits ^ 0x80000000) >>> 0), 'NaN'), hinge)).toMatch(/output/);
    expect(await disagreement({ port: referencePort(), op: HINGE, bitwise: true }, oracle(scalar(bits), 'NaN'), hinge)).toBeUndefined();
  });
});
