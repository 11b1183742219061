/**
 * In-process ports: a JavaScript or TypeScript module loaded into the
 * runner, exporting `handle(request) => response | Promise<response>` with
 * the JSON shapes of the protocol (PROTOCOL.md, "In-process modules").
 *
 * Running in the runner's own thread makes these the fastest ports, at a
 * price: a synchronous infinite loop cannot be interrupted. Untrusted code
 * belongs in a process port.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResponseJson } from '../case.js';
import { PortFailure, PortUnavailable, type Port, type PortRequest } from '../port.js';
import { checkResponse, quote } from './response.js';

/** What an in-process port provides: a request handler and, optionally, a way to release resources. */
export interface PortModule {
  /** Answers one request, with the protocol's JSON shapes. */
  handle(request: PortRequest): ResponseJson | Promise<ResponseJson>;
  /** Called once when the run ends. */
  close?(): void | Promise<void>;
}

/** Extensions loaded through tsx rather than Node's own loader. */
const TYPESCRIPT = ['.ts', '.mts', '.cts', '.tsx'];

/** Loads a module port from a file, failing with PortUnavailable when it cannot be loaded or exports no `handle`. */
export async function openModulePort(options: { path: string; timeoutMs: number; cwd?: string }): Promise<Port> {
  const file = resolve(options.cwd ?? process.cwd(), options.path);
  if (!existsSync(file)) throw new PortUnavailable(options.path, `the port module ${file} does not exist`);
  const loaded = await load(file, options.path);
  return inProcessPort(options.path, portModuleOf(loaded, options.path), options.timeoutMs);
}

async function load(file: string, name: string): Promise<Record<string, unknown>> {
  try {
    if (TYPESCRIPT.includes(extname(file))) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new PortUnavailable(name, `the port module ${file} failed to load: ${(e as Error)?.stack ?? String(e)}`);
  }
}

/** Finds the handler: a named `handle` export, a default-exported function, or a default export with `handle`. */
function portModuleOf(mod: Record<string, unknown>, name: string): PortModule {
  const candidates = [mod, mod.default as Record<string, unknown> | undefined];
  for (const c of candidates) {
    if (c && typeof c.handle === 'function') {
      const close = typeof c.close === 'function' ? () => (c.close as () => unknown)() as void : undefined;
      return { handle: (r) => (c.handle as PortModule['handle'])(r), close };
    }
  }
  if (typeof mod.default === 'function') return { handle: mod.default as PortModule['handle'] };
  throw new PortUnavailable(name, `the port module ${name} exports no handle(request) function; ` +
    'export one, e.g. `export function handle(request) { return { id: request.id, output: ... } }` (see conformance/PROTOCOL.md)');
}

/**
 * Wraps a handler as a Port: a thrown exception fails that case as a crash,
 * a slow promise fails it as a timeout, and a malformed answer as garbage.
 */
export function inProcessPort(name: string, module: PortModule, timeoutMs: number): Port {
  return {
    name,
    handle: async (request) => checkAnswer(await callHandler(module, request, timeoutMs), request.id),
    close: async () => {
      await module.close?.();
    },
  };
}

async function callHandler(module: PortModule, request: PortRequest, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PortFailure('timeout', `handle() did not settle for case ${request.id} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => module.handle(request)), timeout]);
  } catch (e) {
    if (e instanceof PortFailure) throw e;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : `the non-Error value ${quote(String(e))}`;
    throw new PortFailure('crash', `handle() threw for case ${request.id}: ${what}`, e instanceof Error ? e.stack ?? '' : '');
  } finally {
    clearTimeout(timer);
  }
}

function checkAnswer(value: unknown, id: string): ResponseJson {
  try {
    return checkResponse(value, id);
  } catch (e) {
    if (!(e instanceof PortFailure)) throw e;
    let text: string;
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
    throw new PortFailure('garbage', e.message, quote(text));
  }
}
