/**
 * Golden files: finding, reading and validating them (format: golden/README.md,
 * schema: golden/schema.json). A file that breaks any rule is rejected whole,
 * with the file and the JSON path of the first problem, so a run never starts
 * on half-understood expectations.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_FORMAT, type ExpectedJson, type GoldenCase, type GoldenFileJson, type GradOutputJson, type OutputJson, type ProvenanceJson, type RequestJson } from './case.js';
import { gradOutputEntries, gradOutputFormProblem, outputFormProblem, outputNamesFor, outputTensors, type OutputNames } from './outputs.js';
import { apiNamesOf, argsField, formOf, inputKeysOf, inputParameterOf, listIndexOf, type OpDescriptor } from './op.js';
import { opForApi, opForFamily, registeredApis } from './ops/index.js';
import { decodeTensor, GeneratedHashError, stringifyExact, WireFormatError } from './wire.js';
import { readJsonFile } from './json_file.js';

/** What one machine class records for a case, where that differs from the expectation a run uses (machine_overlay.ts). */
export interface MachineVariant {
  /** The class. */
  machine_class: string;
  /** What Paddle gave there. */
  expected: ExpectedJson;
}

/** A golden case as the runner uses it: the case, and the file it came from. */
export interface SuiteCase {
  /** The case as stored. */
  readonly golden: GoldenCase;
  /** The file it was read from, as given or found (for reports). */
  readonly file: string;
  /** The file's provenance. */
  readonly provenance: ProvenanceJson;
  /** What other machine classes record for this case, where it differs: the result depends on the CPU (machine_overlay.ts). */
  readonly machineVariants?: readonly MachineVariant[];
}

/** A golden file that cannot be used: names the file and the JSON path of the problem. */
export class GoldenError extends Error {
  /** The file, relative to the working directory when inside it. */
  readonly file: string;
  /** JSON path of the offending value, e.g. `$.cases[3].expected.output.data[2]`. */
  readonly path: string;

  constructor(file: string, path: string, message: string) {
    super(`${file}: ${path}: ${message}`);
    this.name = 'GoldenError';
    this.file = file;
    this.path = path;
  }
}

/** The goldens bundled with the package: `golden/` at the package root. */
export function bundledGoldenDir(): string {
  // Walks up from this module, so it works from conformance/*.ts and from dist/conformance/*.js alike.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'golden'))) return join(dir, 'golden');
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the bundled golden/ directory above the conformance module');
    dir = up;
  }
}

/**
 * Loads every case of the given golden files and directories (searched
 * recursively for `*.json`, skipping `schema.json`), sorted by id.
 * Throws GoldenError on the first bad file or on an id defined twice.
 */
export function loadGoldens(sources: readonly string[]): SuiteCase[] {
  const files = sources.flatMap((s) => goldenFilesIn(s));
  const seen = new Map<string, string>();
  const cases: SuiteCase[] = [];
  for (const file of [...new Set(files)]) {
    const json = loadGoldenFile(file);
    const shown = displayPath(file);
    json.cases.forEach((c, i) => {
      const other = seen.get(c.id);
      if (other !== undefined) throw new GoldenError(shown, `$.cases[${i}].id`, `case ${JSON.stringify(c.id)} is also defined in ${other}; ids must be unique across golden sets`);
      seen.set(c.id, shown);
      cases.push({ golden: c, file: shown, provenance: json.provenance });
    });
  }
  return cases.sort((a, b) => compareIds(a.golden.id, b.golden.id));
}

/** The golden files a source names: the file itself, or every `*.json` below a directory (which must hold at least one). */
export function goldenFilesIn(source: string): string[] {
  const abs = resolve(source);
  if (!existsSync(abs)) throw new GoldenError(displayPath(abs), '$', 'no such file or directory; --golden takes a golden file or a directory of them');
  if (!statSync(abs).isDirectory()) return [abs];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareIds(a.name, b.name))) {
      const path = join(dir, entry.name);
      // releases/ and machines/ hold overlays (conformance/releases.ts, machine_overlay.ts), not golden files.
      if (entry.isDirectory()) {
        if (!(dir === abs && (entry.name === RELEASES_DIR || entry.name === MACHINES_DIR))) walk(path);
      }
      else if (entry.name.endsWith('.json') && entry.name !== 'schema.json') found.push(path);
    }
  };
  walk(abs);
  // An empty directory is a wrong path, not an empty suite: say so rather than "no case matches".
  if (found.length === 0) throw new GoldenError(displayPath(abs), '$', 'holds no golden files (*.json); --golden takes a golden file or a directory of them');
  return found;
}

