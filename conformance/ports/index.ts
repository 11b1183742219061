/**
 * Opening a port from what the user asked for: the bundled reference, real
 * Paddle, PyTorch or Ivy's Paddle frontend, a module loaded in process, or any
 * command speaking the protocol (PROTOCOL.md).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { opTable } from '../ops/index.js';
import { PortUnavailable, type Port } from '../port.js';
import { ensureIvyPython, ensurePaddlePython, ensureTorchPython, PINNED_IVY, PINNED_PADDLE, PINNED_TORCH, PythonEnvError } from '../python_env.js';
import { openModulePort } from './module.js';
import { openProcessPort } from './process.js';
import { referencePort } from './reference.js';

export { inProcessPort, openModulePort, type PortModule } from './module.js';
export { openProcessPort, type ProcessPortOptions } from './process.js';
export { referencePort } from './reference.js';

/** The ports that ship with the suite. */
export const BUILTIN_PORTS = ['reference', 'paddle', 'torch', 'ivy'] as const;

/** A port that ships with the suite. */
export type BuiltinPort = (typeof BUILTIN_PORTS)[number];

/** What to open: at most one of `module`, `cmd` or `builtin`; none means the reference. */
export interface PortSpec {
  /** A JS/TS module exporting `handle(request)`, loaded in process. */
  module?: string;
  /** A command line speaking the protocol over stdin/stdout. */
  cmd?: string;
  /** A bundled port. */
  builtin?: BuiltinPort;
  /** For the bundled Python ports, the library version to run (the pinned one when absent). */
  version?: string;
  /** For the bundled reference, the Paddle release it reproduces (the newest when absent). */
  release?: string;
  /** Per-case time limit. */
  timeoutMs: number;
  /** Where relative module paths and commands are resolved. */
  cwd?: string;
}

/** Python ports import their library before the first answer: allow this long for it on each (re)start. */
const PYTHON_STARTUP_MS = 60_000;

/** Opens the port a spec names; throws PortUnavailable when it cannot be run. */
export async function openPort(spec: PortSpec): Promise<Port> {
  const given = [spec.module, spec.cmd, spec.builtin].filter((v) => v !== undefined);
  if (given.length > 1) throw new PortUnavailable(given.join(' and '), 'give at most one of --port and --port-cmd');
  if (spec.module !== undefined) return openModulePort({ path: spec.module, timeoutMs: spec.timeoutMs, cwd: spec.cwd });
  if (spec.cmd !== undefined) return openProcessPort({ command: spec.cmd, timeoutMs: spec.timeoutMs, cwd: spec.cwd });
  switch (spec.builtin ?? 'reference') {
    case 'reference': return referencePort(spec.release);
    case 'paddle': {
      const version = spec.version ?? PINNED_PADDLE;
      return openPythonPort(`paddle@${version}`, () => ensurePaddlePython(version), 'scripts/paddle_oracle.py', spec.timeoutMs);
    }
    case 'torch': {
      const version = spec.version ?? PINNED_TORCH;
      return openPythonPort(`torch@${version}`, () => ensureTorchPython(version), 'conformance/ports/torch_port.py', spec.timeoutMs);
    }
    case 'ivy': {
      // The backend is part of the name: the same frontend gives other values on another backend.
      const version = spec.version ?? PINNED_IVY;
      return openPythonPort(`ivy@${version} (numpy backend)`, () => ensureIvyPython(version), 'conformance/ports/ivy_port.py', spec.timeoutMs);
    }
  }
}

/** A `--port` value that names a bundled port with a malformed version, or a version where there are none. */
export class PortChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortChoiceError';
  }
}

/**
 * A release version as pip spells it (PEP 440 without local labels, which
 * the managed venvs do not ask for): 2.11.0, 3.0.0rc1, 2.6.0.post1, 2.12.0.dev20250101.
 */
const VERSION = /^\d+(\.\d+){0,3}((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$/;

/**
 * Reads a `--port` value naming a bundled port: `reference`, `paddle`,
 * `torch`, `ivy`, or `paddle@<version>` / `torch@<version>` / `ivy@<version>`
 * for another release.
 * Undefined when it names none (it is then a module path); PortChoiceError
 * for a bad version.
 */
export function parseBuiltinPort(value: string): { builtin: BuiltinPort; version?: string } | undefined {
  const at = value.indexOf('@');
  const name = at < 0 ? value : value.slice(0, at);
  if (!isBuiltinPort(name)) return undefined;
  if (at < 0) return { builtin: name };
  const version = value.slice(at + 1);
  if (name === 'reference') throw new PortChoiceError(`the bundled reference has no versions; use --port reference, not ${JSON.stringify(value)}`);
  if (!VERSION.test(version)) {
    throw new PortChoiceError(`${JSON.stringify(version)} is not a ${name} release version; use e.g. --port ${name}@${PINNED[name]}`);
  }
  return { builtin: name, version };
}

/** The pinned version of each bundled Python port, for the example in a version error. */
const PINNED = { paddle: PINNED_PADDLE, torch: PINNED_TORCH, ivy: PINNED_IVY } as const;

/** Whether a `--port` value names a bundled port rather than a module path. */
export function isBuiltinPort(value: string): value is BuiltinPort {
  return (BUILTIN_PORTS as readonly string[]).includes(value);
}

/**
 * Runs a bundled Python port with the python of its managed venv (created on
 * first use), started with `--ops <the op table's JSON>` so it answers every
 * registered op (one argv element, no shell, so no quoting).
 */
async function openPythonPort(name: string, python: () => Promise<string>, script: string, timeoutMs: number): Promise<Port> {
  let interpreter: string;
  try {
    interpreter = await python();
  } catch (e) {
    if (e instanceof PythonEnvError) throw new PortUnavailable(name, `the ${name} port needs its Python environment: ${e.message}`);
    throw e;
  }
  const file = packageFile(script);
  return openProcessPort({ argv: [interpreter, file, '--ops', JSON.stringify(opTable())], name, timeoutMs, startupMs: PYTHON_STARTUP_MS });
}

/**
 * A file shipped with the package, found from this module whether it runs
 * from source (conformance/ports/) or compiled (dist/conformance/ports/).
 */
export function packageFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${relative} above ${fileURLToPath(import.meta.url)}; is the package complete?`);
    dir = parent;
  }
}
