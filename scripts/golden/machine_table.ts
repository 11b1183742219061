/**
 * `npm run golden:machines`: the README's table of the results that depend
 * on the CPU, generated from the committed machine overlays
 * (golden/machines/<class>/<X>/<family>.json): per class and op, how many
 * cases differ from the golden files' class in each release, how they
 * differ, and whose bits the bundled reference reproduces. `--write` puts it
 * into README.md between its markers; a test holds the README to it.
 */
import { readFileSync } from 'node:fs';
import { writeReportFile } from '../../conformance/report_file.js';
import { join } from 'node:path';
import type { AnyExpectedJson, ExpectedJson, GoldenCase, ResponseJson } from '../../conformance/case.js';
import { outputTensors } from '../../conformance/outputs.js';
import { baseMachineClass, loadMachineOverlays, overlaidMachineClasses } from '../../conformance/machine_overlay.js';
import { loadGoldens } from '../../conformance/golden.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { BASE_RELEASE, RELEASES } from '../../conformance/releases.js';
import { bitsAt, decodeTensor, shapeSize, valuesOf, type TensorJson } from '../../conformance/wire.js';
import { GOLDEN_ROOT, isEntryPoint, REPO_ROOT, runCli } from './regeneration.js';
import { withSection } from './release_table.js';

/** The README markers the table sits between. */
export const MACHINE_TABLE_START = '<!-- machine-table:start (npm run golden:machines -- --write) -->';
export const MACHINE_TABLE_END = '<!-- machine-table:end -->';

/** How one class's expectation departs from the base class's. */
type Departure = 'values (within the bound)' | 'sign of a NaN or zero' | 'reduction basis only' | 'outcome';

/** The tensors of an expectation or a response, by field name (`output`, `output[i]` of several, `grad.<input>`). */
function tensorsOf(e: Pick<AnyExpectedJson, 'output' | 'grad'>): Map<string, TensorJson> {
  return new Map([...(e.output ? outputTensors(e.output) : []), ...Object.entries(e.grad ?? {}).map(([k, t]) => [`grad.${k}`, t] as [string, TensorJson])]);
}

/** Whether two sets of tensors are equal bit for bit. */
function sameBits(a: Pick<ExpectedJson, 'output' | 'grad'>, b: Pick<ExpectedJson, 'output' | 'grad'>): boolean {
  const ta = tensorsOf(a);
  const tb = tensorsOf(b);
  if (ta.size !== tb.size) return false;
  for (const [field, x] of ta) {
    const y = tb.get(field);
    if (!y) return false;
    const dx = decodeTensor(x);
    const dy = decodeTensor(y);
    if (dx.dtype !== dy.dtype || dx.shape.join() !== dy.shape.join()) return false;
    for (let i = 0; i < shapeSize(dx.shape); i++) if (bitsAt(dx, i) !== bitsAt(dy, i)) return false;
  }
  return true;
}

/** Whether two sets of tensors are equal as values (NaN equals NaN, +0 equals −0). */
function sameValues(a: Pick<ExpectedJson, 'output' | 'grad'>, b: Pick<ExpectedJson, 'output' | 'grad'>): boolean {
  const tb = tensorsOf(b);
  return [...tensorsOf(a)].every(([field, x]) => {
    const y = tb.get(field);
    const vx = valuesOf(decodeTensor(x));
    const vy = y ? valuesOf(decodeTensor(y)) : [];
    return vx.length === vy.length && vx.every((v, i) => v === vy[i] || (Number.isNaN(v) && Number.isNaN(vy[i]!)));
  });
}

function departure(base: ExpectedJson, other: ExpectedJson): Departure {
  if (Boolean(base.error) !== Boolean(other.error) || (base.output === null) !== (other.output === null)) return 'outcome';
  if (sameBits(base, other)) return 'reduction basis only';
  return sameValues(base, other) ? 'sign of a NaN or zero' : 'values (within the bound)';
}

