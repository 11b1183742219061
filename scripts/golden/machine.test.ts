/**
 * Another machine's recording checked against the committed goldens without
 * running Paddle (golden:check --recorded), end to end through golden:check's
 * own main(): the Intel AVX-512 recording of ../shared/machines when it is
 * there, and recordings made here from the committed files (a class with
 * overlays, a class without, a drifted value, an edited file).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExpectedJson, GoldenCase, GoldenFileJson } from '../../conformance/case.js';
import { contentHash } from '../../conformance/golden.js';
import { loadMachineOverlays } from '../../conformance/machine_overlay.js';
import { BASE_RELEASE, RELEASES } from '../../conformance/releases.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../conformance/wire.js';
import { OPS } from '../../conformance/ops/index.js';
import { main as check } from './check.js';
import { main as generate } from './generate.js';
import { CannotRun, GOLDEN_ROOT, readGoldenSet, REPO_ROOT } from './regeneration.js';
import { serializeGolden } from './writer.js';

/** The Intel machine's folder beside the repository, where CI and developers have it. */
const INTEL = resolve(REPO_ROOT, '../shared/machines/intel-xeon-avx512');
const INTEL_CLASS = 'x86-64-intel-avx512';
const BASE_CLASS = 'x86-64-amd-avx512';
const INTEL_MODEL = 'Intel(R) Xeon(R) Processor';

/** lscpu text of an Intel CPU; `flags` decides its class. */
function lscpu(flags: string): string {
  return `Architecture: x86_64\nVendor ID: GenuineIntel\nModel name: ${INTEL_MODEL}\nFlags: fpu sse sse2 ${flags}\n`;
}

/** What the Intel recording gives where it differs from the base class (its committed overlay), by case id. */
function intelExpectations(): Map<string, ExpectedJson> {
  return new Map(loadMachineOverlays(GOLDEN_ROOT, INTEL_CLASS, BASE_RELEASE, BASE_CLASS).flatMap((o) => o.overlay.cases.map((c) => [c.id, c.expected] as const)));
}

/**
 * A recording as golden:generate --out writes one on an Intel machine made
 * before machine classes were kept (no class in its provenance, a cpu.txt
 * beside it): the committed goldens with `expected` applied, re-sealed.
 */
function recording(expected: ReadonlyMap<string, ExpectedJson>, cpuText: string | undefined, seal = true, plan: (cases: GoldenCase[]) => GoldenCase[] = (c) => c): string {
  const dir = mkdtempSync(join(tmpdir(), 'recording-'));
  for (const [key, file] of committed().files) {
    const { cpu_vendor: _v, cpu_features: _f, machine_class: _m, threads: _t, paddle_flags: _p, ...oracle } = file.provenance.oracle;
    const cases = plan(file.cases.map((c) => (expected.has(c.id) ? { ...c, expected: expected.get(c.id)! } : c)));
    const sealed = seal ? contentHash(cases) : file.provenance.content_sha256;
    const out: GoldenFileJson = { ...file, provenance: { ...file.provenance, oracle: { ...oracle, cpu: INTEL_MODEL }, content_sha256: sealed }, cases };
    mkdirSync(join(dir, file.api), { recursive: true });
    writeFileSync(join(dir, `${key}.json`), serializeGolden(out));
  }
  if (cpuText !== undefined) writeFileSync(join(dir, 'cpu.txt'), cpuText);
  return dir;
}

/**
 * An exact result's expectation with its first output element changed, as a
 * drifted Paddle would give it: a float64 output of the first op no machine
 * class records differently.
 */
function drifted(): [string, ExpectedJson, string] {
  for (const [key, file] of committed().files) {
    if (DEPENDENT.includes(file.api)) continue;
    // One output (an op with several gives a list).
    const c = file.cases.find((x) => x.expected.output && !Array.isArray(x.expected.output) && decodeTensor(x.expected.output).dtype === 'float64');
    if (!c) continue;
    const t = decodeTensor(c.expected.output!);
    const values = valuesOf(t);
    values[0] = values[0]! + 0.25;
    return [c.id, { ...c.expected, output: encodeTensor(fromValues(t.dtype, t.shape, values)) }, key];
  }
  throw new Error('no op without machine-dependent results has a float64 output');
}

/** The ops with a result the Intel class records differently from the base class. */
const DEPENDENT = [...new Set([...intelExpectations().keys()].map((id) => id.split('/')[0]!))];

/**
 * The ops the recordings made here hold: those with machine-dependent results and the first
 * registered op without any (its exact results are the ones drifted). golden:check leaves an op a
 * recording lacks unchecked (as for ops registered after the Intel recording), so a recording of
 * these few ops exercises every path at a fraction of the registry's cost.
 */
