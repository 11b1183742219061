/**
 * In-process ports: a JavaScript or TypeScript module loaded into the
 * runner, exporting `handle(request) => response | Promise<response>` with
 * the JSON shapes of the protocol (PROTOCOL.md, "In-process modules").
 *
 * Running in the runner's own thread makes these the fastest ports, at a
 * price: a synchronous infinite loop cannot be interrupted. Untrusted code
 * belongs in a process port. What can be caught is: a handler that calls
 * process.exit() (exit_guard.ts), and a module whose loading never ends (a
 * top-level await that never settles, which left Node to exit with code 13
 * and no word).
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResponseJson } from '../case.js';
import { PortFailure, PortUnavailable, type Port, type PortRequest } from '../port.js';
import { guardExit } from './exit_guard.js';
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

/** How long a module may take to load (its top-level code and awaits) when the per-case limit is shorter. */
export const MODULE_LOAD_MS = 60_000;

/** Where a module port comes from and how patient to be with it. */
export interface ModulePortOptions {
  /** The module's path, resolved against `cwd`. */
  path: string;
  /** How long one call of handle() may take. */
  timeoutMs: number;
  /** Where a relative path is resolved (the runner's working directory by default). */
  cwd?: string;
  /** How long loading may take (default: MODULE_LOAD_MS or timeoutMs, whichever is longer). */
  loadTimeoutMs?: number;
}

/** Loads a module port from a file, failing with PortUnavailable when it cannot be loaded or exports no `handle`. */
export async function openModulePort(options: ModulePortOptions): Promise<Port> {
  const file = resolve(options.cwd ?? process.cwd(), options.path);
  if (!existsSync(file)) throw new PortUnavailable(options.path, `the port module ${file} does not exist`);
  const release = guardExit();
  try {
    const loaded = await load(file, options.path, options.loadTimeoutMs ?? Math.max(MODULE_LOAD_MS, options.timeoutMs));
    return inProcessPort(options.path, portModuleOf(loaded, options.path), options.timeoutMs, release);
  } catch (e) {
    release();
    throw e;
  }
}

async function load(file: string, name: string, limitMs: number): Promise<Record<string, unknown>> {
  try {
    return await withinLoadLimit(importModule(file), limitMs);
  } catch (e) {
    throw new PortUnavailable(name, `the port module ${file} failed to load: ${(e as Error)?.stack ?? String(e)}`);
  }
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.includes(extname(file))) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/**
 * The loaded module, or an error when loading cannot end: at once when Node
 * runs out of work while the import waits (a top-level await of something
 * nothing pending will settle; Node would exit with code 13), else after
 * `limitMs` (a top-level await that waits on a timer forever).
 */
function withinLoadLimit<T>(loading: Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onIdle: (() => void) | undefined;
  const stuck = new Promise<never>((_, reject) => {
    onIdle = () => reject(new Error('its top-level code awaits a promise that nothing will ever settle (Node ran out of work while it waited)'));
    process.once('beforeExit', onIdle);
    // Unref'd, so an idle event loop still reaches beforeExit above.
    timer = setTimeout(() => reject(new Error(`it did not finish loading within ${limitMs} ms (a top-level await that never settles?)`)), limitMs).unref();
  });
  return Promise.race([loading, stuck]).finally(() => {
    clearTimeout(timer);
    process.off('beforeExit', onIdle!);
  });
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
 * `onClose` runs when the port is closed (openModulePort lifts its exit guard there).
 */
export function inProcessPort(name: string, module: PortModule, timeoutMs: number, onClose?: () => void): Port {
  return {
    name,
    handle: async (request) => checkAnswer(await callHandler(module, request, timeoutMs), request.id),
    close: async () => {
      try {
        await module.close?.();
      } finally {
        onClose?.();
      }
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
