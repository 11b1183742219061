/**
 * The process port against fake ports (fixtures/fake_port.mjs) that crash,
 * hang, answer garbage or never start. Every test must end: a hung runner is
 * the failure this guards against. No assertion depends on timing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResponseJson } from '../case.js';
import { PortFailure, PortUnavailable, type Port, type PortRequest } from '../port.js';
import { loadGoldens } from '../golden.js';
import { runSuite } from '../runner.js';
import { openProcessPort, type ProcessPortOptions } from './process.js';

const FAKE = fileURLToPath(new URL('./fixtures/fake_port.mjs', import.meta.url));

function request(id: string): PortRequest {
  const input = { dtype: 'float32', shape: [2], data: [1, -2] };
  const label = { dtype: 'float32', shape: [2], data: [1, -1] };
  return { id, api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input, label }, kwargs: { reduction: 'none' } };
}

function fake(mode: string, targets = '', options: Partial<ProcessPortOptions> = {}): Promise<Port> {
  return openProcessPort({ argv: [process.execPath, FAKE, mode, targets], timeoutMs: 10_000, ...options });
}

/** The answer, or the PortFailure / PortUnavailable it was rejected with. */
async function outcome(port: Port, id: string): Promise<ResponseJson | Error> {
  try {
    return await port.handle(request(id));
  } catch (e) {
    return e as Error;
  }
}

function failure(value: ResponseJson | Error): PortFailure {
  expect(value).toBeInstanceOf(PortFailure);
  return value as PortFailure;
}

/** Runs three cases, the middle one targeted, and checks the last still gets a correct answer. */
async function middleCaseFails(mode: string, options: Partial<ProcessPortOptions> = {}): Promise<PortFailure> {
  const port = await fake(mode, 'c2', options);
  try {
    expect(await outcome(port, 'c1')).toMatchObject({ id: 'c1', output: { data: [1, -2] } });
    const second = failure(await outcome(port, 'c2'));
    expect(await outcome(port, 'c3')).toMatchObject({ id: 'c3', output: { data: [1, -2] } });
    return second;
  } finally {
    await port.close();
  }
}

async function expectUnavailable(run: () => Promise<unknown>): Promise<PortUnavailable> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PortUnavailable);
  return error as PortUnavailable;
}

describe('a process port that behaves', () => {
  it('answers every request in order and exits when stdin closes', async () => {
    const port = await fake('echo');
    const answers = [await port.handle(request('a')), await port.handle(request('b'))];
    expect(answers.map((a) => a.id)).toEqual(['a', 'b']);
    await port.close();
  });

  it('serves concurrent calls one at a time', async () => {
    const port = await fake('echo');
    const answers = await Promise.all(['x', 'y', 'z'].map((id) => port.handle(request(id))));
    expect(answers.map((a) => a.id)).toEqual(['x', 'y', 'z']);
    await port.close();
  });

  it('runs a shell command line with quoting', async () => {
    const port = await openProcessPort({ command: `"${process.execPath}" '${FAKE}' echo`, timeoutMs: 10_000 });
    expect(port.name).toContain('fake_port.mjs');
    expect((await port.handle(request('q'))).id).toBe('q');
    await port.close();
  });
});

describe('a process port that crashes', () => {
  it('fails the case with the exit code and stderr, then restarts for the next case', async () => {
    const f = await middleCaseFails('crash');
    expect(f.kind).toBe('crash');
    expect(f.message).toContain('exited with code 7 while handling case c2');
    expect(f.detail).toContain('fake port: crash on c2');
  });

  it('names the signal that killed it', async () => {
    const f = await middleCaseFails('signal');
    expect(f.kind).toBe('crash');
    expect(f.message).toContain('SIGKILL');
  });

  it('gives up after the configured number of crashes in a row', async () => {
    const port = await fake('crash', 'c2,c3,c4,c5', { maxConsecutiveFailures: 3 });
    expect((await port.handle(request('c1'))).id).toBe('c1');
    for (const id of ['c2', 'c3', 'c4']) expect(failure(await outcome(port, id)).kind).toBe('crash');
    const gaveUp = await expectUnavailable(() => port.handle(request('c5')));
    expect(gaveUp.message).toContain('gave up after 3 crashes or timeouts in a row');
    await port.close();
  });

  it('is declared unavailable when it never answers anything', async () => {
    const port = await fake('crash', '*');
    const first = await outcome(port, 'c1');
    expect(first).toBeInstanceOf(Error);
    const second = await expectUnavailable(() => port.handle(request('c2')));
    expect(second.message).toContain('never answered a request');
    await port.close();
  });
});