const RECORDED = [...DEPENDENT, OPS.map((op) => op.family).find((f) => !DEPENDENT.includes(f))!];

let goldens: ReturnType<typeof readGoldenSet> | undefined;

/** The committed golden files of the recorded ops, read once. */
function committed(): ReturnType<typeof readGoldenSet> {
  goldens ??= readGoldenSet(GOLDEN_ROOT, RECORDED);
  return goldens;
}

/** Every case of the recorded ops' committed goldens. */
const TOTAL = [...committed().files.values()].reduce((n, f) => n + f.cases.length, 0);

/** Runs golden:check and returns its exit code and what it printed. */
async function checked(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const code = await check(argv);
  vi.restoreAllMocks();
  return { code, out: lines.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!existsSync(INTEL))('the Intel AVX-512 recording in ../shared/machines', () => {
  // It was made before some ops were registered: those are left out of its check, and said so.
  const recorded = existsSync(INTEL) ? readdirSync(join(INTEL, 'golden')).filter((f) => OPS.some((op) => op.family === f)) : [];
  const recordedCases = [...readGoldenSet(GOLDEN_ROOT, recorded).files.values()].reduce((n, f) => n + f.cases.length, 0);

  it('passes golden:check in every release, exactly against its class overlays', async () => {
    const { code, out } = await checked(['--recorded', INTEL, '--all-versions']);
    expect(out).toContain(`OK: ${RELEASES.length} release(s) checked`);
    expect(out).toContain(`the Paddle ${BASE_RELEASE} recording in`);
    // Every case the recording and the goldens both hold is identical; the goldens may have added cases since.
    const held = Number(/ (\d+) case\(s\): \1 identical, 0 machine-dependent within the bound, 0 differ/.exec(out)?.[1]);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(recordedCases);
    expect(code).toBe(0);
  });

  it('re-imports byte for byte: golden:generate --recorded writes nothing new over the committed overlays', async () => {
    const out = mkdtempSync(join(tmpdir(), 'golden-copy-'));
    cpSync(GOLDEN_ROOT, out, { recursive: true });
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    expect(await generate(['--recorded', INTEL, '--all-versions', '--out', out])).toBe(0);
    expect(lines.join('\n')).toContain(`wrote 0 machine overlay file(s), ${RELEASES.length * recorded.length} unchanged`);
  });
});

describe('golden:check --recorded, on recordings made from the committed files', () => {
  it('passes a recording of a class with overlays that gives exactly its overlays', async () => {
    const { code, out } = await checked(['--recorded', recording(intelExpectations(), lscpu('avx avx2 fma f16c avx512f'))]);
    expect(out).toContain(`has overlays (golden/machines/${INTEL_CLASS}/${BASE_RELEASE}/)`);
    expect(code).toBe(0);
  });

  it('compares a recording made with an older plan by result, on the cases both hold with the same request', async () => {
    // The older plan: each file's first case not planned yet, every case citing another rule name.
    const older = (cases: GoldenCase[]) => cases.slice(1).map((c) => ({ ...c, rules: ['a-rule-since-renamed'] }));
    const { code, out } = await checked(['--recorded', recording(intelExpectations(), lscpu('avx avx2 fma f16c avx512f'), true, older)]);
    expect(out).toContain(`recorded with another plan: ${committed().files.size} golden case(s) not in the recording`);
    expect(out).toContain('0 differ');
    expect(code).toBe(0);
  });

  it('fails as drift when one exact value differs, naming the case', async () => {
    const [id, changed] = drifted();
    const { code, out } = await checked(['--recorded', recording(new Map([...intelExpectations(), [id, changed]]), lscpu('avx avx2 fma f16c avx512f'))]);
    expect(out).toContain('1 differ');
    expect(out).toContain(id);
    expect(out).toContain('DRIFT:');
    expect(code).toBe(1);
  });

  it('fails as drift when a class with overlays gives the base class value where its overlay records its own', async () => {
    const { code, out } = await checked(['--recorded', recording(new Map(), lscpu('avx avx2 fma f16c avx512f'))]);
    expect(out).toContain(`${intelExpectations().size} differ`);
    expect(code).toBe(1);
  });

  it('on a class without overlays, judges the machine-dependent results within the bound and says how close', async () => {
    const { code, out } = await checked(['--recorded', recording(intelExpectations(), lscpu('avx avx2 fma f16c'))]);
    const n = intelExpectations().size;
    expect(out).toContain(`x86-64-intel-avx2 has no overlays: ${n} machine-dependent case(s)`);
    expect(out).toContain(`${TOTAL} case(s): ${TOTAL - n} identical, ${n} machine-dependent within the bound, 0 differ`);
    // Real Paddle on the Intel machine came within 0.077 of a bound: far inside, as a correct port should.
    expect(out).toMatch(/closest to the bound: .*: 0\.0\d+ of the bound/);
    expect(code).toBe(0);
  });

  it('on a class without overlays, fails a machine-dependent result outside the bound', async () => {
    const expected = intelExpectations();
    const id = [...expected.keys()].find((k) => expected.get(k)!.output && decodeTensor(expected.get(k)!.output!).shape.length > 0)!;
    const t = decodeTensor(expected.get(id)!.output!);
    const moved = encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map((v) => v * 1.001 + 1e-3)));
    const { code, out } = await checked(['--recorded', recording(new Map([...expected, [id, { ...expected.get(id)!, output: moved }]]), lscpu('avx avx2 fma f16c'))]);
    expect(out).toContain(`${expected.size - 1} machine-dependent within the bound, 1 differ`);
    expect(out).toContain(id);
    expect(code).toBe(1);
  });

  it('on a class without overlays, still holds every other result exactly', async () => {
    const [id, changed] = drifted();
    const { code, out } = await checked(['--recorded', recording(new Map([[id, changed]]), lscpu('avx avx2 fma f16c'))]);
    expect(out).toContain('1 differ');
    expect(code).toBe(1);
  });

  it('refuses a recording edited by hand (its content hash), naming the file', async () => {
    const [id, changed, key] = drifted();
    const dir = recording(new Map([[id, changed]]), lscpu('avx avx2'), false);
    await expect(check(['--recorded', dir])).rejects.toThrow(CannotRun);
    await expect(check(['--recorded', dir])).rejects.toThrow(`${key}.json: $.provenance.content_sha256: `);
    await expect(check(['--recorded', dir])).rejects.toThrow('edited by hand');
  });

  it('refuses a recording that does not say which CPU it ran on', async () => {
    await expect(check(['--recorded', recording(new Map(), undefined)])).rejects.toThrow(/does not say which CPU features it ran with; add .*cpu\.txt/);
  });

  it("refuses a cpu.txt of another CPU than the recording's", async () => {
    await expect(check(['--recorded', recording(new Map(), lscpu('avx').replace(INTEL_MODEL, 'AMD EPYC'))])).rejects.toThrow(/cpu\.txt describes a AMD EPYC, but the recording ran on a Intel/);
  });

  it('refuses a directory that does not exist, or holds no golden files', async () => {
    await expect(check(['--recorded', '/nonexistent-recording'])).rejects.toThrow(/--recorded \/nonexistent-recording: no such directory/);
    await expect(check(['--recorded', mkdtempSync(join(tmpdir(), 'empty-'))])).rejects.toThrow(/holds no golden files/);
  });
});

