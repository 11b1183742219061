/**
 * Writes a new op's files into a repository and registers it: the registry's
 * one line and reference/index.ts's exports. Nothing is written when any file
 * already exists or the family is registered, so a run never clobbers work.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScaffoldError, namesOf, type OpShape } from './op_shape.js';
import { referenceExports, registryImport, scaffoldFiles } from './templates.js';

/** The files a scaffold writes and the shared files it edits, by path from the root. */
export interface ScaffoldResult {
  readonly created: readonly string[];
  readonly edited: readonly string[];
}

const REGISTRY = 'conformance/ops/index.ts';
const REFERENCE_INDEX = 'reference/index.ts';

/** Writes the op's files under `root` and registers the op; a ScaffoldError, with nothing written, where that would clobber. */
export function writeScaffold(root: string, shape: OpShape): ScaffoldResult {
  const files = scaffoldFiles(shape);
  const taken = [...files.keys()].filter((p) => existsSync(join(root, p)));
  if (taken.length) throw new ScaffoldError(`${shape.family} already has files: ${taken.join(', ')}; remove them or choose another family`);
  const registry = registered(readFileSync(join(root, REGISTRY), 'utf8'), shape);
  const index = `${readFileSync(join(root, REFERENCE_INDEX), 'utf8').trimEnd()}\n${referenceExports(shape)}\n`;
  for (const [path, text] of files) writeAtomically(join(root, path), text);
  writeAtomically(join(root, REGISTRY), registry);
  writeAtomically(join(root, REFERENCE_INDEX), index);
  return { created: [...files.keys()], edited: [REGISTRY, REFERENCE_INDEX] };
}

/** The registry's text with the op's import and its entry in OPS. */
export function registered(registry: string, shape: OpShape): string {
  const op = `${namesOf(shape).camel}Op`;
  if (registry.includes(`'./${shape.family}/`)) throw new ScaffoldError(`${shape.family} is already registered in ${REGISTRY}`);
  const imports = [...registry.matchAll(/^import .*;$/gm)];
  const end = registry.indexOf('\n];', registry.indexOf('export const OPS'));
  if (!imports.length || end < 0) throw new ScaffoldError(`${REGISTRY} has no import list or no OPS array to add ${op} to`);
  const afterImports = imports.at(-1)!.index! + imports.at(-1)![0].length;
  const withEntry = `${registry.slice(0, end)}\n  ${op},${registry.slice(end)}`;
  return `${withEntry.slice(0, afterImports)}\n${registryImport(shape)}${withEntry.slice(afterImports)}`;
}

/** Writes through a temporary file and a rename, so a file is whole or untouched. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.new-op-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
