/**
 * Machine overlays as the suite reads them: validation of the committed
 * files, the choice of class, the variants each machine-dependent case
 * carries, and a runner verdict that does not depend on --machine.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { bundledGoldenDir, contentHash, GoldenError, loadGoldens } from './golden.js';
import { baseMachineClass, loadMachineOverlays, machineOverlayPath, suiteForMachine } from './machine_overlay.js';
import { BASE_RELEASE, RELEASES } from './releases.js';
import { runCase } from './runner.js';
import type { Port } from './port.js';
import type { ResponseJson } from './case.js';
import { OPS, opForFamily } from './ops/index.js';
import { compareResponse } from './compare.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from './wire.js';

const GOLDEN = bundledGoldenDir();
const BASE = 'x86-64-amd-avx512';
const INTEL = 'x86-64-intel-avx512';
/** The cases whose result the Intel recording gives differently, by id: the machine-dependent ones. */
const INTEL_CASES = new Map(loadMachineOverlays(GOLDEN, INTEL, BASE_RELEASE, BASE).flatMap((o) => o.overlay.cases.map((c) => [c.id, c.expected] as const)));
/** One machine-dependent case with a tensor result. */
const DEPENDENT = [...INTEL_CASES].find(([, e]) => e.output && decodeTensor(e.output).shape.length > 0)![0];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false });
  return { code, stdout, stderr };
}

describe('the committed machine overlays', () => {
  const base = loadGoldens([GOLDEN]);

  it('say which class the golden files were recorded on', () => {
    expect(baseMachineClass(base)).toBe(BASE);
  });

  it.each(RELEASES)('hold an intact file per op for the Intel class and Paddle %s, non-empty exactly for the ops whose descriptor declares CPU-dependent results', (version) => {
    const overlays = loadMachineOverlays(GOLDEN, INTEL, version, BASE);
    // A file for every op the class was recorded with (the Intel recording predates l1_loss and later ops).
    expect(overlays.length).toBeGreaterThan(0);
    expect(overlays.every((o) => OPS.some((op) => op.family === o.overlay.api))).toBe(true);
    for (const o of overlays) expect(o.overlay.cases.length > 0).toBe(opForFamily(o.overlay.api)!.cpuDependent !== undefined);
  });

  it('name only cases the descriptor declares CPU-dependent, or whose recording passes bitwise against the base class anyway', () => {
    // A bitwise fuzz against a live Paddle can then meet a machine's own bits only where the descriptor lets it judge by value.
    const undeclared = base.filter((c) => INTEL_CASES.has(c.golden.id) && !opForFamily(c.golden.id.split('/')[0]!)!.cpuDependent!.applies(c.golden.request));
    for (const c of undeclared) {
      const { reduction_basis: _b, ...answer } = INTEL_CASES.get(c.golden.id)!;
      expect(compareResponse(c.golden, { id: c.golden.id, ...answer }, { bitwise: true }, opForFamily(c.golden.id.split('/')[0]!)).status).toBe('pass');
    }
    expect(undeclared.length).toBeLessThan(INTEL_CASES.size);
  });

  it('are refused when edited by hand, naming the file and the field', () => {
    const root = mkdtempSync(join(tmpdir(), 'golden-'));
    cpSync(GOLDEN, root, { recursive: true });
    const family = DEPENDENT.split('/')[0]!;
    const path = machineOverlayPath(root, INTEL, BASE_RELEASE, family);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.cases.pop();
    writeFileSync(path, JSON.stringify(json));
    expect(() => loadMachineOverlays(root, INTEL, BASE_RELEASE, BASE)).toThrow(new RegExp(`${family}\\.json: \\$\\.provenance\\.content_sha256: .*edited by hand`));
  });

  it('are refused when their provenance is of another class than their folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'golden-'));
    cpSync(GOLDEN, root, { recursive: true });
    const path = machineOverlayPath(root, INTEL, BASE_RELEASE, OPS[0]!.family);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.provenance.oracle.machine_class = 'x86-64-intel-avx2';
    writeFileSync(path, JSON.stringify(json));
    expect(() => loadMachineOverlays(root, INTEL, BASE_RELEASE, BASE)).toThrow(/\$\.provenance\.oracle\.machine_class: is "x86-64-intel-avx2", not x86-64-intel-avx512/);
  });
});

