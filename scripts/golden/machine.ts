/**
 * Expectations per machine class, regenerated and checked: what Paddle gives
 * on a class other than the one the golden files were recorded on, from a
 * Paddle run on this machine or from a recording made on another one
 * (`--recorded <dir>`: a golden root written there by golden:generate --out,
 * with that machine's cpu.txt when its provenance predates machine classes).
 *
 * golden:generate writes such a class's differences as machine overlays
 * (conformance/machine_overlay.ts) and never rewrites the base because the
 * CPU differs; golden:check compares a class with overlays exactly, and a
 * class without judges the machine-dependent results within the op's bound.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldenCase, GoldenFileJson, ProvenanceJson } from '../../conformance/case.js';
import { compareResponse } from '../../conformance/compare.js';
import { opForApi } from '../../conformance/ops/index.js';
import { displayPath, GoldenError, loadGoldenFile } from '../../conformance/golden.js';
import { machineClass, parseCpuText } from '../../conformance/machine.js';
import {
  buildMachineOverlays, loadMachineOverlays, machineOverlayPath, overlaidMachineClasses, serializeMachineOverlay, type MachineOverlayFileJson,
} from '../../conformance/machine_overlay.js';
import { BASE_RELEASE, loadOverlays, type OverlayFileJson } from '../../conformance/releases.js';
import { stringifyExact } from '../../conformance/wire.js';
import { diffGoldenSets } from './change.js';
import { withStableCrash } from './overlay.js';
import { CannotRun, readGoldenSet, regenerate } from './regeneration.js';
import type { FileWrite } from './writer.js';

/** One release's expectations as some machine gives them: every case, and the provenance they came with. */
export interface ReleaseRun {
  /** The release. */
  version: string;
  /** Every case of the plan, with that machine's expectation. */
  cases: GoldenCase[];
  /** The run's provenance (the release's, with the machine's facts and class). */
  oracle: ProvenanceJson['oracle'];
  /** The generator that planned the cases. */
  generator: ProvenanceJson['generator'];
  /** Recorded elsewhere, perhaps with an older plan: judged by result on the cases both hold with the same request. */
  recorded?: true;
}

/** Where fresh expectations come from: Paddle on this machine, or a recording made on another. */
export interface ExpectationSource {
  /** The ops it has expectations for (a recording made before an op was registered lacks it). */
  readonly families: readonly string[];
  /** For messages: "a fresh run of Paddle 3.3.1", "the recording in <dir>". */
  describe(version: string): string;
  /** Every case of one release. Throws CannotRun when it cannot be had. */
  release(version: string): Promise<ReleaseRun>;
}

/** Fresh expectations from Paddle on this machine (venvs made on first use). */
export function paddleSource(families: readonly string[]): ExpectationSource {
  return {
    families,
    describe: (version) => `a fresh run of Paddle ${version}`,
    async release(version) {
      const files = await regenerate({ paddleVersion: version });
      const cases = files.filter((f) => families.includes(f.api)).flatMap((f) => f.cases).map(withStableCrash);
      const { oracle, generator } = files[0]!.provenance;
      return { version, cases, oracle, generator };
    },
  };
}

/**
 * Expectations recorded elsewhere: `<dir>/<family>/<group>.json` for the base
 * release and `<dir>/releases/<X>/<family>.json` overlays relative to that
 * recording's own base. Every file must be intact (its content hash) and say
 * which CPU it ran on: through its provenance, or `<dir>/cpu.txt` (`lscpu`
 * or /proc/cpuinfo text), whose model name must be the provenance's.
 */