describe('a process port that hangs', () => {
  it('times the case out, kills the process and restarts it for the next case', async () => {
    const f = await middleCaseFails('hang', { timeoutMs: 1000 });
    expect(f.kind).toBe('timeout');
    expect(f.message).toContain('did not answer case c2 within 1000 ms');
    expect(f.detail).toContain('fake port: hang on c2');
  });

  it('is killed by close() when it ignores the end of stdin', async () => {
    const port = await fake('ignore-eof', '', { closeGraceMs: 200 });
    expect((await port.handle(request('a'))).id).toBe('a');
    await port.close();
  });
});

describe('a process port that answers garbage', () => {
  it('quotes a line that is not JSON', async () => {
    const f = await middleCaseFails('garbage');
    expect(f.kind).toBe('garbage');
    expect(f.message).toContain('not JSON');
    expect(f.detail).toBe('"this is not json"');
  });

  it('rejects JSON that is not an object', async () => {
    const f = await middleCaseFails('not-object');
    expect(f.message).toContain('a JSON array, not a JSON object');
    expect(f.detail).toBe('"[1,2,3]"');
  });

  it('rejects a wrong id', async () => {
    const f = await middleCaseFails('wrong-id');
    expect(f.kind).toBe('garbage');
    expect(f.message).toContain('answered with id "someone-else", expected "c2"');
  });

  it('rejects an answer with none of output, error or skip', async () => {
    const f = await middleCaseFails('missing-field');
    expect(f.message).toContain('exactly one of "output", "error" or "skip", but gave none of them');
    expect(f.detail).toBe(JSON.stringify('{"id":"c2"}'));
  });

  it('rejects a malformed tensor with its JSON path', async () => {
    const f = await middleCaseFails('bad-tensor');
    expect(f.message).toContain('$.output');
  });

  it('drops the late answer that follows a stray debug line', async () => {
    const f = await middleCaseFails('chatty');
    expect(f.detail).toBe('"debug: computing the loss"');
  });

  it('fails the next case when a line arrives for no request', async () => {
    const port = await fake('twice', 'c1');
    expect((await port.handle(request('c1'))).id).toBe('c1');
    // The duplicate either arrives between requests or while c2 waits; both are garbage for c2.
    const f = failure(await outcome(port, 'c2'));
    expect(f.kind).toBe('garbage');
    expect(f.detail).toContain('\\"id\\":\\"c1\\"');
    expect((await port.handle(request('c3'))).id).toBe('c3');
    await port.close();
  });

  it('blames a startup banner on the first case', async () => {
    const port = await fake('banner');
    expect(failure(await outcome(port, 'c1')).detail).toBe('"fake port ready"');
    expect((await port.handle(request('c2'))).id).toBe('c2');
    await port.close();
  });

  it('cuts very long lines when quoting them', async () => {
    const { quote } = await import('./response.js');
    const q = quote('x'.repeat(10_000));
    expect(q.length).toBeLessThan(400);
    expect(q).toContain('10000 characters in all');
  });
});