describe('a machine overlay that is gone or malformed (issue 19, item 13)', () => {
  /** A golden root holding a copy of the committed machine overlays only. */
  const machinesCopy = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'golden-'));
    cpSync(join(GOLDEN, 'machines'), join(root, 'machines'), { recursive: true });
    return root;
  };

  it('a file the class has for other releases but not this one is refused, not read as "no difference"', () => {
    const root = machinesCopy();
    const family = DEPENDENT.split('/')[0]!;
    rmSync(machineOverlayPath(root, INTEL, '2.6.2', family));
    expect(() => loadMachineOverlays(root, INTEL, '2.6.2', BASE)).toThrow(GoldenError);
    expect(() => loadMachineOverlays(root, INTEL, '2.6.2', BASE)).toThrow(
      new RegExp(`2\\.6\\.2/${family}\\.json: \\$: missing: the class ${INTEL} records ${family} for other releases, but its overlay for Paddle 2\\.6\\.2 is gone, and without it ${family} would be judged by ${BASE}'s results; restore the file`),
    );
    expect(loadMachineOverlays(root, INTEL, '3.0.0', BASE).length).toBeGreaterThan(0);
  });

  it('so is a whole release folder of a recorded class', () => {
    const root = machinesCopy();
    rmSync(join(root, 'machines', INTEL, '3.1.0'), { recursive: true });
    expect(() => loadMachineOverlays(root, INTEL, '3.1.0', BASE)).toThrow(/3\.1\.0\/\w+\.json: \$: missing: /);
  });

  it('a null or repeated case is a bad golden file, not an internal error', () => {
    const root = machinesCopy();
    const family = DEPENDENT.split('/')[0]!;
    const path = machineOverlayPath(root, INTEL, BASE_RELEASE, family);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    const write = (cases: unknown[]) => writeFileSync(path, JSON.stringify({ ...json, cases, provenance: { ...json.provenance, content_sha256: contentHash(cases as never) } }));
    write([...json.cases, null]);
    expect(() => loadMachineOverlays(root, INTEL, BASE_RELEASE, BASE)).toThrow(new RegExp(`\\$\\.cases\\[${json.cases.length}\\]: must be \\{"id": "<case id>", "expected": \\{\\.\\.\\.\\}\\}, got null`));
    write([json.cases[0], ...json.cases]);
    expect(() => loadMachineOverlays(root, INTEL, BASE_RELEASE, BASE)).toThrow(/\$\.cases\[1\]\.id: ".*" repeats the id of \$\.cases\[0\]/);
  });
});

describe('choosing the class', () => {
  const base = loadGoldens([GOLDEN]);

  it("defaults to this machine's class where it has overlays, else the golden files' class", () => {
    expect(suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, undefined, INTEL).machine).toBe(INTEL);
    expect(suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, undefined, 'x86-64-amd-avx2').machine).toBe(BASE);
    expect(suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, undefined, undefined).machine).toBe(BASE);
  });

  it("gives each machine-dependent case the other class's expectation as a variant", () => {
    const onBase = suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, BASE, undefined);
    const onIntel = suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, INTEL, undefined);
    const a = onBase.cases.find((c) => c.golden.id === DEPENDENT)!;
    const b = onIntel.cases.find((c) => c.golden.id === DEPENDENT)!;
    expect(a.machineVariants?.map((v) => v.machine_class)).toEqual([INTEL]);
    expect(b.machineVariants?.map((v) => v.machine_class)).toEqual([BASE]);
    expect(b.golden.expected).toEqual(a.machineVariants![0]!.expected);
    expect(b.provenance.oracle.cpu).toBe('Intel(R) Xeon(R) Processor');
    expect(onBase.cases.filter((c) => c.machineVariants).map((c) => c.golden.id)).toEqual([...INTEL_CASES.keys()].sort());
  });

  it('refuses a class without expectations, listing the known ones', () => {
    expect(() => suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, 'riscv64-sifive', undefined)).toThrow(`no expectations are kept for the machine class "riscv64-sifive"; choose one of ${BASE}, ${INTEL}`);
  });
});