/** One row: a class and op, with its per-release counts, its kinds and the reference's bit-for-bit matches (in the base release). */
interface MachineRow {
  machine: string;
  family: string;
  counts: Map<string, number>;
  kinds: Map<Departure, number>;
  reference: { base: number; machine: number; results: number };
}

/** The rows of the table, from the committed files. */
export function machineRows(goldenRoot: string = GOLDEN_ROOT): { base: string; rows: MachineRow[] } {
  const cases = loadGoldens([goldenRoot]);
  const base = baseMachineClass(cases) ?? 'unknown';
  const byId = new Map<string, GoldenCase>(cases.map((c) => [c.golden.id, c.golden]));
  const rows: MachineRow[] = [];
  for (const machine of overlaidMachineClasses(goldenRoot)) {
    const perRelease = new Map(RELEASES.map((v) => [v, loadMachineOverlays(goldenRoot, machine, v, base)]));
    for (const { overlay } of perRelease.get(BASE_RELEASE)!) {
      const counts = new Map(RELEASES.map((v) => [v, perRelease.get(v)!.find((o) => o.overlay.api === overlay.api)?.overlay.cases.length ?? 0]));
      if ([...counts.values()].every((n) => n === 0)) continue;
      const kinds = new Map<Departure, number>();
      const reference = { base: 0, machine: 0, results: 0 };
      for (const c of overlay.cases) {
        const golden = byId.get(c.id)!;
        const kind = departure(golden.expected, c.expected);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (kind === 'reduction basis only') continue;
        const answer: ResponseJson = opForFamily(overlay.api)!.reference({ id: c.id, ...golden.request });
        reference.results++;
        if (sameBits(golden.expected, answer)) reference.base++;
        if (sameBits(c.expected, answer)) reference.machine++;
      }
      rows.push({ machine, family: overlay.api, counts, kinds, reference });
    }
  }
  return { base, rows };
}

/** "35 in 3.0.0–3.3.1, 34 in 2.6.2": the releases grouped by their count, in release order. */
function countsText(counts: ReadonlyMap<string, number>): string {
  const groups = new Map<number, string[]>();
  for (const [v, n] of counts) groups.set(n, [...(groups.get(n) ?? []), v]);
  return [...groups].map(([n, vs]) => `${n} in ${vs.length === 1 ? vs[0] : vs.length === RELEASES.length ? 'every release' : `${vs[0]}–${vs[vs.length - 1]}`}`).join(', ');
}

/** The markdown table. */
export function machineTable(goldenRoot: string = GOLDEN_ROOT): string {
  const { base, rows } = machineRows(goldenRoot);
  const body = rows.map((r) => {
    const how = [...r.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(', ');
    const ref = `${r.machine}'s bits in ${r.reference.machine} of ${r.reference.results}; ${base}'s in ${r.reference.base} of ${r.reference.results}`;
    return `| ${r.machine} | ${r.family} | ${countsText(r.counts)} | ${how} | ${ref} |`;
  });
  return [
    `Cases whose result on another machine class differs from the golden files' class, ${base} (every other op and case is byte-identical there, in every release):`,
    '',
    `| class | op | cases that differ | how (Paddle ${BASE_RELEASE}) | the reference reproduces |`,
    '|---|---|---|---|---|',
    ...body,
  ].join('\n');
}

/** Prints the table, or with --write puts it into README.md. */
export async function main(argv: string[]): Promise<number> {
  const table = machineTable();
  if (!argv.includes('--write')) {
    console.log(table);
    return 0;
  }
  const path = join(REPO_ROOT, 'README.md');
  writeReportFile(path, withSection(readFileSync(path, 'utf8'), table, MACHINE_TABLE_START, MACHINE_TABLE_END));
  console.log(`README.md: machine table updated (${machineRows().rows.length} row(s))`);
  return 0;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'golden:machines');
