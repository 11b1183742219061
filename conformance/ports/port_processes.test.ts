/**
 * Finding and stopping every process of a port's start (port_processes.ts):
 * its group, and whatever left the group carrying its marker.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MARKER_VARIABLE, PortProcesses } from './port_processes.js';

const linux = process.platform === 'linux';

/** Starts `node -e script` as a port would be started: detached (a group of its own), with the marker. */
async function start(script: string): Promise<{ processes: PortProcesses; pids: number[] }> {
  const processes = new PortProcesses();
  const child = spawn(process.execPath, ['-e', script], { env: processes.environment(), detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  processes.started(child.pid);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { processes, pids: line.toString().trim().split(' ').map(Number) };
}

function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

/** A process that starts a child in a session of its own (setsid, through detached) ignoring SIGTERM, and prints both pids. */
const ESCAPE = `
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  process.on('SIGTERM', () => {});
  console.log(process.pid + ' ' + child.pid);
  setInterval(() => {}, 1000);
`;

describe.runIf(linux)('PortProcesses (Linux, through /proc)', () => {
  it('gives every start its own marker, in the environment it starts with', () => {
    const a = new PortProcesses();
    const b = new PortProcesses();
    expect(a.marker).not.toBe(b.marker);
    expect(a.environment({ PATH: '/bin' })).toEqual({ PATH: '/bin', [MARKER_VARIABLE]: a.marker });
  });

  it('finds a child that left the process group, and SIGKILL ends both, SIGTERM ignored', async () => {
    const { processes, pids } = await start(ESCAPE);
    expect(processes.members()?.sort()).toEqual([...pids].sort());
    processes.signal('SIGTERM');
    expect(processes.alive()).toBe(true);
    processes.signal('SIGKILL');
    for (let i = 0; i < 100 && pids.some(running); i++) await new Promise((r) => setTimeout(r, 20));
    expect(pids.filter(running)).toEqual([]);
    expect(processes.alive()).toBe(false);
  });

  it('has no members once its processes are gone, and signalling it then is harmless', async () => {
    const { processes, pids } = await start('console.log(process.pid); setInterval(() => {}, 1000)');
    processes.signal('SIGKILL');
    for (let i = 0; i < 100 && pids.some(running); i++) await new Promise((r) => setTimeout(r, 20));
    expect(processes.members()).toEqual([]);
    expect(processes.alive()).toBe(false);
    expect(() => processes.signal('SIGTERM')).not.toThrow();
  });
});