export function recordedSource(given: string, families: readonly string[]): ExpectationSource {
  if (!existsSync(given)) throw new CannotRun(`--recorded ${given}: no such directory`);
  // A machine's folder (../shared/machines/<name>/) keeps the recording in golden/ beside its cpu.txt.
  const dir = readGoldenSet(given, families).texts.size === 0 && existsSync(join(given, 'golden')) ? join(given, 'golden') : given;
  const base = readRecordedBase(dir, families);
  const facts = machineFactsOf(given, dir, base[0]!.provenance.oracle);
  const recorded = families.filter((f) => base.some((file) => file.api === f));
  const missing = families.filter((f) => !recorded.includes(f));
  if (missing.length > 0) console.log(`--recorded ${displayPath(given)}: no expectations for ${missing.join(', ')} (registered after it was recorded): not checked`);
  return {
    families: recorded,
    describe: (version) => `the Paddle ${version} recording in ${displayPath(dir)} (${facts.machine_class})`,
    async release(version) {
      const { generator } = base[0]!.provenance;
      const baseCases = base.flatMap((f) => f.cases);
      if (version === BASE_RELEASE) return { version, cases: baseCases, oracle: { ...base[0]!.provenance.oracle, ...facts }, generator, recorded: true };
      const overlays = readRecordedOverlays(dir, version).filter((o) => families.includes(o.overlay.api));
      const replaced = new Map(overlays.flatMap((o) => o.overlay.cases.map((c) => [c.id, c.expected] as const)));
      const cases = baseCases.map((c) => (replaced.has(c.id) ? { ...c, expected: replaced.get(c.id)! } : c));
      return { version, cases, oracle: { ...overlays[0]!.overlay.provenance.oracle, ...facts }, generator: overlays[0]!.overlay.provenance.generator, recorded: true };
    },
  };
}

function readRecordedBase(dir: string, families: readonly string[]): GoldenFileJson[] {
  const keys = [...readGoldenSet(dir, families).texts.keys()];
  if (keys.length === 0) throw new CannotRun(`--recorded ${dir}: holds no golden files (<family>/<group>.json); record them there with npm run golden:generate -- --out ${dir}`);
  const files = keys.map((key) => refusingEdits(() => loadGoldenFile(join(dir, `${key}.json`))));
  const other = files.find((f) => f.provenance.oracle.paddle_version !== BASE_RELEASE);
  if (other) throw new CannotRun(`--recorded ${dir}: ${other.api}/${other.group}.json was recorded with Paddle ${other.provenance.oracle.paddle_version}, not ${BASE_RELEASE}, the release of the golden files`);
  return files;
}

function readRecordedOverlays(dir: string, version: string): { overlay: OverlayFileJson }[] {
  return refusingEdits(() => loadOverlays(dir, version));
}

/** Runs a read of recorded files, turning a bad or edited file into CannotRun. */
function refusingEdits<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof GoldenError) throw new CannotRun(`the recording cannot be used: ${e.message}`);
    throw e;
  }
}

/** The machine facts of a recording: its own provenance's where it has them, else its cpu.txt's. */
function machineFactsOf(given: string, dir: string, oracle: ProvenanceJson['oracle']): Pick<ProvenanceJson['oracle'], 'cpu_vendor' | 'cpu_features' | 'machine_class'> {
  if (oracle.machine_class !== undefined) return { cpu_vendor: oracle.cpu_vendor, cpu_features: oracle.cpu_features, machine_class: oracle.machine_class };
  const file = [join(dir, 'cpu.txt'), join(given, 'cpu.txt')].find(existsSync) ?? join(dir, 'cpu.txt');
  if (!existsSync(file)) {
    throw new CannotRun(`--recorded ${given}: its provenance does not say which CPU features it ran with; add ${file} (the recording machine's \`lscpu\` output)`);
  }
  const cpu = parseCpuText(readFileSync(file, 'utf8'), oracle.machine);
  if (!cpu) throw new CannotRun(`--recorded ${dir}: ${file} names no vendor and flags; it must be \`lscpu\` output or /proc/cpuinfo text`);
  if (cpu.model !== oracle.cpu) throw new CannotRun(`--recorded ${dir}: ${file} describes a ${cpu.model}, but the recording ran on a ${oracle.cpu}; they must be of the same machine`);
  return { cpu_vendor: cpu.vendor, cpu_features: cpu.features, machine_class: machineClass(cpu) };
}

/**
 * The class the golden files under a root were recorded on; undefined when
 * none records one (recorded before classes were kept), CannotRun when they disagree.
 */
