/**
 * The runner (runner.ts): it never loses results. A port that throws, hangs,
 * answers garbage or the wrong id fails that case and the run goes on; a port
 * that becomes unusable stops the run with exit code 2 and the results so far.
 */
import { describe, expect, it } from 'vitest';
import { loadGoldens } from './golden.js';
import { PortFailure, PortUnavailable, type Port, type PortRequest } from './port.js';
import { referencePort } from './ports/reference.js';
import { runSuite } from './runner.js';

const cases = loadGoldens(['conformance/fixtures/golden']);
const MEAN = 'hinge_embedding_loss/fixture/reduction=mean';

/** The reference, except for the mean case, which `misbehave` answers. */
function portWith(misbehave: (r: PortRequest) => Promise<unknown>): Port {
  const reference = referencePort();
  return { name: 'test', handle: async (r) => (r.id === MEAN ? ((await misbehave(r)) as never) : reference.handle(r)), close: async () => {} };
}

async function resultOf(misbehave: (r: PortRequest) => Promise<unknown>, timeoutMs?: number) {
  const run = await runSuite({ cases, port: portWith(misbehave), timeoutMs });
  return { run, mean: run.results.find((r) => r.id === MEAN)! };
}

describe('the reference port on the fixture', () => {
  it('passes every case; spec-conformant, 5/5 Paddle-compatible, exit 0', async () => {
    const run = await runSuite({ cases, port: referencePort() });
    expect(run.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(run.specConformant).toBe(true);
    expect(run.paddleCompatible).toEqual({ passed: 5, total: 5 });
    expect(run.totals.level.spec.total).toBe(3);
    expect(run.totals.group['hinge_embedding_loss/fixture']?.pass).toBe(5);
    expect(run.apis.hinge_embedding_loss).toEqual({ totals: run.totals.all, specConformant: true, paddleCompatible: { passed: 5, total: 5 } });
    expect(run.exitCode).toBe(0);
  });

  it('reports progress after every case', async () => {
    const seen: string[] = [];
    await runSuite({ cases, port: referencePort(), onProgress: (done, total, r) => seen.push(`${done}/${total} ${r.status}`) });
    expect(seen).toEqual(['1/5 pass', '2/5 pass', '3/5 pass', '4/5 pass', '5/5 pass']);
  });
});

describe('port failures mark the case and the run goes on', () => {
  it('a PortFailure crash is status crash, with the detail quoted', async () => {
    const { run, mean } = await resultOf(async () => { throw new PortFailure('crash', 'the port exited with code 1', 'Traceback: boom'); });
    expect(mean).toMatchObject({ status: 'crash', portFailure: { kind: 'crash', message: 'the port exited with code 1', detail: 'Traceback: boom' } });
    expect(run.results.filter((r) => r.status === 'pass')).toHaveLength(4);
    expect(run.exitCode).toBe(1);
  });

  it('any other exception from an in-process port is a crash naming it', async () => {
    const { mean } = await resultOf(async () => { throw new RangeError('index out of range'); });
    expect(mean.status).toBe('crash');
    expect(mean.portFailure?.message).toBe('the port threw RangeError: index out of range');
  });

  it('a port that never answers times out (the runner\'s guard is the limit plus 2 s of grace)', async () => {
    const { mean, run } = await resultOf(() => new Promise(() => {}), 10);
    expect(mean.status).toBe('timeout');
    expect(run.results).toHaveLength(5);
  });

  it('a PortFailure garbage is status garbage', async () => {
    const { mean } = await resultOf(async () => { throw new PortFailure('garbage', 'not JSON', 'hello'); });
    expect(mean).toMatchObject({ status: 'garbage', portFailure: { detail: 'hello' } });
  });

  it('a response with the wrong id is garbage quoting both ids', async () => {
    const { mean } = await resultOf(async () => ({ id: 'other', output: { dtype: 'float32', shape: [], data: [0.2222222238779068] } }));
    expect(mean.status).toBe('garbage');
    expect(mean.portFailure?.message).toBe(`port answered with id "other", expected "${MEAN}"`);
  });

  it('a response without an id is garbage', async () => {
    const { mean } = await resultOf(async () => ({ output: { dtype: 'float32', shape: [], data: [0.2222222238779068] } }));
    expect(mean.status).toBe('garbage');
  });

  it('a response missing its result is garbage, as from any port, quoting it', async () => {
    const { mean } = await resultOf(async (r) => ({ id: r.id }));
    expect(mean.status).toBe('garbage');
    expect(mean.portFailure?.message).toBe('port must answer exactly one of "output", "error" or "skip", but gave none of them');
    expect(mean.portFailure?.detail).toBe(`{"id":"${MEAN}"}`);
  });

  it('a wrong dtype fails on dtype', async () => {
    const { mean } = await resultOf(async (r) => ({ id: r.id, output: { dtype: 'float64', shape: [], data: [0.2222222238779068] } }));
    expect(mean.failure?.kind).toBe('dtype');
  });

  it('a skip is status skip: not a pass, not a failure', async () => {
    const { mean, run } = await resultOf(async (r) => ({ id: r.id, skip: 'not today' }));
    expect(mean).toMatchObject({ status: 'skip', skipReason: 'not today' });
    expect(run.exitCode).toBe(0);
    expect(run.specConformant).toBe(false);
    expect(run.paddleCompatible).toEqual({ passed: 4, total: 5 });
  });

  it('a port that becomes unusable stops the run with exit 2, keeping the results before it', async () => {
    const { run } = await resultOf(async () => { throw new PortUnavailable('cmd', 'kept crashing'); });
    expect(run.exitCode).toBe(2);
    expect(run.aborted).toBe('kept crashing');
    expect(run.results.map((r) => r.status)).toEqual(['pass', 'pass']);
  });

  it('a stopped run names the cases it never ran and counts them as not passing', async () => {
    const { run } = await resultOf(async () => { throw new PortUnavailable('cmd', 'kept crashing'); });
    expect(run.notRun.map((c) => c.id)).toEqual([MEAN, 'hinge_embedding_loss/fixture/reduction=none', 'hinge_embedding_loss/fixture/reduction=reduce_mean']);
    expect(run.paddleCompatible).toEqual({ passed: 2, total: 5 });
    expect(run.specConformant).toBe(false);
  });

  it('a run stopped before any spec case ran is not spec-conformant (it is not "no spec case selected")', async () => {
    const port: Port = { name: 'dead', handle: async () => { throw new PortUnavailable('cmd', 'cannot run'); }, close: async () => {} };
    const run = await runSuite({ cases, port });
    expect(run.results).toEqual([]);
    expect(run.notRun).toHaveLength(5);
    expect(run.specConformant).toBe(false);
    expect(run.paddleCompatible).toEqual({ passed: 0, total: 5 });
  });

  it('a finished run has no cases not run', async () => {
    const run = await runSuite({ cases, port: referencePort() });
    expect(run.notRun).toEqual([]);
  });
});

describe('an interrupted run (Ctrl-C) keeps what it has', () => {
  it('stops at once when its signal aborts: the case in flight and the rest are not run, the results before it kept, exit 2', async () => {
    const controller = new AbortController();
    const port = portWith(() => {
      controller.abort('SIGINT');
      return new Promise(() => {});
    });
    const run = await runSuite({ cases, port, signal: controller.signal });
    expect(run.results.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(run.notRun.map((c) => c.id)).toEqual([MEAN, 'hinge_embedding_loss/fixture/reduction=none', 'hinge_embedding_loss/fixture/reduction=reduce_mean']);
    expect(run.aborted).toBe('the run was interrupted (SIGINT)');
    expect(run.exitCode).toBe(2);
  });

  it('runs nothing when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const asked: string[] = [];
    const port: Port = { name: 'p', handle: async (r) => { asked.push(r.id); return referencePort().handle(r); }, close: async () => {} };
    const run = await runSuite({ cases, port, signal: controller.signal });
    expect(asked).toEqual([]);
    expect(run.notRun).toHaveLength(5);
    expect(run.aborted).toBe('the run was interrupted (SIGTERM)');
  });
});

describe('what a result keeps of the port\'s own text is bounded', () => {
  // Six 40 MB messages took the runner to 4 GB and wrote 500 MB of JSON and JUnit; six of 50 MB lost every report.
  it('a 10 MB skip reason is kept to its first 4096 characters, saying how many were cut', async () => {
    const { mean } = await resultOf(async (r) => ({ id: r.id, skip: 's'.repeat(10_000_000) }));
    expect(mean.status).toBe('skip');
    expect(mean.skipReason).toBe(`${'s'.repeat(4096)} … ${10_000_000 - 4096} characters cut`);
  });

  it('a 10 MB error message where Paddle returned a result fails the case, with the message cut in the failure and the response kept', async () => {
    const { mean } = await resultOf(async (r) => ({ id: r.id, error: { type: 'ValueError', message: 'm'.repeat(10_000_000) } }));
    expect(mean.status).toBe('fail');
    expect(mean.failure?.message.length).toBeLessThan(4200);
    expect(mean.failure?.actualError?.message).toBe(`${'m'.repeat(4096)} … ${10_000_000 - 4096} characters cut`);
    expect(mean.response?.error?.message).toBe(mean.failure?.actualError?.message);
  });
});

describe('bitwise mode reaches the comparison', () => {
  it('a -0 where Paddle gave +0 passes in value mode and fails in bitwise mode', async () => {
    const none = cases.filter((c) => c.golden.id === 'hinge_embedding_loss/fixture/reduction=none');
    const port: Port = { name: 'negzero', handle: async (r) => ({ id: r.id, output: { dtype: 'float32', shape: [3, 3], data: [-0, -2, 0, 0, -1, 2, 1, 1, 1] } }), close: async () => {} };
    expect((await runSuite({ cases: none, port })).exitCode).toBe(0);
    expect((await runSuite({ cases: none, port, bitwise: true })).results[0]?.failure?.element?.actualBits).toBe('0x80000000');
  });
});