/** Reads, parses and validates one golden file. */
export function loadGoldenFile(file: string): GoldenFileJson {
  const shown = displayPath(file);
  const json = readJsonFile(file, (path, message) => new GoldenError(shown, path, message));
  try {
    return validateGoldenFile(json, basename(file, '.json'));
  } catch (e) {
    if (e instanceof WireFormatError || e instanceof ValidationError) throw new GoldenError(shown, e.path, messageOf(e));
    throw e;
  }
}

/** The directory under a golden root that holds the other releases' overlays. */
export const RELEASES_DIR = 'releases';

/** The directory under a golden root that holds the other machine classes' overlays. */
export const MACHINES_DIR = 'machines';

/**
 * Checks an expectation kept outside a golden file (a release overlay's)
 * against the request it answers, and its provenance; throws GoldenError
 * naming the file and the JSON path of the problem.
 */
export function checkOverlaidExpectation(expected: unknown, request: Pick<RequestJson, 'api' | 'grad' | 'kwargs' | 'init'>, file: string, path: string): void {
  try {
    validateExpected(expected, path, request.grad, { outputs: outputNamesFor(opForApi(request.api), request) });
  } catch (e) {
    if (e instanceof WireFormatError || e instanceof ValidationError) throw new GoldenError(displayPath(file), e.path, messageOf(e));
    throw e;
  }
}

/** Checks a provenance object kept outside a golden file (a release overlay's); throws GoldenError naming the file. */
export function checkOverlayProvenance(provenance: unknown, file: string): void {
  try {
    validateProvenance(provenance);
  } catch (e) {
    if (e instanceof ValidationError) throw new GoldenError(displayPath(file), e.path, messageOf(e));
    throw e;
  }
}

/** sha256 (hex) of the canonical JSON text of a file's cases: `stringifyExact(cases)`, no indent. */
export function contentHash(cases: readonly GoldenCase[]): string {
  return createHash('sha256').update(stringifyExact(cases)).digest('hex');
}

/** Golden tensors hold what Paddle gave, bit for bit: a value the dtype cannot hold is refused, never rounded. */
const EXACT = { exact: true } as const;

/** A rule of the golden format that a value breaks, at a JSON path. */
class ValidationError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

function messageOf(e: WireFormatError | ValidationError): string {
  // WireFormatError's message already starts with its path.
  return e instanceof WireFormatError ? e.message.slice(e.path.length + 2) : e.message;
}

/**
 * Checks every field of a parsed golden file, in document order, and returns
 * it typed. `group` is the file's base name, which must equal its `group`.
 */
export function validateGoldenFile(json: unknown, group?: string): GoldenFileJson {
  const o = object(json, '$', ['format', 'api', 'group', 'provenance', 'cases'], []);
  if (o.format !== GOLDEN_FORMAT) throw new ValidationError('$.format', `must be ${JSON.stringify(GOLDEN_FORMAT)}, got ${show(o.format)}; this file is not a golden file of this format version`);
  const api = name(o.api, '$.api');
  const fileGroup = name(o.group, '$.group');
  if (group !== undefined && fileGroup !== group) throw new ValidationError('$.group', `is ${JSON.stringify(fileGroup)} but the file is named ${group}.json; a golden file is named after its group`);
  validateProvenance(o.provenance);
  const cases = array(o.cases, '$.cases');
  cases.forEach((c, i) => validateCase(c, `$.cases[${i}]`, api, fileGroup));
  checkSortedUnique(cases as GoldenCase[]);
  const hash = contentHash(cases as GoldenCase[]);
  const stated = (o.provenance as ProvenanceJson).content_sha256;
  if (stated !== hash) {
    throw new ValidationError('$.provenance.content_sha256', `is ${stated} but the cases hash to ${hash}; the file was edited by hand or truncated: regenerate it (npm run golden:generate)`);
  }
  return o as unknown as GoldenFileJson;
}

/** The provenance fields about the machine a recording ran on, kept since machine classes (machine.ts); older recordings lack them. */
const MACHINE_FIELDS = ['cpu_vendor', 'cpu_features', 'machine_class', 'threads', 'paddle_flags'];

