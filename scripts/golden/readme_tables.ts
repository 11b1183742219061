/**
 * `npm run golden:tables`: the README's tables of ops and of golden groups,
 * generated from the registry and the committed golden files. `--write` puts
 * them into README.md between their markers; a test holds the README to them.
 */
import { readFileSync } from 'node:fs';
import { writeReportFile } from '../../conformance/report_file.js';
import { join } from 'node:path';
import { CORRECT_VARIANTS, MUTANTS } from '../../conformance/mutants/catalog.js';
import type { KwargSpec, OpDescriptor } from '../../conformance/op.js';
import { OPS } from '../../conformance/ops/index.js';
import { GOLDEN_ROOT, isEntryPoint, readGoldenSet, REPO_ROOT, runCli } from './regeneration.js';
import { withSection } from './release_table.js';

/** The markers of the ops table. */
export const OPS_TABLE = ['<!-- ops-table:start (npm run golden:tables -- --write) -->', '<!-- ops-table:end -->'] as const;
/** The markers of the groups table. */
export const GROUPS_TABLE = ['<!-- groups-table:start (npm run golden:tables -- --write) -->', '<!-- groups-table:end -->'] as const;

/** Every registered op: its names and its golden cases by level. */
export function opsTable(goldenRoot: string = GOLDEN_ROOT): string {
  const files = [...readGoldenSet(goldenRoot).files.values()];
  const rows = OPS.map((op) => {
    const cases = files.filter((f) => f.api === op.family).flatMap((f) => f.cases);
    const spec = cases.filter((c) => c.level === 'spec').length;
    return `| \`${op.family}\` | \`${op.functional}\` | ${layerCell(op)} | ${cases.length} (${spec} + ${cases.length - spec}) |`;
  });
  const total = files.reduce((n, f) => n + f.cases.length, 0);
  return ['| Op (`--api`) | Functional form | Layer | Goldens (spec + paddle) |', '|---|---|---|---|', ...rows, `| **all** | | | **${total}** in ${files.length} files |`].join('\n');
}

/** The golden cases of each group of each op. */
export function groupsTable(goldenRoot: string = GOLDEN_ROOT): string {
  const files = [...readGoldenSet(goldenRoot).files.values()];
  const groups = [...new Set(files.map((f) => f.group))].sort();
  const count = (family: string, group: string): string => String(files.find((f) => f.api === family && f.group === group)?.cases.length ?? '');
  return [
    `| group | ${OPS.map((op) => op.family).join(' | ')} |`,
    `|---|${OPS.map(() => '---').join('|')}|`,
    ...groups.map((g) => `| ${g} | ${OPS.map((op) => count(op.family, g)).join(' | ')} |`),
  ].join('\n');
}

/** The markers of PROTOCOL.md's table of ops. */
export const PROTOCOL_TABLE = ['<!-- protocol-ops-table:start (npm run golden:tables -- --write) -->', '<!-- protocol-ops-table:end -->'] as const;
/** The markers of the README's kill-rate sentence. */
export const KILL_RATE = ['<!-- kill-rate:start (npm run golden:tables -- --write) -->', '<!-- kill-rate:end -->'] as const;