describe('golden:generate --recorded', () => {
  it('writes the class overlays of a recording and never the golden files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'golden-copy-'));
    cpSync(GOLDEN_ROOT, out, { recursive: true, filter: (p) => !p.includes('/machines') });
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const before = readGoldenSet(out).texts;
    expect(await generate(['--recorded', recording(intelExpectations(), lscpu('avx avx2 fma f16c avx512f')), '--out', out])).toBe(0);
    expect(lines.join('\n')).toContain(`wrote ${RECORDED.length} machine overlay file(s), 0 unchanged`);
    expect(readGoldenSet(out).texts).toEqual(before);
    const written = loadMachineOverlays(out, INTEL_CLASS, BASE_RELEASE, BASE_CLASS);
    expect(written.reduce((n, o) => n + o.overlay.cases.length, 0)).toBe(intelExpectations().size);
  });

  it('refuses to change a committed overlay without --accept, and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'golden-copy-'));
    cpSync(GOLDEN_ROOT, out, { recursive: true });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const [id, changed] = drifted();
    expect(await generate(['--recorded', recording(new Map([...intelExpectations(), [id, changed]]), lscpu('avx avx2 fma f16c avx512f')), '--out', out])).toBe(1);
    expect(loadMachineOverlays(out, INTEL_CLASS, BASE_RELEASE, BASE_CLASS).flatMap((o) => o.overlay.cases).map((c) => c.id)).not.toContain(id);
  });

  it("refuses a recording of the golden files' own class", async () => {
    const amd = `Vendor ID: AuthenticAMD\nModel name: ${INTEL_MODEL}\nFlags: avx avx2 fma f16c avx512f\n`;
    await expect(generate(['--recorded', recording(new Map(), amd)])).rejects.toThrow(/is of the golden files' own class x86-64-amd-avx512/);
  });
});