function validateProvenance(value: unknown): void {
  const p = object(value, '$.provenance', ['oracle', 'generator', 'content_sha256'], []);
  const oracle = object(p.oracle, '$.provenance.oracle', ['paddle_version', 'paddle_commit', 'python', 'numpy', 'os', 'cpu', 'machine'], MACHINE_FIELDS);
  for (const [k, v] of Object.entries(oracle)) if (!MACHINE_FIELDS.includes(k)) string(v, `$.provenance.oracle.${k}`);
  if (oracle.cpu_vendor !== undefined) name(oracle.cpu_vendor, '$.provenance.oracle.cpu_vendor');
  if (oracle.machine_class !== undefined) name(oracle.machine_class, '$.provenance.oracle.machine_class');
  if (oracle.cpu_features !== undefined) array(oracle.cpu_features, '$.provenance.oracle.cpu_features').forEach((f, i) => name(f, `$.provenance.oracle.cpu_features[${i}]`));
  if (oracle.threads !== undefined && !(Number.isInteger(oracle.threads) && (oracle.threads as number) > 0)) {
    throw new ValidationError('$.provenance.oracle.threads', `must be a positive integer, got ${show(oracle.threads)}`);
  }
  if (oracle.paddle_flags !== undefined) {
    for (const [k, v] of Object.entries(object(oracle.paddle_flags, '$.provenance.oracle.paddle_flags', [], null))) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) throw new ValidationError(`$.provenance.oracle.paddle_flags.${k}`, `must be a string, number or boolean, got ${show(v)}`);
    }
  }
  const generator = object(p.generator, '$.provenance.generator', ['name', 'version'], null);
  for (const [k, v] of Object.entries(generator)) string(v, `$.provenance.generator.${k}`);
  if (typeof p.content_sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.content_sha256)) {
    throw new ValidationError('$.provenance.content_sha256', `must be 64 lowercase hex digits, got ${show(p.content_sha256)}`);
  }
}

function validateCase(value: unknown, path: string, api: string, group: string): void {
  const c = object(value, path, ['id', 'group', 'level', 'tags', 'description', 'request', 'expected'], ['spec_clause', 'rules']);
  const id = string(c.id, `${path}.id`);
  if (!id.startsWith(`${api}/${group}/`) || id.length === `${api}/${group}/`.length) {
    throw new ValidationError(`${path}.id`, `${JSON.stringify(id)} must start with "${api}/${group}/" and name the case after it`);
  }
  if (c.group !== group) throw new ValidationError(`${path}.group`, `is ${show(c.group)} but the file's group is ${JSON.stringify(group)}`);
  if (c.level !== 'spec' && c.level !== 'paddle') throw new ValidationError(`${path}.level`, `must be "spec" or "paddle", got ${show(c.level)}`);
  if (c.level === 'spec' && c.spec_clause === undefined) throw new ValidationError(path, 'a "spec" case must quote the documentation clause it relies on in "spec_clause"');
  if (c.spec_clause !== undefined) string(c.spec_clause, `${path}.spec_clause`);
  if (c.rules !== undefined) array(c.rules, `${path}.rules`).forEach((r, i) => string(r, `${path}.rules[${i}]`));
  array(c.tags, `${path}.tags`).forEach((t, i) => string(t, `${path}.tags[${i}]`));
  string(c.description, `${path}.description`);
  let grad: string[] | undefined;
  try {
    grad = validateRequest(c.request, `${path}.request`, api);
  } catch (e) {
    // A generated input that does not expand to its stated bytes: say which case, beside both hashes.
    if (e instanceof GeneratedHashError) throw new ValidationError(e.path, `case ${JSON.stringify(id)}: ${messageOf(e)}`);
    throw e;
  }
  validateExpected(c.expected, `${path}.expected`, grad, { outputs: outputNamesFor(opForApi((c.request as RequestJson).api), c.request as RequestJson) });
}

/**
 * Validates a request against its op's descriptor: a registered API of the
 * file's op, its tensors by name in Paddle's order, the form's keyword field,
 * and gradients of differentiable inputs only. Returns the gradients asked for.
 */
