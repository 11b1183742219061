/**
 * Opening a port from what the command line names: a bundled port, a module
 * loaded in process, or a command speaking PROTOCOL.md.
 */
import type { Port } from '../port.js';
import { PortUnavailable } from '../port.js';
import { referencePort } from './reference.js';

/** What to open: exactly one of `builtin`, `module` or `cmd`. */
export interface PortSpec {
  /** A module path exporting a port (in process). */
  module?: string;
  /** A command line speaking the JSON-lines protocol. */
  cmd?: string;
  /** A bundled port. */
  builtin?: 'reference' | 'paddle' | 'torch';
  /** Per-request time limit. */
  timeoutMs: number;
  /** Working directory for a command port. */
  cwd?: string;
}

/** Opens the port a spec names; rejects with PortUnavailable when it cannot be run. */
export async function openPort(spec: PortSpec): Promise<Port> {
  if (spec.builtin === 'reference' || (!spec.builtin && !spec.module && !spec.cmd)) return referencePort();
  const what = spec.builtin ?? spec.module ?? spec.cmd ?? '';
  throw new PortUnavailable(what, `opening ${JSON.stringify(what)} is not supported yet: only the bundled reference port is available`);
}