describe('a verdict that does not depend on --machine', () => {
  const base = loadGoldens([GOLDEN]);
  const onBase = suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, BASE, undefined).cases.filter((c) => INTEL_CASES.has(c.golden.id));
  const onIntel = suiteForMachine(base, base, [GOLDEN], BASE_RELEASE, INTEL, undefined).cases.filter((c) => INTEL_CASES.has(c.golden.id));
  /** What Intel's Paddle answered, as a port would answer it (no reduction basis). */
  const intelAnswer = (id: string): ResponseJson => {
    const { reduction_basis: _b, ...expected } = INTEL_CASES.get(id)!;
    return { id, ...expected };
  };
  const intelPaddle: Port = { name: 'intel', handle: async (r) => intelAnswer(r.id), close: async () => {} };

  it.each([[BASE, onBase], [INTEL, onIntel]] as const)("Intel's Paddle passes every machine-dependent case bitwise against the %s expectations", async (_name, cases) => {
    const results = await Promise.all(cases.map((c) => runCase(c, intelPaddle, true, 1000)));
    expect(results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([]);
  });

  it("some of them pass against the base class only through Intel's own recording (a NaN's sign), and say so", async () => {
    const results = await Promise.all(onBase.map((c) => runCase(c, intelPaddle, true, 1000)));
    expect(results.filter((r) => r.machineClass === INTEL).length).toBeGreaterThan(0);
    expect(results.filter((r) => r.machineClass !== undefined && r.machineClass !== INTEL)).toEqual([]);
  });

  it('a value no recorded class gives still fails', async () => {
    const c = onIntel.find((x) => x.golden.id === DEPENDENT)!;
    const answer = intelAnswer(DEPENDENT);
    const t = decodeTensor(answer.output);
    const moved = { ...answer, output: encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map((v) => v * 1.01 + 1))) };
    const port: Port = { name: 'off', handle: async () => moved, close: async () => {} };
    expect((await runCase(c, port, false, 1000)).status).toBe('fail');
  });
});

describe('the command line', () => {
  it('run --machine names the class in the verdict line and the JSON report', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'machine-')), 'r.json');
    const junit = join(mkdtempSync(join(tmpdir(), 'machine-')), 'r.xml');
    const out = await cli('run', '--machine', INTEL, '--api', DEPENDENT.split('/')[0]!, '--bitwise', '--json', json, '--junit', junit);
    expect(readFileSync(junit, 'utf8')).toContain(`<property name="machine_class" value="${INTEL}"/>`);
    const cases = JSON.parse(readFileSync(json, 'utf8')).cases as { id: string; expected_machine_class?: string; machine_variants?: unknown[] }[];
    expect(cases.find((c) => c.id === DEPENDENT)).toMatchObject({ expected_machine_class: INTEL, machine_variants: [{ machine_class: BASE }] });
    expect(cases.find((c) => !INTEL_CASES.has(c.id))!.expected_machine_class).toBe(BASE);
    expect(out.stdout).toContain(`expectations: Paddle ${BASE_RELEASE} on ${INTEL}`);
    // The reference computes as the base class does: where Intel's NaN differs, it passes on the base class's recording.
    expect(out.stdout).toMatch(/\d+ machine-dependent result\(s\) matched another class's recording \(x86-64-amd-avx512\)/);
    expect(JSON.parse(readFileSync(json, 'utf8')).options.machine_class).toBe(INTEL);
    expect(out.code).toBe(0);
  });

  it('run --machine with an unknown class is a usage error', async () => {
    const out = await cli('run', '--machine', 'x86-64-via-sse', '--filter', DEPENDENT);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--machine: no expectations are kept for the machine class "x86-64-via-sse"; choose one of ${BASE}, ${INTEL}`);
  });

  it('show prints the class a golden came from and what the other class gives', async () => {
    const out = await cli('show', DEPENDENT, '--machine', BASE);
    expect(out.stdout).toContain(`Expected (what Paddle did on ${BASE}):`);
    expect(out.stdout).toContain(`Expected on ${INTEL} (this result depends on the CPU; a port may match either):`);
    expect(out.stdout).toMatch(/machine class: x86-64-amd-avx512 \(AuthenticAMD; .*avx512f.*\); 1 thread\(s\); flags .*FLAGS_use_accuracy_compatible_kernel=false/);
  });
});
