/**
 * Machine classes: the CPU facts that decide which code path Paddle's CPU
 * kernels take and how the hardware rounds on it, reduced to one name such as
 * `x86-64-amd-avx512`. Two machines of one class give the same bits; a result
 * that another class records differently is machine-dependent
 * (machine_overlay.ts keeps those differences as data).
 *
 * Why the vendor is part of the class: Eigen's float32 sqrt starts from the
 * CPU's `rsqrt` approximation, whose bits the x86 manuals leave to the
 * implementation (only its relative error, 1.5·2⁻¹², is specified), and an
 * Intel Xeon and an AMD EPYC that both have AVX-512 give different float32
 * cosine_embedding_loss results for it. Why the instruction-set level is: a
 * build of Paddle, numpy or MKL picks its kernels at run time from these flags.
 */
import { readFileSync } from 'node:fs';
import { arch } from 'node:os';

/** The instruction-set features that decide Paddle's CPU code paths, as /proc/cpuinfo names them; a golden file records which of them the CPU had. */
export const DECISIVE_FEATURES: readonly string[] = [
  'sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512dq', 'avx512bw', 'avx512vl', 'avx512_bf16', 'avx512_fp16',
];

/** What a machine class is derived from. */
export interface CpuFacts {
  /** The vendor id, e.g. `AuthenticAMD`, `GenuineIntel`. */
  vendor: string;
  /** The model name, e.g. `AMD EPYC`. */
  model: string;
  /** The decisive features the CPU has (a subset of DECISIVE_FEATURES, in its order). */
  features: string[];
  /** The architecture, as Python's platform.machine() names it (`x86_64`, `aarch64`). */
  machine: string;
}

/** The decisive features among a CPU's flags, in DECISIVE_FEATURES' order. */
export function decisiveFeatures(flags: readonly string[]): string[] {
  const has = new Set(flags);
  return DECISIVE_FEATURES.filter((f) => has.has(f));
}

/** The short vendor name of a vendor id: `amd`, `intel`, or the id itself in lower case. */
function vendorName(vendor: string): string {
  const known: Record<string, string> = { AuthenticAMD: 'amd', GenuineIntel: 'intel', HygonGenuine: 'hygon' };
  return known[vendor] ?? (vendor.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'unknown');
}

/** The widest vector instruction set the features give: the level Paddle's and its libraries' dispatch keys on. */
function isaLevel(features: readonly string[]): string {
  const has = (f: string) => features.includes(f);
  if (has('avx512f')) return 'avx512';
  if (has('avx2') && has('fma')) return 'avx2';
  if (has('avx')) return 'avx';
  return 'sse';
}

/**
 * The machine class of a CPU: `<arch>-<vendor>-<level>` on x86-64 (e.g.
 * `x86-64-intel-avx512`), `<arch>-<vendor>` elsewhere.
 */
export function machineClass(cpu: Pick<CpuFacts, 'vendor' | 'features' | 'machine'>): string {
  const archName = cpu.machine.toLowerCase().replace(/_/g, '-');
  if (archName === 'x86-64' || archName === 'amd64') return `x86-64-${vendorName(cpu.vendor)}-${isaLevel(cpu.features)}`;
  return `${archName || 'unknown'}-${vendorName(cpu.vendor)}`;
}

/**
 * Reads CPU facts from /proc/cpuinfo text or from `lscpu` output (the form a
 * recording's cpu.txt is in): the first vendor, model and flags lines.
 * Undefined when the text names no vendor or no flags.
 */
export function parseCpuText(text: string, machine: string): CpuFacts | undefined {
  const field = (...names: string[]): string | undefined => {
    for (const line of text.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0 && names.includes(line.slice(0, at).trim())) return line.slice(at + 1).trim();
    }
    return undefined;
  };
  const vendor = field('vendor_id', 'Vendor ID');
  const flags = field('flags', 'Flags');
  if (vendor === undefined || flags === undefined) return undefined;
  return { vendor, model: field('model name', 'Model name') ?? 'unknown', features: decisiveFeatures(flags.split(/\s+/)), machine };
}

/** This machine's class, from /proc/cpuinfo; undefined where that cannot be read (not Linux). */
export function thisMachineClass(read: (path: string) => string = (p) => readFileSync(p, 'utf8')): string | undefined {
  let text: string;
  try {
    text = read('/proc/cpuinfo');
  } catch {
    return undefined;
  }
  const machine = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch();
  const facts = parseCpuText(text, machine);
  return facts && machineClass(facts);
}
