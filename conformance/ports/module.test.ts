/**
 * In-process module ports and openPort: loading JS and TS modules, and how
 * a handler's exceptions, garbage and hangs become per-case failures.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PortFailure, PortUnavailable, type Port, type PortRequest } from '../port.js';
import { openPort } from './index.js';
import { inProcessPort, openModulePort } from './module.js';
import { decodeTensor, valuesOf } from '../wire.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

function request(id: string, reduction = 'none'): PortRequest {
  const input = { dtype: 'float32', shape: [3], data: [1, -2, 0.5] };
  const label = { dtype: 'float32', shape: [3], data: [1, -1, -1] };
  return { id, api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input, label }, kwargs: { reduction } };
}

async function rejection(port: Port, id: string): Promise<unknown> {
  return port.handle(request(id)).then(() => undefined, (e: unknown) => e);
}

async function unavailable(open: () => Promise<unknown>): Promise<PortUnavailable> {
  const e = await open().then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(PortUnavailable);
  return e as PortUnavailable;
}

describe('a TypeScript module port (loaded through tsx)', () => {
  const open = (): Promise<Port> => openModulePort({ path: here('./fixtures/module_port.ts'), timeoutMs: 500 });

  it('answers synchronously and asynchronously', async () => {
    const port = await open();
    expect(await port.handle(request('sync'))).toMatchObject({ id: 'sync', output: { data: [1, -2, 0.5] } });
    expect(await port.handle(request('async'))).toMatchObject({ id: 'async' });
    await port.close();
  });

  it('turns an exception into a crash of that case only, with the stack', async () => {
    const port = await open();
    const e = (await rejection(port, 'throw')) as PortFailure;
    expect(e).toBeInstanceOf(PortFailure);
    expect(e.kind).toBe('crash');
    expect(e.message).toBe('handle() threw for case throw: RangeError: index out of range in my kernel');
    expect(e.detail).toContain('module_port.ts');
    expect((await port.handle(request('after'))).id).toBe('after');
  });

  it('turns a non-response into garbage, quoting it', async () => {
    const e = (await rejection(await open(), 'garbage')) as PortFailure;
    expect(e.kind).toBe('garbage');
    expect(e.message).toContain('a JSON string, not a JSON object');
    expect(e.detail).toBe(JSON.stringify('"not a response"'));
  });

  it('times out a promise that never settles', async () => {
    const e = (await rejection(await open(), 'hang')) as PortFailure;
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('handle() did not settle for case hang within 500 ms');
  });
});

describe('a module that cannot be a port', () => {
  it('reports a missing file', async () => {
    const e = await unavailable(() => openModulePort({ path: './no/such/port.mjs', timeoutMs: 500 }));
    expect(e.message).toContain('does not exist');
  });

  it('reports a module without handle()', async () => {
    const e = await unavailable(() => openModulePort({ path: here('./fixtures/no_handle.mjs'), timeoutMs: 500 }));
    expect(e.message).toContain('exports no handle(request) function');
  });

  it('reports a module that throws while loading', async () => {
    const e = await unavailable(() => openModulePort({ path: here('./fixtures/broken_module.mjs'), timeoutMs: 500 }));
    expect(e.message).toContain('my port needs a GPU');
  });
});

describe('a module that would end the runner', () => {
  // process.exit() in handle() ended the run with exit 0, no output and no reports: a false pass.
  it('calling process.exit() in handle() fails that case as a crash, the next case runs, and close() gives process.exit back', async () => {
    const exit = process.exit;
    const port = await openModulePort({ path: here('./fixtures/exit_module.mjs'), timeoutMs: 500 });
    const e = (await rejection(port, 'exit')) as PortFailure;
    expect(e).toBeInstanceOf(PortFailure);
    expect(e.kind).toBe('crash');
    expect(e.message).toBe('handle() threw for case exit: ModuleExit: the port module called process.exit(), which would end the run; an in-process port cannot end the process (throw, or answer {"error": ...}, instead)');
    expect((await port.handle(request('after'))).id).toBe('after');
    await port.close();
    expect(process.exit).toBe(exit);
  });

  it('calling process.exit(3) while loading makes the module unavailable, saying so', async () => {
    const exit = process.exit;
    const e = await unavailable(() => openModulePort({ path: here('./fixtures/exit_at_load.mjs'), timeoutMs: 500 }));
    expect(e.message).toContain('the port module called process.exit(3), which would end the run');
    expect(process.exit).toBe(exit);
  });

  it('a top-level await that never settles makes the module unavailable at the load limit (Node exited with code 13 and no word)', async () => {
    const e = await unavailable(() => openModulePort({ path: here('./fixtures/await_forever.mjs'), timeoutMs: 500, loadTimeoutMs: 300 }));
    expect(e.message).toContain('failed to load: Error: it did not finish loading within 300 ms (a top-level await that never settles?)');
  });
});

describe('inProcessPort', () => {
  it('validates what a handler answers, like a process port', async () => {
    const port = inProcessPort('wrong-id', { handle: (r) => ({ id: `${r.id}-x`, skip: 'n/a' }) }, 500);
    const e = (await rejection(port, 'c1')) as PortFailure;
    expect(e.kind).toBe('garbage');
    expect(e.message).toContain('answered with id "c1-x", expected "c1"');
  });
});

describe('openPort', () => {
  it('opens the reference by default', async () => {
    const port = await openPort({ timeoutMs: 500 });
    expect(port.name).toBe('reference');
    const answer = await port.handle(request('doc', 'sum'));
    expect(answer.output).toMatchObject({ dtype: 'float32', shape: [] });
  });

  it('opens the example JS module port, resolving the path against cwd', async () => {
    const port = await openPort({ module: 'conformance/examples/port_example.mjs', cwd: here('../..'), timeoutMs: 500 });
    const answer = await port.handle(request('ex'));
    expect(answer).toMatchObject({ id: 'ex', output: { dtype: 'float32', shape: [3] } });
    // input [1, -2, 0.5], label [1, -1, -1], margin 1.
    expect(valuesOf(decodeTensor(answer.output))).toEqual([1, 3, 0.5]);
  });

  it('refuses two ports at once', async () => {
    const e = await unavailable(() => openPort({ module: 'a.mjs', cmd: 'b', timeoutMs: 500 }));
    expect(e.message).toContain('at most one');
  });
});