describe('a process port that cannot start', () => {
  it('reports a program that does not exist', async () => {
    const e = await expectUnavailable(() => openProcessPort({ argv: ['/nonexistent/port-binary'], timeoutMs: 1000 }));
    expect(e.message).toContain('ENOENT');
    expect(e.message).toContain('/nonexistent/port-binary');
  });

  it('reports a shell command that is not found, with the shell stderr', async () => {
    const e = await expectUnavailable(async () => {
      const port = await openProcessPort({ command: 'no-such-port-command-xyz --serve', timeoutMs: 5000 });
      await port.handle(request('c1'));
    });
    expect(e.message).toContain('no-such-port-command-xyz --serve');
    expect(e.stderr).toContain('not found');
  });

  it('reports a port that exits at startup, with its stderr', async () => {
    const e = await expectUnavailable(() => fake('exit-at-start', '', { startupGraceMs: 10_000 }));
    expect(e.message).toContain('exited at startup (exited with code 3)');
    expect(e.stderr).toContain('cannot load my model');
  });

  it('reports a port that exits at startup even when the startup check is too short to see it', async () => {
    const port = await fake('exit-at-start', '', { startupGraceMs: 0 });
    await outcome(port, 'c1');
    const e = await expectUnavailable(() => port.handle(request('c2')));
    expect(e.stderr).toContain('cannot load my model');
    await port.close();
  });
});

describe('a process port with a startup allowance, under the runner', () => {
  // The bundled Python ports allow 60 s for importing Paddle on the first case; the runner's
  // own last-resort guard (limit + 2 s) must not cut that allowance short.
  it('a first answer inside the startup allowance is judged, not timed out', async () => {
    const cases = loadGoldens(['conformance/fixtures/golden']).slice(0, 1);
    const port = await fake('slow', '*', { timeoutMs: 50, startupMs: 60_000 });
    try {
      const run = await runSuite({ cases, port, timeoutMs: 50 });
      // The fake answers with its input, which is not the loss: a judged answer fails on its values.
      expect(run.results.map((r) => r.status)).toEqual(['fail']);
    } finally {
      await port.close();
    }
  });
});

/** A port written inline: `script` runs with `answer(request)` and `send(value)` defined, and `requests` counting lines read. */
function inline(script: string, options: Partial<ProcessPortOptions> = {}): Promise<Port> {
  const prelude = `
    const { createInterface } = require('node:readline');
    const send = (value) => process.stdout.write(JSON.stringify(value) + '\\n');
    const answer = (request) => send({ id: request.id, output: request.inputs.input });
    let requests = 0;
    const onRequest = (handler) => createInterface({ input: process.stdin }).on('line', (line) => handler(JSON.parse(line), ++requests));
  `;
  return openProcessPort({ argv: [process.execPath, '-e', `${prelude}\n${script}`], timeoutMs: 20_000, ...options });
}

describe('a process port that closes its streams while running', () => {
  it('closing stdout during a case is reported at once as "stdout closed", not as a timeout, and the port restarts', async () => {
    const port = await inline(`onRequest((r, n) => { if (r.id === 'c2') { require('node:fs').closeSync(1); setInterval(() => {}, 1000); } else answer(r); });`);
    try {
      expect((await port.handle(request('c1'))).id).toBe('c1');
      const f = failure(await outcome(port, 'c2'));
      expect(f.kind).toBe('crash');
      expect(f.message).toContain('stdout closed: the port closed its stdout while still running, during case c2');
      expect((await port.handle(request('c3'))).id).toBe('c3');
    } finally {
      await port.close();
    }
  });

  it('closing stdout between cases fails the next case as "stdout closed"', async () => {
    const port = await inline(`onRequest((r) => { answer(r); if (r.id === 'c1') { require('node:fs').closeSync(1); setInterval(() => {}, 1000); } });`);
    try {
      expect((await port.handle(request('c1'))).id).toBe('c1');
      // Usually noticed before c2 is sent; on a slow machine while c2 waits. Either way c2 fails at once.
      await new Promise((done) => setTimeout(done, 1000));
      const f = failure(await outcome(port, 'c2'));
      expect(f.message).toMatch(/^stdout closed: the port closed its stdout while still running, (before|during) case c2/);
      expect((await port.handle(request('c3'))).id).toBe('c3');
    } finally {
      await port.close();
    }
  });

  it('closing stdin is reported as "stdin closed" at the next request, not as a timeout', async () => {
    // Closed before answering, so the next request meets a closed pipe (EPIPE) rather than a pipe buffer nobody reads.
    const port = await inline(`onRequest((r) => { process.stdin.destroy(); require('node:fs').closeSync(0); answer(r); setInterval(() => {}, 1000); });`);
    try {
      expect((await port.handle(request('c1'))).id).toBe('c1');
      const f = failure(await outcome(port, 'c2'));
      expect(f.message).toContain('stdin closed: the port closed its stdin while still running, during case c2');
      expect((await port.handle(request('c3'))).id).toBe('c3');
    } finally {
      await port.close();
    }
  });
});

