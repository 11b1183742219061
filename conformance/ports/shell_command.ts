/**
 * Running a `--port-cmd` command line through /bin/sh so that the port, not
 * the shell, holds the pipes. A shell that runs a command stays its parent
 * (dash execs it in place only when told `exec`) and keeps its own copies of
 * stdin and stdout, so a port that closed its stdout went unnoticed until the
 * case timed out. Here the shell starts the command as a background job with
 * the pipes, closes its own copies, and waits for the job, exiting with its
 * status; the job's last command is exec'd in place of the job's subshell
 * (dash and bash both do this for a forked subshell), so the port's process
 * holds the only copies.
 */
import { constants } from 'node:os';

/**
 * The script given to `/bin/sh -c`. fd 3 carries stdin into the job: a
 * background job of a non-interactive shell otherwise reads /dev/null.
 * The command sits on lines of its own, so a trailing comment cannot swallow
 * the closing brace. The job starts with SIGINT and SIGQUIT ignored (POSIX,
 * for background jobs); the runner never sends either.
 */
export function shellScript(command: string): string {
  return ['exec 3<&0', '{', command, '} <&3 3<&- &', 'exec 0<&- 1>&- 3<&-', 'wait $!'].join('\n');
}

/**
 * The signal an exit code above 128 stands for, as a shell reports a job that
 * a signal killed (137 for SIGKILL); undefined otherwise.
 */
export function signalOfShellStatus(code: number | null): NodeJS.Signals | undefined {
  if (code === null || code <= 128 || code > 128 + 64) return undefined;
  return SIGNAL_NAMES.get(code - 128);
}

/** Signal numbers to names, from Node's own table (os.constants.signals). */
const SIGNAL_NAMES = new Map<number, NodeJS.Signals>();
for (const [name, number] of Object.entries(constants.signals)) {
  if (!SIGNAL_NAMES.has(number)) SIGNAL_NAMES.set(number, name as NodeJS.Signals);
}