/** Every registered op as a port sees it: names, tensors in positional order, gradients, keywords with defaults. */
export function protocolOpsTable(): string {
  const code = (s: string): string => `\`${s}\``;
  const rows = OPS.map((op) => {
    const kwargs = op.kwargs.filter((k) => !k.layerOnly).map((k) => code(k.required ? k.name : `${k.name}=${pythonLiteral(k)}`));
    const lists = (op.tensorLists ?? []).map((t) => code(`${t}.<i>.<j>`));
    const tensors = [...op.tensors.map(code), ...lists, ...(op.optionalTensors ?? []).map((t) => code(`${t}=None`))];
    // An op with several outputs names them in its first cell, in Paddle's return order (PROTOCOL.md, "Several outputs").
    const outputs = op.outputs ? ` → (${op.outputs.map(code).join(', ')})` : '';
    return `| ${code(op.family)}${outputs} | ${code(op.functional)} | ${layerCell(op)} | ${tensors.join(', ')} | ${op.differentiable.map(code).join(', ')} | ${kwargs.join(', ')} |`;
  });
  return ['| Op (`--api`) | Functional form | Layer | Tensors, in positional order | Gradients | Keywords, with defaults |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The layer's name and its aliases, or what stands in for a layer Paddle does not have. */
function layerCell(op: OpDescriptor): string {
  if (op.layer === undefined) return '(functional only)';
  const aliases = op.layerAliases ?? [];
  return `\`${op.layer}\`${aliases.length > 0 ? ` (also ${aliases.map((a) => `\`${a}\``).join(', ')})` : ''}`;
}

/** A keyword's default as Python writes it: 1.0 for a float, 1 for an int ({"int": 1}), 'mean', True, None. */
export function pythonLiteral(k: KwargSpec): string {
  const d = k.default;
  if (d === null) return 'None';
  if (typeof d === 'object') return 'int' in d ? String(d.int) : `'${d.str}'`;
  if (typeof d === 'boolean') return d ? 'True' : 'False';
  if (typeof d === 'string') return `'${d}'`;
  return k.kind === 'float' && Number.isInteger(d) ? `${String(d)}.0` : String(d);
}

/** The teeth in one sentence: mutants, ops, golden cases and correct variants, counted from the catalog and the goldens (mutants.test.ts holds every mutant killed). */
export function killRateLine(goldenRoot: string = GOLDEN_ROOT): string {
  const cases = [...readGoldenSet(goldenRoot).files.values()].reduce((n, f) => n + f.cases.length, 0);
  const mutants = MUTANTS.length;
  return `**Kill rate: ${mutants}/${mutants}** over the ${OPS.length} ops and ${cases} golden cases; ${CORRECT_VARIANTS.length} correct variants pass every case.`;
}

/** PROTOCOL.md text with its table of ops in place. */
export function withProtocolTables(protocol: string): string {
  return withSection(protocol, protocolOpsTable(), ...PROTOCOL_TABLE);
}

/** The markers of an op's rules table. */
export function rulesTableMarkers(family: string): readonly [string, string] {
  return [`<!-- rules-table:${family}:start (npm run golden:tables -- --write) -->`, `<!-- rules-table:${family}:end -->`];
}

/** An op's rules: each with its summary and the alternatives (mutants) that stand for what a port does instead. */
export function rulesTable(family: string): string {
  const op = OPS.find((o) => o.family === family);
  if (!op) throw new Error(`no op ${family} is registered`);
  const rows = Object.entries(op.rules).map(([rule, summary]) => {
    const alternatives = op.mutants.filter((m) => m.rule === rule).map((m) => `\`${m.id}\``).join(', ');
    return `| \`${rule}\` | ${summary.replaceAll('|', '\\|')} | ${alternatives} |`;
  });
  return ['| Rule | What Paddle does | Alternative (mutant) |', '|---|---|---|', ...rows].join('\n');
}

/** README text with every table in place: the ops, the groups, and the rules of each op whose section has markers. */
export function withTables(readme: string, goldenRoot: string = GOLDEN_ROOT): string {
  let text = withSection(withSection(readme, opsTable(goldenRoot), ...OPS_TABLE), groupsTable(goldenRoot), ...GROUPS_TABLE);
  text = withSection(text, killRateLine(goldenRoot), ...KILL_RATE);
  for (const op of OPS) {
    const markers = rulesTableMarkers(op.family);
    if (text.includes(markers[0])) text = withSection(text, rulesTable(op.family), ...markers);
  }
  return text;
}

/** Prints the tables, or with --write puts them into README.md. */
export async function main(argv: string[]): Promise<number> {
  if (!argv.includes('--write')) {
    console.log(`${opsTable()}\n\n${groupsTable()}`);
    return 0;
  }
  const path = join(REPO_ROOT, 'README.md');
  writeReportFile(path, withTables(readFileSync(path, 'utf8')));
  const protocol = join(REPO_ROOT, 'conformance/PROTOCOL.md');
  writeReportFile(protocol, withProtocolTables(readFileSync(protocol, 'utf8')));
  console.log('README.md: ops, groups, rules tables and the kill rate updated; conformance/PROTOCOL.md: the ops table');
  return 0;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'golden:tables');
