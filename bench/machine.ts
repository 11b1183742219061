/**
 * Facts about the machine and the run, recorded with the figures so that a
 * later run can be compared with this one.
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine and runtime the figures come from. */
export interface MachineFacts {
  /** CPU model string. */
  cpuModel: string;
  /** Logical cores. */
  cores: number;
  /** Total memory, bytes. */
  memoryBytes: number;
  /** OS and kernel. */
  os: string;
  /** Node version. */
  node: string;
  /** V8 version. */
  v8: string;
  /** 1-minute load average when the run started: above the core count, figures are noisy. */
  loadAverage1m: number;
  /** When the run started (ISO 8601). */
  startedAt: string;
}

/** Reads the machine facts now. */
export function machineFacts(): MachineFacts {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    os: `${platform()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage1m: loadavg()[0] ?? 0,
    startedAt: new Date().toISOString(),
  };
}
