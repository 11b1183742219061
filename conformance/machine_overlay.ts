/**
 * Machine overlays: what Paddle does on another machine class (machine.ts)
 * where that differs from the class the golden files were recorded on.
 *
 * golden/machines/<class>/<X>/<family>.json holds, for release X, only the
 * cases whose expected result on that class differs from the base class's
 * expectation for X (the golden files, with X's release overlay), with that
 * machine's provenance. Every op gets a file per release, an empty one when
 * nothing differs, so the files also record that the class was run.
 *
 * A result is machine-dependent when some class records it differently. Such
 * a result is not determined by Paddle alone: the runner accepts a port that
 * matches what any recorded class gives (so its verdicts are the same on every
 * class), and golden:check on a class with no overlay judges it within the
 * op's derived bound rather than bit for bit.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectedJson, GoldenCase, ProvenanceJson } from './case.js';
import { checkOverlayProvenance, compareIds, contentHash, displayPath, GoldenError, MACHINES_DIR, type MachineVariant, type SuiteCase } from './golden.js';

export type { MachineVariant };
import { readJsonFile } from './json_file.js';
import { applyOverlays, checkOverlayCases, differingPerOp, type OverlayCaseJson } from './releases.js';
import { stringifyExact } from './wire.js';

/** The format tag every machine overlay file carries. */
export const MACHINE_OVERLAY_FORMAT = 'paddle-conformance/machine-overlay@1';

/** One machine overlay file: one op's differing cases for one release on one machine class. */
export interface MachineOverlayFileJson {
  /** Always MACHINE_OVERLAY_FORMAT. */
  format: typeof MACHINE_OVERLAY_FORMAT;
  /** The op's family name. */
  api: string;
  /** The release these expectations come from. */
  paddle_version: string;
  /** The class they were recorded on. */
  machine_class: string;
  /** The class the golden files were recorded on. */
  base_machine_class: string;
  /** That machine's provenance; content_sha256 hashes `cases`. */
  provenance: ProvenanceJson;
  /** The differing cases, sorted by id. */
  cases: OverlayCaseJson[];
}

/** A machine overlay as read: the file and its content. */
export interface LoadedMachineOverlay {
  /** The file it was read from. */
  file: string;
  /** Its content. */
  overlay: MachineOverlayFileJson;
}


/** A --machine value that names no class with expectations. */
export class MachineChoiceError extends Error {
  constructor(machine: string, known: readonly string[]) {
    super(`no expectations are kept for the machine class ${JSON.stringify(machine)}; choose one of ${known.join(', ')}`);
    this.name = 'MachineChoiceError';
  }
}

/** Where one op's machine overlay for one release and class lives under a golden root. */
export function machineOverlayPath(goldenRoot: string, machine: string, version: string, family: string): string {
  return join(goldenRoot, MACHINES_DIR, machine, version, `${family}.json`);
}

/** The exact text of a machine overlay file, as golden:generate writes it. */
export function serializeMachineOverlay(file: MachineOverlayFileJson): string {
  return `${stringifyExact(file, 1)}\n`;
}

/**
 * The class the golden files were recorded on, read from their provenance;
 * GoldenError when files disagree, undefined when none records it (a set
 * recorded before classes were kept).
 */
export function baseMachineClass(cases: readonly SuiteCase[]): string | undefined {
  const classes = new Map<string, string>();
  for (const c of cases) {
    const machine = c.provenance.oracle.machine_class;
    if (machine !== undefined && !classes.has(machine)) classes.set(machine, c.file);
  }
  if (classes.size > 1) {
    const [[a, fa], [b, fb]] = [...classes] as [[string, string], [string, string]];
    throw new GoldenError(fb, '$.provenance.oracle.machine_class', `is ${JSON.stringify(b)} but ${fa} says ${JSON.stringify(a)}; one golden set is recorded on one machine class`);
  }
  return classes.keys().next().value;
}