export function committedBaseClass(goldenRoot: string, families: readonly string[]): string | undefined {
  const files = [...readGoldenSet(goldenRoot, families).files.values()];
  const classes = new Set(files.map((f) => f.provenance.oracle.machine_class));
  if (classes.size > 1) {
    throw new CannotRun(`the golden files under ${displayPath(goldenRoot)} were recorded on several machine classes (${[...classes].map(String).join(', ')}); regenerate them on one machine with npm run golden:generate -- --accept`);
  }
  return [...classes][0];
}

/** The base class's expectations for a release: the golden files with the release's overlay, as cases. */
export function baseClassCases(goldenRoot: string, families: readonly string[], version: string): GoldenCase[] {
  const base = [...readGoldenSet(goldenRoot, families).files.values()].flatMap((f) => f.cases);
  if (version === BASE_RELEASE) return base;
  const replaced = new Map(loadOverlays(goldenRoot, version).flatMap((o) => o.overlay.cases.map((c) => [c.id, c.expected] as const)));
  return base.map((c) => (replaced.has(c.id) ? { ...c, expected: replaced.get(c.id)! } : c));
}

/** One machine overlay file as regenerated: where it goes, its text, and the committed text (undefined when absent). */
export interface MachineOverlayText extends FileWrite {
  /** The overlay. */
  overlay: MachineOverlayFileJson;
  /** The committed file's text, when there is one. */
  committed: string | undefined;
}

/** A class's overlays for one release, from a run of it, against the committed base class's expectations. */
export function machineOverlayTexts(goldenRoot: string, families: readonly string[], run: ReleaseRun, baseMachine: string): MachineOverlayText[] {
  const machine = run.oracle.machine_class!;
  const base = baseClassCases(goldenRoot, families, run.version);
  return buildMachineOverlays(base, run.cases, { version: run.version, machine, baseMachine }, { oracle: run.oracle, generator: run.generator })
    .filter((o) => families.includes(o.api))
    .map((overlay) => {
      const path = machineOverlayPath(goldenRoot, machine, run.version, overlay.api);
      return { path, text: serializeMachineOverlay(overlay), overlay, committed: existsSync(path) ? readFileSync(path, 'utf8') : undefined };
    });
}

/** What a check of one release on one class found. */
export interface MachineCheck {
  /** The report text. */
  text: string;
  /** True when anything differs beyond what the class's overlays (or, without them, the bounds) allow. */
  drifted: boolean;
}

/**
 * Checks one release's run on a class other than the base class: exactly
 * against the base class's expectations with the class's overlay when it
 * has one; otherwise, exactly where no recorded class differs and within the
 * op's derived bound where one does.
 */