function validateRequest(value: unknown, path: string, family: string): string[] | undefined {
  const r = object(value, path, ['api', 'inputs'], ['kwargs', 'init', 'grad', 'grad_output']);
  const op = requestOp(r.api, `${path}.api`, family);
  const optional = op.optionalTensors ?? [];
  const inputs = object(r.inputs, `${path}.inputs`, [...op.tensors], [...optional, ...Object.keys(r.inputs ?? {}).filter((k) => (op.tensorLists ?? []).some((l) => listIndexOf(k, l)))]);
  const order = Object.keys(inputs);
  const expected = inputKeysOf(op, inputs);
  if (order.join() !== expected.join()) {
    throw new ValidationError(`${path}.inputs`, `must list the tensors in Paddle's positional order ${op.tensors.join(', ')}${optional.length ? ` (then, when given, ${optional.join(', ')})` : ''}, got ${order.join(', ')}`);
  }
  for (const name of order) decodeTensor(inputs[name], `${path}.inputs.${name}`, EXACT);
  const own = argsField(op, r.api as string);
  const other = own === 'init' ? 'kwargs' : 'init';
  if (r[other] !== undefined) {
    const why = own === 'init' ? 'the layer takes its arguments at construction: use "init", not "kwargs"' : 'the functional form takes keyword arguments: use "kwargs", not "init"';
    throw new ValidationError(`${path}.${other}`, why);
  }
  if (r[own] !== undefined) validateKwargs(r[own], `${path}.${own}`);
  const grad = r.grad === undefined ? undefined : gradNames(r.grad, `${path}.grad`, op);
  if (r.grad_output !== undefined) {
    if (grad === undefined) throw new ValidationError(`${path}.grad_output`, `is given but "grad" is absent; an upstream gradient needs "grad": [${op.differentiable.map((n) => JSON.stringify(n)).join(', ')}]`);
    const problem = gradOutputFormProblem(r.grad_output as GradOutputJson, { outputs: outputNamesFor(op, r as unknown as RequestJson) });
    if (problem) throw new ValidationError(`${path}.grad_output`, problem);
    gradOutputEntries(r.grad_output as GradOutputJson).forEach(([, t], i) => {
      if (t !== null) decodeTensor(t, `${path}.grad_output${Array.isArray(r.grad_output) ? `[${i}]` : ''}`, EXACT);
    });
  }
  return grad;
}

/** The registered op a request's `api` names, which must be the file's op. */
function requestOp(api: unknown, path: string, family: string): OpDescriptor {
  const op = typeof api === 'string' ? opForApi(api) : undefined;
  if (!op) throw new ValidationError(path, `must be one of ${registeredApis().map((a) => JSON.stringify(a)).join(', ')}, got ${show(api)}`);
  if (op.family !== family) {
    const own = opForFamily(family);
    const names = own ? apiNamesOf(own).map((n) => JSON.stringify(n)).join(' or ') : `an API of ${family}`;
    throw new ValidationError(path, `is ${JSON.stringify(api)}, an API of ${op.family}, but this file holds ${family} cases: must be ${names}`);
  }
  if (formOf(op, api as string) === undefined) throw new ValidationError(path, `is not a form of ${op.family}`);
  return op;
}

/** A request's `grad`: a non-empty list of distinct differentiable input names. */
function gradNames(value: unknown, path: string, op: OpDescriptor): string[] {
  const allowed = op.differentiable.map((n) => JSON.stringify(n)).join(', ');
  const names = Array.isArray(value) ? value : [];
  const ok = Array.isArray(value) && names.length > 0 && names.every((n) => typeof n === 'string' && op.differentiable.includes(inputParameterOf(n))) && new Set(names).size === names.length;
  if (!ok) throw new ValidationError(path, `must list distinct inputs that have a gradient (${allowed}), got ${show(value)}`);
  return names as string[];
}

function validateKwargs(value: unknown, path: string): void {
  const kwargs = object(value, path, [], null);
  for (const [k, v] of Object.entries(kwargs)) {
    const ints = Array.isArray(v) && v.every((n) => typeof n === 'number' && Number.isFinite(n));
    const ok = v === null || ['number', 'string', 'boolean'].includes(typeof v) || isIntKwarg(v) || isStrKwarg(v) || ints;
    if (!ok) throw new ValidationError(`${path}.${k}`, `must be a number, string, boolean, null, {"int": n}, {"str": s} or a list of numbers, got ${show(v)}`);
  }
}

function isIntKwarg(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'int' && Number.isInteger((v as { int: unknown }).int);
}

function isStrKwarg(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'str' && typeof (v as { str: unknown }).str === 'string';
}