/** The classes with overlays under a golden root, sorted. */
export function overlaidMachineClasses(goldenRoot: string): string[] {
  const dir = join(goldenRoot, MACHINES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(compareIds);
}

/**
 * Reads and checks one class's overlays for one release: format, names,
 * provenance (its machine class and release must be the folder's), content
 * hash. [] when the class has no overlays at all under this root. A class
 * records the same ops for every release, so an op it records for some
 * release but not for this one is a deleted file (or folder): GoldenError,
 * since its cases would silently be judged by the base class's results.
 */
export function loadMachineOverlays(goldenRoot: string, machine: string, version: string, base: string): LoadedMachineOverlay[] {
  const dir = join(goldenRoot, MACHINES_DIR, machine, version);
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')).sort(compareIds) : [];
  const missing = recordedFamilies(goldenRoot, machine).find((family) => !names.includes(`${family}.json`));
  if (missing !== undefined) {
    throw new GoldenError(displayPath(machineOverlayPath(goldenRoot, machine, version, missing)), '$',
      `missing: the class ${machine} records ${missing} for other releases, but its overlay for Paddle ${version} is gone, and without it ${missing} would be judged by ${base}'s results; ` +
      `restore the file from version control, or record it again on a ${machine} machine: npm run golden:generate -- --paddle ${version} (or --recorded <dir> from a recording)`);
  }
  return names.map((name) => {
    const file = join(dir, name);
    return { file, overlay: readMachineOverlay(file, { machine, version, base, family: name.slice(0, -'.json'.length) }) };
  });
}

/** The ops a class has overlay files for, in any release folder under a golden root. */
function recordedFamilies(goldenRoot: string, machine: string): string[] {
  const dir = join(goldenRoot, MACHINES_DIR, machine);
  if (!existsSync(dir)) return [];
  const releases = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  const names = releases.flatMap((e) => readdirSync(join(dir, e.name)).filter((name) => name.endsWith('.json')));
  return [...new Set(names.map((name) => name.slice(0, -'.json'.length)))].sort(compareIds);
}

/** The names a machine overlay's place fixes. */
interface OverlayPlace {
  machine: string;
  version: string;
  base: string;
  family: string;
}

function readMachineOverlay(file: string, place: OverlayPlace): MachineOverlayFileJson {
  const bad = (path: string, message: string) => new GoldenError(displayPath(file), path, message);
  const json = readJsonFile(file, bad) as Partial<MachineOverlayFileJson> | null;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw bad('$', 'must be a machine overlay object');
  if (json.format !== MACHINE_OVERLAY_FORMAT) throw bad('$.format', `must be ${JSON.stringify(MACHINE_OVERLAY_FORMAT)}; this is not a machine overlay`);
  if (json.api !== place.family) throw bad('$.api', `is ${JSON.stringify(json.api)} but the file is named ${place.family}.json`);
  if (json.paddle_version !== place.version) throw bad('$.paddle_version', `is ${JSON.stringify(json.paddle_version)} but the file sits under ${place.version}/`);
  if (json.machine_class !== place.machine) throw bad('$.machine_class', `is ${JSON.stringify(json.machine_class)} but the file sits under machines/${place.machine}/`);
  if (json.base_machine_class !== place.base) {
    throw bad('$.base_machine_class', `is ${JSON.stringify(json.base_machine_class)}, but the golden files were recorded on ${place.base}; regenerate the overlay`);
  }
  checkOverlayProvenance(json.provenance, file);
  const oracle = json.provenance!.oracle;
  if (oracle.paddle_version !== place.version) throw bad('$.provenance.oracle.paddle_version', `is ${oracle.paddle_version}, not ${place.version}`);
  if (oracle.machine_class !== place.machine) throw bad('$.provenance.oracle.machine_class', `is ${JSON.stringify(oracle.machine_class)}, not ${place.machine}: the recording is of another class`);
  checkOverlayCases(json.cases, place.family, bad, `npm run golden:generate -- --paddle ${place.version} on a ${place.machine} machine`);
  const hash = contentHash(json.cases as unknown as GoldenCase[]);
  if (hash !== json.provenance!.content_sha256) {
    throw bad('$.provenance.content_sha256', `is ${json.provenance!.content_sha256} but the cases hash to ${hash}; the file was edited by hand or truncated: regenerate it`);
  }
  return json as MachineOverlayFileJson;
}

/** The suite as Paddle behaves on a machine class: the cases its overlays name get its expectation and provenance. */
export function applyMachineOverlays(cases: readonly SuiteCase[], overlays: readonly LoadedMachineOverlay[]): SuiteCase[] {
  return applyOverlays(cases, overlays);
}

/**
 * Each case's expectations on the other recorded classes, where they differ
 * from the one the case holds: `cases` is the suite for `chosen` (the base
 * class, or a class with its overlay applied), `expectations` every recorded
 * class's expectation of the machine-dependent cases (machineExpectations).
 */
export function withMachineVariants(cases: readonly SuiteCase[], chosen: string, expectations: ReadonlyMap<string, ReadonlyMap<string, ExpectedJson>>): SuiteCase[] {
  return cases.map((c) => {
    const byClass = expectations.get(c.golden.id);
    if (!byClass) return c;
    const own = stringifyExact(c.golden.expected);
    const variants = [...byClass]
      .filter(([machine, expected]) => machine !== chosen && stringifyExact(expected) !== own)
      .map(([machine, expected]) => ({ machine_class: machine, expected }));
    return variants.length > 0 ? { ...c, machineVariants: variants } : c;
  });
}

/**
 * What every recorded class expects of each machine-dependent case of one
 * release: case id → class → expectation. `cases` is the base class's suite
 * for that release; a case is machine-dependent when any overlay names it.
 */
export function machineExpectations(cases: readonly SuiteCase[], base: string, overlays: ReadonlyMap<string, readonly LoadedMachineOverlay[]>): Map<string, Map<string, ExpectedJson>> {
  const baseExpected = new Map(cases.map((c) => [c.golden.id, c.golden.expected]));
  const result = new Map<string, Map<string, ExpectedJson>>();
  for (const [machine, loaded] of overlays) {
    for (const { overlay } of loaded) {
      for (const c of overlay.cases) {
        const own = baseExpected.get(c.id);
        if (own === undefined) continue;
        const byClass = result.get(c.id) ?? new Map([[base, own]]);
        byClass.set(machine, c.expected);
        result.set(c.id, byClass);
      }
    }
  }
  return result;
}

/**
 * The overlay of each op for one class and release: the cases of `fresh`
 * (that class's run of the plan) whose expectation differs from `base`
 * (the base class's expectations for the release), with the class's provenance.
 */
export function buildMachineOverlays(base: readonly GoldenCase[], fresh: readonly GoldenCase[], place: { version: string; machine: string; baseMachine: string }, provenance: Omit<ProvenanceJson, 'content_sha256'>): MachineOverlayFileJson[] {
  return differingPerOp(base, fresh, `the ${place.machine} run`).map(({ family, cases }) => ({
    format: MACHINE_OVERLAY_FORMAT,
    api: family,
    paddle_version: place.version,
    machine_class: place.machine,
    base_machine_class: place.baseMachine,
    provenance: { ...provenance, content_sha256: contentHash(cases as GoldenCase[]) },
    cases,
  }));
}

/** The suite for one machine class, and what it was chosen from. */
export interface MachineSuite {
  /** The cases, with the class's expectations and every other class's variants. */
  cases: SuiteCase[];
  /** The class whose expectations the cases hold; undefined when the golden set records none. */
  machine: string | undefined;
  /** The class the golden files were recorded on. */
  base: string | undefined;
  /** Every class with expectations: the base and each overlaid class. */
  known: string[];
}

/**
 * The suite as Paddle release `version` behaves on a machine class: `base`
 * are the golden files' cases (before any release overlay), `cases` the same
 * with the release's overlay applied. The class is `choice`, or else this
 * machine's class where overlays exist for it, or else the base class.
 * MachineChoiceError when `choice` names a class without expectations.
 */
export function suiteForMachine(base: readonly SuiteCase[], cases: readonly SuiteCase[], roots: readonly string[], version: string, choice: string | undefined, here: string | undefined): MachineSuite {
  const baseClass = baseMachineClass(base);
  if (baseClass === undefined) {
    if (choice !== undefined) throw new MachineChoiceError(choice, ['(none: these golden files do not record the machine class they were recorded on)']);
    return { cases: [...cases], machine: undefined, base: undefined, known: [] };
  }
  const classes = [...new Set(roots.flatMap(overlaidMachineClasses))].filter((m) => m !== baseClass).sort(compareIds);
  const known = [baseClass, ...classes];
  if (choice !== undefined && !known.includes(choice)) throw new MachineChoiceError(choice, known);
  const machine = choice ?? (here !== undefined && classes.includes(here) ? here : baseClass);
  const overlays = new Map(classes.map((m) => [m, roots.flatMap((root) => loadMachineOverlays(root, m, version, baseClass))]));
  const expectations = machineExpectations(cases, baseClass, overlays);
  const chosen = machine === baseClass ? [...cases] : applyMachineOverlays(cases, overlays.get(machine)!);
  return { cases: withMachineVariants(chosen, machine, expectations), machine, base: baseClass, known };
}
