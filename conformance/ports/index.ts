/**
 * Opening a port from what the user asked for: the bundled reference, real
 * Paddle or PyTorch, a module loaded in process, or any command speaking the
 * protocol (PROTOCOL.md).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PortUnavailable, type Port } from '../port.js';
import { ensurePaddlePython, ensureTorchPython, PythonEnvError } from '../python_env.js';
import { openModulePort } from './module.js';
import { openProcessPort } from './process.js';
import { referencePort } from './reference.js';

export { inProcessPort, openModulePort, type PortModule } from './module.js';
export { openProcessPort, type ProcessPortOptions } from './process.js';
export { referencePort } from './reference.js';

/** The ports that ship with the suite. */
export const BUILTIN_PORTS = ['reference', 'paddle', 'torch'] as const;

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
    case 'reference': return referencePort();
    case 'paddle': return openPythonPort('paddle', () => ensurePaddlePython(), 'scripts/paddle_oracle.py', spec.timeoutMs);
    case 'torch': return openPythonPort('torch', () => ensureTorchPython(), 'conformance/ports/torch_port.py', spec.timeoutMs);
  }
}

/** Whether a `--port` value names a bundled port rather than a module path. */
export function isBuiltinPort(value: string): value is BuiltinPort {
  return (BUILTIN_PORTS as readonly string[]).includes(value);
}

/** Runs a bundled Python port with the python of its managed venv (created on first use). */
async function openPythonPort(name: BuiltinPort, python: () => Promise<string>, script: string, timeoutMs: number): Promise<Port> {
  let interpreter: string;
  try {
    interpreter = await python();
  } catch (e) {
    if (e instanceof PythonEnvError) throw new PortUnavailable(name, `the ${name} port needs its Python environment: ${e.message}`);
    throw e;
  }
  const file = packageFile(script);
  return openProcessPort({ argv: [interpreter, file], name, timeoutMs, startupMs: PYTHON_STARTUP_MS });
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