describe('the stderr a failure quotes', () => {
  it('is the current start\'s, not every start\'s since the run began', async () => {
    const port = await fake('crash', 'c2,c3');
    try {
      expect((await port.handle(request('c1'))).id).toBe('c1');
      expect(failure(await outcome(port, 'c2')).detail).toContain('fake port: crash on c2');
      const third = failure(await outcome(port, 'c3'));
      expect(third.detail).toContain('fake port: crash on c3');
      expect(third.detail).not.toContain('crash on c2');
    } finally {
      await port.close();
    }
  });

  it('is capped: a 500 KB line is cut to 500 characters, with a note of how much was cut', async () => {
    const port = await inline(`onRequest((r) => { process.stderr.write('E'.repeat(500000) + '\\n', () => process.exit(9)); });`);
    try {
      const f = failure(await outcome(port, 'c1'));
      expect(f.detail).toBe(`${'E'.repeat(500)} … 499500 characters cut`);
    } finally {
      await port.close();
    }
  });
});

describe('a bare NaN or Infinity in a response line', () => {
  it('is garbage with a hint: Python\'s json.dumps writes those tokens; write the string or use b64', async () => {
    const port = await inline(`onRequest((r) => process.stdout.write('{"id": "' + r.id + '", "output": {"dtype": "float32", "shape": [1], "data": [NaN]}}\\n'));`);
    try {
      const f = failure(await outcome(port, 'c1'));
      expect(f.kind).toBe('garbage');
      expect(f.message).toContain('the bare token NaN is not JSON: Python\'s json.dumps writes it, so write the string "NaN" or use "b64"');
    } finally {
      await port.close();
    }
  });

  it('names -Infinity as written, and says nothing about a "NaN" string or other bad JSON', async () => {
    const { nonFiniteHint } = await import('./response.js');
    expect(nonFiniteHint('{"data": [1, -Infinity]}')).toContain('the bare token -Infinity is not JSON');
    expect(nonFiniteHint('{"data": ["NaN"], "x": }')).toBe('');
    expect(nonFiniteHint('{"message": "got NaN here", "x": }')).toBe('');
    expect(nonFiniteHint('{"data": [NaNx]}')).toBe('');
  });
});

describe('what a process port is sent', () => {
  it('keeps -0 in inline tensor data (JSON.stringify would write 0, and the port would compute with +0)', async () => {
    // The port answers the raw line it read as its skip reason, so the test sees the bytes on the wire.
    const port = await inline(`createInterface({ input: process.stdin }).on('line', (line) => send({ id: JSON.parse(line).id, skip: line }));`);
    try {
      const r: PortRequest = { id: 'z', api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input: { dtype: 'float32', shape: [2], data: [-0, 1] }, label: { dtype: 'float32', shape: [2], data: [1, 1] } } };
      const answer = await port.handle(r);
      expect(answer.skip).toContain('"data":[-0.0,1]');
    } finally {
      await port.close();
    }
  });
});

/** A file a fake port writes a pid to (FAKE_PID_FILE), and a way to read it. */
function pidFile(): { env: NodeJS.ProcessEnv; pid: () => number } {
  const file = join(mkdtempSync(join(tmpdir(), 'fake-port-')), 'pid');
  return { env: { ...process.env, FAKE_PID_FILE: file }, pid: () => Number(readFileSync(file, 'utf8')) };
}

