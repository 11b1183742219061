/**
 * A validator for the subset of JSON Schema (draft 2020-12) that
 * golden/schema.json uses: type, const, enum, minLength, pattern, minimum,
 * properties, patternProperties, required, additionalProperties, dependentRequired, items,
 * minItems, maxItems, allOf, anyOf, oneOf, not, if/then, boolean schemas and
 * local `$ref`s into `#/$defs`. A keyword outside the subset is an error, so
 * the schema cannot silently say more than this validator checks.
 *
 * It exists so the tests can hold the golden loader and the checked-in schema
 * to the same rules without a schema library as a dependency.
 */

/** A JSON Schema: an object of keywords, or true / false. */
export type Schema = boolean | { [keyword: string]: unknown };

/** One place where a value breaks the schema. */
export interface SchemaViolation {
  /** JSON path of the value, e.g. `$.cases[3].expected`. */
  path: string;
  /** What is wrong. */
  message: string;
}

const KEYWORDS = new Set([
  '$schema', '$id', '$defs', '$ref', '$comment', 'title', 'description', 'type', 'const', 'enum', 'minLength', 'pattern', 'minimum',
  'properties', 'patternProperties', 'required', 'additionalProperties', 'dependentRequired', 'items', 'minItems', 'maxItems',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then',
]);

/** Validates a value against a schema; returns every violation found (empty when valid). */
export function validateAgainstSchema(value: unknown, schema: Schema): SchemaViolation[] {
  const root = schema;
  const out: SchemaViolation[] = [];
  check(value, schema, '$', root, out);
  return out;
}

function check(value: unknown, schema: Schema, path: string, root: Schema, out: SchemaViolation[]): void {
  if (schema === true) return;
  if (schema === false) {
    out.push({ path, message: 'is not allowed here' });
    return;
  }
  for (const k of Object.keys(schema)) if (!KEYWORDS.has(k)) throw new Error(`schema keyword ${JSON.stringify(k)} at ${path} is outside the supported subset`);
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') check(value, resolveRef(s.$ref, root), path, root, out);
  if (s.type !== undefined && !typeMatches(value, s.type as string | string[])) {
    out.push({ path, message: `expected type ${JSON.stringify(s.type)}, got ${describe(value)}` });
    return;
  }
  if ('const' in s && !deepEqual(value, s.const)) out.push({ path, message: `must equal ${JSON.stringify(s.const)}` });
  if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => deepEqual(value, e))) out.push({ path, message: `must be one of ${JSON.stringify(s.enum)}` });
  if (typeof value === 'string') checkString(value, s, path, out);
  if (typeof value === 'number' && typeof s.minimum === 'number' && value < s.minimum) out.push({ path, message: `must be >= ${s.minimum}` });
  if (isObject(value)) checkObject(value, s, path, root, out);
  if (Array.isArray(value)) checkArray(value, s, path, root, out);
  checkCombinators(value, s, path, root, out);
}

function checkString(value: string, s: Record<string, unknown>, path: string, out: SchemaViolation[]): void {
  if (typeof s.minLength === 'number' && value.length < s.minLength) out.push({ path, message: `must have at least ${s.minLength} characters` });
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) out.push({ path, message: `must match /${s.pattern}/` });
}

function checkObject(value: Record<string, unknown>, s: Record<string, unknown>, path: string, root: Schema, out: SchemaViolation[]): void {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  for (const k of (s.required ?? []) as string[]) if (!(k in value)) out.push({ path, message: `missing required field "${k}"` });
  for (const [k, v] of Object.entries(value)) {
    const patterned = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>).find(([p]) => new RegExp(p, 'u').test(k));
    const sub = props[k] ?? patterned?.[1] ?? (s.additionalProperties as Schema | undefined);
    if (sub !== undefined) check(v, sub, `${path}.${k}`, root, out);
  }
  for (const [k, needs] of Object.entries((s.dependentRequired ?? {}) as Record<string, string[]>)) {
    if (k in value) for (const n of needs) if (!(n in value)) out.push({ path, message: `"${k}" needs "${n}"` });
  }
}

function checkArray(value: unknown[], s: Record<string, unknown>, path: string, root: Schema, out: SchemaViolation[]): void {
  if (typeof s.minItems === 'number' && value.length < s.minItems) out.push({ path, message: `must have at least ${s.minItems} items` });
  if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push({ path, message: `must have at most ${s.maxItems} items` });
  if (s.items !== undefined) value.forEach((v, i) => check(v, s.items as Schema, `${path}[${i}]`, root, out));
}

function checkCombinators(value: unknown, s: Record<string, unknown>, path: string, root: Schema, out: SchemaViolation[]): void {
  const passes = (sub: Schema): boolean => validateAt(value, sub, path, root).length === 0;
  for (const sub of (s.allOf ?? []) as Schema[]) check(value, sub, path, root, out);
  if (s.anyOf !== undefined && !(s.anyOf as Schema[]).some(passes)) out.push({ path, message: 'matches none of the allowed forms (anyOf)' });
  if (s.oneOf !== undefined) {
    const matched = (s.oneOf as Schema[]).filter(passes).length;
    if (matched !== 1) out.push({ path, message: `must match exactly one of ${(s.oneOf as Schema[]).length} forms (oneOf), matches ${matched}` });
  }
  if (s.not !== undefined && passes(s.not as Schema)) out.push({ path, message: 'matches a form that is not allowed (not)' });
  if (s.if !== undefined && passes(s.if as Schema) && s.then !== undefined) check(value, s.then as Schema, path, root, out);
}

function validateAt(value: unknown, schema: Schema, path: string, root: Schema): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  check(value, schema, path, root, out);
  return out;
}

function resolveRef(ref: string, root: Schema): Schema {
  const m = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
  const target = m && typeof root === 'object' ? (root.$defs as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
  if (target === undefined) throw new Error(`unsupported or unknown $ref ${JSON.stringify(ref)}`);
  return target;
}

function typeMatches(value: unknown, type: string | string[]): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'object': return isObject(value);
      case 'array': return Array.isArray(value);
      case 'string': return typeof value === 'string';
      case 'number': return typeof value === 'number';
      case 'integer': return Number.isInteger(value);
      case 'boolean': return typeof value === 'boolean';
      case 'null': return value === null;
      default: throw new Error(`unsupported type ${JSON.stringify(t)}`);
    }
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