function validateExpected(value: unknown, path: string, grad: string[] | undefined, op: OutputNames = {}): void {
  const e = object(value, path, [], ['output', 'grad', 'error', 'reduction_basis']);
  if ((e.output === undefined) === (e.error === undefined)) throw new ValidationError(path, 'must have exactly one of "output" or "error"');
  if (e.error !== undefined) {
    const err = object(e.error, `${path}.error`, ['type', 'message'], []);
    name(err.type, `${path}.error.type`);
    string(err.message, `${path}.error.message`);
    for (const k of ['grad', 'reduction_basis']) if (e[k] !== undefined) throw new ValidationError(`${path}.${k}`, 'must be absent when Paddle raised an error');
    return;
  }
  if (e.output === null) {
    // Python's None: nothing to differentiate and nothing reduced.
    for (const k of ['grad', 'reduction_basis']) if (e[k] !== undefined) throw new ValidationError(`${path}.${k}`, 'must be absent when Paddle returned None ("output": null)');
    return;
  }
  if (typeof e.output !== 'object' || e.output === null) throw new ValidationError(`${path}.output`, `expected a tensor, a list of tensors or null, got ${show(e.output)}`);
  const form = outputFormProblem(e.output as OutputJson, op);
  if (form) throw new ValidationError(`${path}.output`, form);
  const outputs = outputTensors(e.output as OutputJson).map(([, t], i) => decodeTensor(t, `${path}.output${Array.isArray(e.output) ? `[${i}]` : ''}`, EXACT));
  if (grad && e.grad === undefined) throw new ValidationError(path, `the request asks for gradients (${grad.join(', ')}) but "grad" is missing`);
  if (!grad && e.grad !== undefined) throw new ValidationError(`${path}.grad`, 'is present but the request does not ask for a gradient');
  if (grad && e.grad !== undefined) {
    // A requested input Paddle gave no gradient (its .grad stayed None) is absent.
    const given = object(e.grad, `${path}.grad`, [], grad);
    for (const [name, t] of Object.entries(given)) decodeTensor(t, `${path}.grad.${name}`, EXACT);
  }
  if (e.reduction_basis !== undefined) {
    if (outputs.length !== 1) throw new ValidationError(`${path}.reduction_basis`, 'belongs to an op with one output; a result of several outputs carries none');
    const output = outputs[0]!;
    if (output.shape.length !== 0) throw new ValidationError(`${path}.reduction_basis`, `belongs to a reduced (0-D) output, but the output has shape [${output.shape.join(', ')}]`);
    const b = object(e.reduction_basis, `${path}.reduction_basis`, ['count', 'abs_sum'], []);
    if (!Number.isInteger(b.count) || (b.count as number) < 0) throw new ValidationError(`${path}.reduction_basis.count`, `must be a non-negative integer, got ${show(b.count)}`);
    const s = b.abs_sum;
    if (!(typeof s === 'number' && s >= 0) && s !== 'NaN' && s !== 'Infinity') {
      throw new ValidationError(`${path}.reduction_basis.abs_sum`, `must be a non-negative number, "NaN" or "Infinity", got ${show(s)}`);
    }
  }
}

function checkSortedUnique(cases: GoldenCase[]): void {
  for (let i = 1; i < cases.length; i++) {
    const order = compareIds(cases[i - 1]!.id, cases[i]!.id);
    if (order === 0) throw new ValidationError(`$.cases[${i}].id`, `${JSON.stringify(cases[i]!.id)} repeats the id of $.cases[${i - 1}]`);
    if (order > 0) throw new ValidationError(`$.cases[${i}].id`, `${JSON.stringify(cases[i]!.id)} sorts before the previous id ${JSON.stringify(cases[i - 1]!.id)}; cases must be sorted by id`);
  }
}

/** Orders ids by UTF-16 code units, the same order as JavaScript's default sort and Python's sorted() on ASCII ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- field checks

/**
 * Checks a JSON object: `required` keys present, and no key outside
 * required ∪ optional unless `optional` is null (any extra key allowed).
 */
function object(value: unknown, path: string, required: string[], optional: string[] | null): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(path, `expected an object, got ${show(value)}`);
  const o = value as Record<string, unknown>;
  for (const k of required) if (!(k in o)) throw new ValidationError(path, `missing required field "${k}"`);
  if (optional !== null) {
    for (const k of Object.keys(o)) {
      if (!required.includes(k) && !optional.includes(k)) throw new ValidationError(`${path}.${k}`, `unknown field; allowed: ${[...required, ...optional].join(', ')}`);
    }
  }
  return o;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(path, `expected a list, got ${show(value)}`);
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ValidationError(path, `expected a string, got ${show(value)}`);
  return value;
}

function name(value: unknown, path: string): string {
  if (string(value, path).length === 0) throw new ValidationError(path, 'must not be empty');
  return value as string;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** A path relative to the working directory when it lies inside it, else absolute. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') ? rel : resolve(file);
}