/** Whether a process still runs (a zombie waiting for a reaper has stopped running). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

describe('a port that leaves processes behind (each used to hang the runner after its summary, or orphan them)', () => {
  it('a child left holding the pipes when the port exits is killed, and close() returns', async () => {
    const file = pidFile();
    const port = await fake('leave-child', '', { env: file.env, closeGraceMs: 300 });
    expect((await port.handle(request('a'))).id).toBe('a');
    await port.close();
    expect(running(file.pid())).toBe(false);
  });

  it('a child in a session of its own (setsid), out of the process group and ignoring SIGTERM, is killed too', async () => {
    const file = pidFile();
    const port = await fake('leave-setsid-child', '', { env: file.env, closeGraceMs: 300 });
    expect((await port.handle(request('a'))).id).toBe('a');
    await port.close();
    expect(running(file.pid())).toBe(false);
  });

  it('a port run through the shell that ignores SIGTERM and the end of its input is killed: the shell dying on SIGTERM does not end the escalation', async () => {
    const file = pidFile();
    const port = await openProcessPort({ command: `"${process.execPath}" '${FAKE}' ignore-term`, timeoutMs: 10_000, env: file.env, closeGraceMs: 300 });
    expect((await port.handle(request('a'))).id).toBe('a');
    await port.close();
    expect(running(file.pid())).toBe(false);
  });

  it('an interrupted close fails the request in flight and stops the port at once, not at the case\'s timeout', async () => {
    const port = await fake('hang', 'b', { timeoutMs: 600_000, closeGraceMs: 300 });
    expect((await port.handle(request('a'))).id).toBe('a');
    const inFlight = outcome(port, 'b');
    await port.close({ interrupted: true });
    // Sent, or still queued when close() came: either way it fails at once.
    expect(failure(await inFlight).message).toMatch(/^the run was interrupted (during|before) case b$/);
  });
});

describe('a port run through the shell, without exec', () => {
  it('closing stdout is reported at once as "stdout closed" (the shell no longer holds the pipe, so it is not a timeout)', async () => {
    const port = await openProcessPort({ command: `"${process.execPath}" '${FAKE}' close-stdout c2`, timeoutMs: 30_000 });
    try {
      expect((await port.handle(request('c1'))).id).toBe('c1');
      const f = failure(await outcome(port, 'c2'));
      expect(f.kind).toBe('crash');
      expect(f.message).toContain('stdout closed: the port closed its stdout while still running, during case c2');
      expect((await port.handle(request('c3'))).id).toBe('c3');
    } finally {
      await port.close();
    }
  });

  it('a command killed by a signal is named by it, through the shell\'s exit code', async () => {
    const port = await openProcessPort({ command: `"${process.execPath}" '${FAKE}' signal c1`, timeoutMs: 30_000 });
    try {
      expect(failure(await outcome(port, 'c1')).message).toContain('exited with code 137, the shell\'s status for a command killed by SIGKILL');
    } finally {
      await port.close();
    }
  });

  it('a cd before the command and a quoted argument still work', async () => {
    const port = await openProcessPort({ command: `cd / && "${process.execPath}" '${FAKE}' echo # a trailing comment`, timeoutMs: 30_000 });
    try {
      expect((await port.handle(request('q'))).id).toBe('q');
    } finally {
      await port.close();
    }
  });
});

describe('a stdout line over the 16 MiB limit for one response', () => {
  it('fails its case as garbage, quoting its start, and the next case is answered', async () => {
    const f = await middleCaseFails('long-line');
    expect(f.kind).toBe('garbage');
    expect(f.message).toBe('port wrote a stdout line longer than 16777216 bytes (16 MiB, the limit for one response); the rest of it is dropped, for case c2');
    expect(f.detail).toBe(`${JSON.stringify('x'.repeat(300))}... (its first 300 characters)`);
  });

  it('fails its case at once when the line never ends, not at the timeout', async () => {
    const port = await fake('endless-line', 'c1', { timeoutMs: 600_000, closeGraceMs: 300 });
    try {
      const f = failure(await outcome(port, 'c1'));
      expect(f.kind).toBe('garbage');
      expect(f.message).toContain('longer than 16777216 bytes');
    } finally {
      await port.close();
    }
  });
});
