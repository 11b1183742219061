import { arch } from 'node:os';
import { describe, expect, it } from 'vitest';
import { decisiveFeatures, machineClass, parseCpuText, thisMachineClass } from './machine.js';

// The first lines of an Intel Xeon's `lscpu`, as ../shared/machines/intel-xeon-avx512/cpu.txt holds them.
const LSCPU_INTEL = `Architecture:                            x86_64
Vendor ID:                               GenuineIntel
Model name:                              Intel(R) Xeon(R) Processor
Flags: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16 avx512_fp16 avx512_vnni
`;

// /proc/cpuinfo of an AMD EPYC: one block per core, the first one counts.
const CPUINFO_AMD = `processor	: 0
vendor_id	: AuthenticAMD
model name	: AMD EPYC
flags		: fpu sse sse2 sse4_2 avx fma f16c avx2 avx512f avx512bw
processor	: 1
vendor_id	: AuthenticAMD
`;

describe('machine classes', () => {
  it('reads lscpu output: vendor, model and the decisive features in a fixed order', () => {
    expect(parseCpuText(LSCPU_INTEL, 'x86_64')).toEqual({
      vendor: 'GenuineIntel',
      model: 'Intel(R) Xeon(R) Processor',
      features: ['sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512dq', 'avx512bw', 'avx512vl', 'avx512_bf16', 'avx512_fp16'],
      machine: 'x86_64',
    });
  });

  it('reads /proc/cpuinfo text', () => {
    expect(parseCpuText(CPUINFO_AMD, 'x86_64')?.vendor).toBe('AuthenticAMD');
    expect(parseCpuText(CPUINFO_AMD, 'x86_64')?.model).toBe('AMD EPYC');
  });

  it('gives nothing for text without a vendor or flags', () => {
    expect(parseCpuText('Model name: x\n', 'x86_64')).toBeUndefined();
  });

  it('names the class by vendor and widest vector level', () => {
    expect(machineClass(parseCpuText(LSCPU_INTEL, 'x86_64')!)).toBe('x86-64-intel-avx512');
    expect(machineClass(parseCpuText(CPUINFO_AMD, 'x86_64')!)).toBe('x86-64-amd-avx512');
    expect(machineClass({ vendor: 'AuthenticAMD', features: ['avx', 'avx2', 'fma'], machine: 'x86_64' })).toBe('x86-64-amd-avx2');
    expect(machineClass({ vendor: 'GenuineIntel', features: ['avx'], machine: 'x86_64' })).toBe('x86-64-intel-avx');
    expect(machineClass({ vendor: 'GenuineIntel', features: [], machine: 'x86_64' })).toBe('x86-64-intel-sse');
  });

  it('keeps AVX2 without FMA below the avx2 level: the FMA code paths need both', () => {
    expect(machineClass({ vendor: 'GenuineIntel', features: ['avx', 'avx2'], machine: 'x86_64' })).toBe('x86-64-intel-avx');
  });

  it('names other architectures by architecture and vendor', () => {
    expect(machineClass({ vendor: 'ARM', features: [], machine: 'aarch64' })).toBe('aarch64-arm');
  });

  it('keeps only the decisive features', () => {
    expect(decisiveFeatures(['sse', 'avx512f', 'fpu', 'fma'])).toEqual(['fma', 'avx512f']);
  });

  it("derives this machine's class from /proc/cpuinfo, and none where it cannot be read", () => {
    expect(thisMachineClass(() => CPUINFO_AMD)).toBe(arch() === 'x64' ? 'x86-64-amd-avx512' : `${arch() === 'arm64' ? 'aarch64' : arch()}-amd`);
    expect(thisMachineClass(() => { throw new Error('ENOENT'); })).toBeUndefined();
  });
});
