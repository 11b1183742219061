/**
 * A module port runs in the runner's own process, where `process.exit()`
 * would end the run on the spot: no summary, no reports, and exit code 0
 * for `process.exit()`, a false pass. While a module port is open,
 * process.exit throws a ModuleExit instead, which fails the load or the case
 * that called it. (process.abort(), process.kill() and native code are not
 * caught: code that must not be trusted belongs in a process port.)
 */

/** Thrown by process.exit() while a module port is open. */
export class ModuleExit extends Error {
  /** The code process.exit() was called with, if any. */
  readonly code: string | number | null | undefined;

  constructor(code: string | number | null | undefined) {
    super(`the port module called process.exit(${code === undefined ? '' : JSON.stringify(code)}), which would end the run; an in-process port cannot end the process (throw, or answer {"error": ...}, instead)`);
    this.name = 'ModuleExit';
    this.code = code;
  }
}

/** Open module ports: process.exit is guarded while there is one. */
let open = 0;
let original: typeof process.exit | undefined;

/** Guards process.exit until the returned function is called (calls nest). */
export function guardExit(): () => void {
  if (open++ === 0) {
    original = process.exit;
    process.exit = ((code?: string | number | null) => {
      throw new ModuleExit(code);
    }) as typeof process.exit;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--open === 0 && original) process.exit = original;
  };
}