export function checkMachineRun(goldenRoot: string, families: readonly string[], run: ReleaseRun, baseMachine: string, what: string): MachineCheck {
  const machine = run.oracle.machine_class!;
  const base = baseClassCases(goldenRoot, families, run.version);
  const own = machine === baseMachine ? []
    : overlaidMachineClasses(goldenRoot).includes(machine) ? loadMachineOverlays(goldenRoot, machine, run.version, baseMachine).filter((o) => families.includes(o.overlay.api))
    : undefined;
  const all = own ? replaceExpected(base, own.flatMap((o) => o.overlay.cases)) : base;
  const dependent = own ? new Set<string>() : machineDependentIds(goldenRoot, baseMachine, run.version);
  const { expected, runCases, note } = run.recorded ? onCommonCases(all, run.cases) : { expected: all, runCases: run.cases, note: [] };
  const byId = new Map(expected.map((c) => [c.id, c]));
  const within: { id: string; ratio: number }[] = [];
  const accepted = runCases.map((c) => {
    const want = byId.get(c.id);
    if (!want || !dependent.has(c.id) || stringifyExact(want.expected) === stringifyExact(c.expected)) return c;
    // Judged as a port's answer would be; the basis is the oracle's note for the bound, not part of an answer.
    const { reduction_basis: _basis, ...answer } = c.expected;
    const verdict = compareResponse(want, { id: c.id, ...answer }, { bitwise: false }, opForApi(want.request.api));
    if (verdict.status !== 'pass') return c;
    within.push({ id: c.id, ratio: verdict.closest?.ratio ?? 0 });
    return { ...c, expected: want.expected };
  });
  const changes = diffGoldenSets(asFiles(expected), asFiles(accepted)).cases;
  const lines = [
    `golden:check: ${what} on machine class ${machine} (golden files: ${baseMachine}) vs the committed expectations`,
    own
      ? machine === baseMachine ? `  ${machine} is the golden files' class: compared exactly`
        : `  ${machine} has overlays (golden/machines/${machine}/${run.version}/): compared exactly against the goldens with them, ${own.reduce((n, o) => n + o.overlay.cases.length, 0)} case(s) overlaid`
      : `  ${machine} has no overlays: ${dependent.size} machine-dependent case(s) (recorded differently on another class) are judged within the op's derived bound, every other case exactly`,
    ...note,
    `  ${runCases.length} case(s): ${runCases.length - changes.length - within.length} identical, ${within.length} machine-dependent within the bound, ${changes.length} differ`,
  ];
  if (within.length > 0) {
    const worst = within.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    lines.push(`  closest to the bound: ${worst.id}: ${worst.ratio.toPrecision(3)} of the bound`);
  }
  for (const c of changes) lines.push(`  ${c.id}${c.kind === 'added' || c.kind === 'removed' ? `  (${c.kind === 'added' ? 'only in the run' : 'only in the goldens'})` : ''}`, ...c.details.map((d) => `      ${d}`));
  return { text: lines.join('\n'), drifted: changes.length > 0 };
}

/**
 * A recording made with an older plan, set against the committed goldens:
 * only the cases both hold with the same request, each with the committed
 * case's rules, level and description (plan metadata, not a machine's
 * result) and the recording's expected result.
 */
function onCommonCases(committed: readonly GoldenCase[], recorded: readonly GoldenCase[]): { expected: GoldenCase[]; runCases: GoldenCase[]; note: string[] } {
  const byId = new Map(committed.map((c) => [c.id, c]));
  const same = (c: GoldenCase): boolean => byId.has(c.id) && stringifyExact(byId.get(c.id)!.request) === stringifyExact(c.request);
  const runCases = recorded.filter(same).map((c) => ({ ...byId.get(c.id)!, expected: c.expected }));
  const held = new Set(runCases.map((c) => c.id));
  const unrecorded = committed.length - held.size;
  const retired = recorded.length - runCases.length;
  const note = unrecorded + retired > 0 ? [`  recorded with another plan: ${unrecorded} golden case(s) not in the recording, ${retired} recorded case(s) no longer planned as recorded; compared on the ${held.size} both hold`] : [];
  return { expected: committed.filter((c) => held.has(c.id)), runCases, note };
}

/** The ids any recorded class's overlay names, for a release and for the base release: the results known to depend on the CPU. */
export function machineDependentIds(goldenRoot: string, baseMachine: string, version: string): Set<string> {
  const ids = new Set<string>();
  for (const machine of overlaidMachineClasses(goldenRoot)) {
    for (const v of new Set([BASE_RELEASE, version])) {
      for (const { overlay } of loadMachineOverlays(goldenRoot, machine, v, baseMachine)) for (const c of overlay.cases) ids.add(c.id);
    }
  }
  return ids;
}

function replaceExpected(cases: readonly GoldenCase[], overlay: readonly { id: string; expected: GoldenCase['expected'] }[]): GoldenCase[] {
  const replaced = new Map(overlay.map((c) => [c.id, c.expected]));
  return cases.map((c) => (replaced.has(c.id) ? { ...c, expected: replaced.get(c.id)! } : c));
}

/** Cases as one golden-file map, so diffGoldenSets can compare two lists of cases. */
function asFiles(cases: readonly GoldenCase[]): Map<string, GoldenFileJson> {
  const provenance = { oracle: {}, generator: {}, content_sha256: '' } as unknown as ProvenanceJson;
  return new Map([['all', { format: 'paddle-conformance/golden@1', api: 'all', group: 'all', provenance, cases: [...cases] }]]);
}
