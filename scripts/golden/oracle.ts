/**
 * The oracle process: scripts/paddle_oracle.py run once by a python that has
 * Paddle, fed every case over the JSON-lines port protocol.
 */
import { spawn } from 'node:child_process';
import { stringifyExact } from '../../conformance/wire.js';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { $ } from 'zx';
import type { ProvenanceJson, ResponseJson } from '../../conformance/case.js';
import { decisiveFeatures, machineClass } from '../../conformance/machine.js';
import type { OpTableEntry } from '../../conformance/op.js';
import { opTable } from '../../conformance/ops/index.js';
import type { PortRequest } from '../../conformance/port.js';

/** The oracle program. */
export const ORACLE_SCRIPT = fileURLToPath(new URL('../paddle_oracle.py', import.meta.url));

/** The oracle itself failed (crashed, or answered something that is not a response), as opposed to Paddle raising. */
export class OracleFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OracleFailure';
  }
}

/** The facts about the oracle that go into every golden file's provenance. */
export async function oracleFacts(python: string): Promise<ProvenanceJson['oracle']> {
  const r = await $({ quiet: true, nothrow: true })`${python} ${ORACLE_SCRIPT} --provenance`;
  if (r.exitCode !== 0) throw new OracleFailure(`${python} ${ORACLE_SCRIPT} --provenance exited ${r.exitCode}:\n${r.stderr.trim().split('\n').slice(-12).join('\n')}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let facts: unknown;
  try {
    facts = JSON.parse(last);
  } catch {
    facts = undefined;
  }
  if (typeof facts !== 'object' || facts === null || typeof (facts as { paddle_version?: unknown }).paddle_version !== 'string') {
    throw new OracleFailure(`${python} ${ORACLE_SCRIPT} --provenance printed no provenance JSON; its stdout ends:\n${r.stdout.trim().split('\n').slice(-12).join('\n')}`);
  }
  return withMachineClass(facts as RawOracleFacts);
}

/** The oracle's facts as the Python side prints them: every CPU flag, which the suite narrows to the decisive ones. */
type RawOracleFacts = Omit<ProvenanceJson['oracle'], 'cpu_features' | 'machine_class'> & { cpu_flags?: string[] };

/** The oracle's facts with its CPU flags narrowed to the decisive features and the machine class they give, in the order golden files keep. */
function withMachineClass(raw: RawOracleFacts): ProvenanceJson['oracle'] {
  const { cpu_flags: flags, machine, threads, paddle_flags: paddleFlags, ...rest } = raw;
  const features = decisiveFeatures(flags ?? []);
  const machineFacts = { vendor: raw.cpu_vendor ?? 'unknown', features, machine };
  return { ...rest, cpu_features: features, machine, machine_class: machineClass(machineFacts), ...(threads !== undefined && { threads }), ...(paddleFlags !== undefined && { paddle_flags: paddleFlags }) };
}

/**
 * Runs every request through one oracle process (with `--basis`, and `--ops`
 * with the op table: the registry's unless another is given) and returns the
 * responses in request order. Rejects with OracleFailure if the process dies,
 * answers a line that is not JSON, or answers an id it was not asked.
 */
export async function runOracle(python: string, requests: readonly PortRequest[], onProgress?: (done: number) => void,
  table: { ops: OpTableEntry[] } = opTable()): Promise<ResponseJson[]> {
  const run = await runOnce(python, requests, onProgress, table);
  if (run.death) throw new OracleFailure(deathMessage(run.death, requests.length - run.answered));
  return run.responses as ResponseJson[];
}

/**
 * Like runOracle, but a Paddle that dies on a case (another release can
 * segfault where the pinned one raises) does not end the run: that case gets
 * the error type `Crash` with how the process ended, and a fresh process
 * takes the cases after it. For cross-version drift reports, never for goldens.
 */
export async function runOracleAcrossCrashes(python: string, requests: readonly PortRequest[], onProgress?: (done: number) => void,
  table: { ops: OpTableEntry[] } = opTable()): Promise<ResponseJson[]> {
  const responses: ResponseJson[] = [];
  let rest = requests;
  while (rest.length > 0) {
    const run = await runOnce(python, rest, (n) => onProgress?.(responses.length + n), table);
    if (!run.death) return [...responses, ...(run.responses as ResponseJson[])];
    // Requests are answered in order, so the first unanswered one is the case the process died on.
    const died = run.responses.findIndex((r) => r === undefined);
    if (died < 0) throw new OracleFailure(deathMessage(run.death, 0));
    responses.push(...(run.responses.slice(0, died) as ResponseJson[]), crashResponse(rest[died]!.id, run.death));
    rest = rest.slice(died + 1);
  }
  return responses;
}

/** How an oracle process ended early. */
interface Death {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  first?: string;
}

function crashResponse(id: string, death: Death): ResponseJson {
  const how = death.signal ? `signal ${death.signal}` : `exit code ${death.code}`;
  return { id, error: { type: 'Crash', message: `the Paddle process died (${how}) on this case; its stderr ends: ${death.stderr.trim().split('\n').slice(-3).join(' | ')}` } };
}

function deathMessage(death: Death, unanswered: number): string {
  const how = death.signal ? `was killed by ${death.signal}` : `exited with code ${death.code}`;
  return `the oracle ${how} leaving ${unanswered} request(s) unanswered` +
    `${death.first ? ` (first: ${death.first})` : ''}; its stderr ends:\n${death.stderr.trim().split('\n').slice(-15).join('\n')}`;
}

/** One oracle process over the requests: the responses it gave (in request order, holes where it gave none) and, if it ended early, how. */
async function runOnce(python: string, requests: readonly PortRequest[], onProgress: ((done: number) => void) | undefined,
  table: { ops: OpTableEntry[] }): Promise<{ responses: Array<ResponseJson | undefined>; answered: number; death?: Death }> {
  // One argv element for the whole table: spawned without a shell, so nothing needs quoting.
  const child = spawn(python, [ORACLE_SCRIPT, '--ops', JSON.stringify(table), '--basis'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const pending = new Map(requests.map((r, i) => [r.id, i]));
  const responses: Array<ResponseJson | undefined> = new Array(requests.length).fill(undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const spawnError = new Promise<never>((_, reject) => child.on('error', (e) => reject(new OracleFailure(`cannot start ${python}: ${e.message}`))));
  spawnError.catch(() => undefined);

  let done = 0;
  const reading = (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      const response = parseResponse(line);
      const index = pending.get(response.id);
      if (index === undefined) throw new OracleFailure(`the oracle answered id ${JSON.stringify(response.id)}, which was not asked or was answered already: ${line.slice(0, 300)}`);
      pending.delete(response.id);
      responses[index] = response;
      done++;
      onProgress?.(done);
    }
  })();

  child.stdin.on('error', () => undefined); // a dead oracle is reported from its exit below
  let gone = false;
  void exited.then(() => (gone = true));
  for (const request of requests) {
    if (gone) break;
    // A full pipe drains only while the oracle reads: if it dies meanwhile, its exit ends the wait (else it never would).
    // stringifyExact keeps -0: JSON.stringify writes it as 0, and Paddle would compute with +0.
    if (!child.stdin.write(`${stringifyExact(request)}\n`)) await Promise.race([new Promise((r) => child.stdin.once('drain', r)), exited]);
  }
  child.stdin.end();
  try {
    await Promise.race([reading, spawnError]);
  } catch (error) {
    child.kill();
    throw error;
  }
  const { code, signal } = await exited;
  if (pending.size === 0 && code === 0) return { responses, answered: done };
  const first = [...pending.keys()][0];
  return { responses, answered: done, death: { code, signal, stderr, ...(first !== undefined ? { first } : {}) } };
}

function parseResponse(line: string): ResponseJson {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new OracleFailure(`the oracle wrote a line that is not JSON: ${line.slice(0, 300)}`);
  }
  if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'string') {
    throw new OracleFailure(`the oracle wrote a response without a string id: ${line.slice(0, 300)}`);
  }
  const r = value as ResponseJson;
  if (r.output === undefined && !r.error) throw new OracleFailure(`the oracle's response for ${r.id} has neither output nor error: ${line.slice(0, 300)}`);
  return r;
}
