/**
 * The golden loader (golden.ts) and the checked-in schema (golden/schema.json):
 * every malformed fixture (the valid one with a single change, see
 * fixtures/malformed.ts) is rejected with its file and the JSON path of the
 * problem, the loader and the schema agree on every fixture and every real
 * golden file, and each op's golden folder stays under 3 MB.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiNamesOf } from './op.js';
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, contentHash, GoldenError, goldenFilesIn, loadGoldenFile, loadGoldens } from './golden.js';
import { validateAgainstSchema, type Schema } from './json_schema.js';
import { malformedFixtures, writeMalformedFixture } from './fixtures/malformed.js';
import { goldenSchema, schemaText } from './golden_schema.js';
import { OPS } from './ops/index.js';
import { stringifyExact } from './wire.js';

const FIXTURES = 'conformance/fixtures';
const VALID = `${FIXTURES}/golden/hinge_embedding_loss/fixture.json`;
const schema = JSON.parse(readFileSync('golden/schema.json', 'utf8')) as Schema;

/**
 * The malformed fixtures, each written from the valid fixture and its one
 * change (fixtures/malformed.json) into a fresh directory.
 */
const MALFORMED = malformedFixtures();
const MALFORMED_DIR = mkdtempSync(join(tmpdir(), 'golden-malformed-'));

function loaderError(file: string): GoldenError {
  try {
    loadGoldenFile(file);
  } catch (e) {
    if (e instanceof GoldenError) return e;
    throw e;
  }
  throw new Error(`${file} was accepted`);
}

function schemaAccepts(file: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  return validateAgainstSchema(json, schema).length === 0;
}

describe('golden/schema.json is made from the op registry', () => {
  it('equals schemaText() (after adding or changing an op: npm run golden:schema)', () => {
    expect(readFileSync('golden/schema.json', 'utf8')).toBe(schemaText());
  });

  it('gives each registered op its own request shape: its API names, tensors and differentiable inputs', () => {
    const requests = (goldenSchema() as { $defs: { request: { oneOf: Array<{ properties: Record<string, Record<string, unknown>> }> } } }).$defs.request.oneOf;
    expect(requests.map((r) => r.properties.api)).toEqual(OPS.map((op) => ({ enum: apiNamesOf(op) })));
    expect(requests[OPS.findIndex((op) => op.family === 'smooth_l1_loss')]!.properties.api).toEqual({ enum: ['paddle.nn.functional.smooth_l1_loss', 'paddle.nn.SmoothL1Loss', 'paddle.nn.HuberLoss'] });
    expect(requests.map((r) => r.properties.inputs!.required)).toEqual(OPS.map((op) => op.tensors));
    // An op with tensor lists names their elements by pattern beside its enum (anyOf).
    const items = (r: (typeof requests)[number]) => r.properties.grad!.items as { enum?: string[]; anyOf?: Array<{ enum?: string[] }> };
    expect(requests.map((r) => items(r).enum ?? items(r).anyOf![0]!.enum)).toEqual(OPS.map((op) => op.differentiable));
  });

  it('rejects a request whose tensors are not its op\'s (hinge with "other")', () => {
    const json = JSON.parse(readFileSync(VALID, 'utf8'));
    json.cases[0].request.inputs = { input: json.cases[0].request.inputs.input, other: json.cases[0].request.inputs.label };
    expect(validateAgainstSchema(json, schema)).not.toEqual([]);
  });
});

describe('the valid fixture', () => {
  it('loads: five cases sorted by id, each with its file and provenance', () => {
    const cases = loadGoldens([`${FIXTURES}/golden`]);
    expect(cases.map((c) => c.golden.id)).toEqual([
      'hinge_embedding_loss/fixture/api=layer,reduction=sum',
      'hinge_embedding_loss/fixture/grad,reduction=sum',
      'hinge_embedding_loss/fixture/reduction=mean',
      'hinge_embedding_loss/fixture/reduction=none',
      'hinge_embedding_loss/fixture/reduction=reduce_mean',
    ]);
    expect(cases[0]!.file).toBe(VALID);
    expect(cases[0]!.provenance.generator.version).toBe('1');
  });

  it('the schema accepts it', () => {
    expect(validateAgainstSchema(JSON.parse(readFileSync(VALID, 'utf8')), schema)).toEqual([]);
  });

  it('the same file named twice is loaded once', () => {
    expect(loadGoldens([`${FIXTURES}/golden`, VALID])).toHaveLength(5);
  });

  it('an id defined in two files is an error naming both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-copy-'));
    copyFileSync(VALID, join(dir, 'fixture.json'));
    expect(() => loadGoldens([VALID, dir])).toThrow(/\$\.cases\[0\]\.id: case "hinge_embedding_loss\/fixture\/api=layer,reduction=sum" is also defined in conformance\/fixtures\/golden\/hinge_embedding_loss\/fixture\.json/);
  });

  it('a path that does not exist is a GoldenError at $', () => {
    expect(() => loadGoldens(['no/such/dir'])).toThrow(/no\/such\/dir: \$: no such file or directory/);
  });
});

describe.each(MALFORMED)('malformed fixture $name ($why)', (fixture) => {
  const { path, message, schema: schemaRejects } = fixture;
  const file = writeMalformedFixture(fixture, MALFORMED_DIR);

  it(`is rejected at ${path}, naming the file`, () => {
    const e = loaderError(file);
    expect(e.path).toBe(path);
    expect(e.message.startsWith(`${file}: ${path}: `)).toBe(true);
    expect(e.message).toContain(message);
  });

  it(schemaRejects ? 'is rejected by the schema too' : 'passes the schema (a rule only the loader can check)', () => {
    expect(schemaAccepts(file)).toBe(!schemaRejects);
  });
});

it('the malformed fixtures have distinct names', () => {
  expect(new Set(MALFORMED.map((m) => m.name)).size).toBe(MALFORMED.length);
});

/**
 * The valid fixture with one data value written as `token`, raw: the first
 * case's input element 0 (float32) or its expected output (float32, 0-D).
 */
function fixtureWithValue(field: 'input' | 'output', token: string): string {
  const json = JSON.parse(readFileSync(VALID, 'utf8'));
  const c = json.cases[0];
  (field === 'input' ? c.request.inputs.input : c.expected.output).data[0] = '@VALUE@';
  const dir = mkdtempSync(join(tmpdir(), 'golden-value-'));
  const file = join(dir, 'fixture.json');
  const text = stringifyExact(json, 1).replace('"@VALUE@"', token);
  // The hash of the cases as JSON.parse reads them, so the file is consistent but for the value itself.
  writeFileSync(file, text.replace(json.provenance.content_sha256, contentHash(JSON.parse(text).cases)));
  return file;
}

describe('a value its dtype cannot hold is refused, never rounded (issue 19, item 14)', () => {
  it.each([
    ['1e400', 'input', '$', /: \$: line \d+, column \d+: the number 1e400 is beyond float64's range and would read as Infinity; write the string "Infinity" if that is meant$/],
    ['1e-400', 'output', '$', /: \$: line \d+, column \d+: the number 1e-400 is too small for float64 and would read as 0; write 0 if that is meant$/],
    ['1e39', 'input', '$.cases[0].request.inputs.input.data[0]', /1e\+39 is beyond float32's range and would read as Infinity/],
    ['1e-50', 'output', '$.cases[0].expected.output.data[0]', /1e-50 is too small for float32 and would read as 0/],
    ['0.1', 'output', '$.cases[0].expected.output.data[0]', /0\.1 is not a float32 value and would read as 0\.10000000149011612/],
  ] as const)('%s in a float32 %s: a GoldenError at %s', (token, field, path, message) => {
    const e = loaderError(fixtureWithValue(field, token));
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
  });

  it('a file of 200 000 nested lists is a GoldenError, not a RangeError stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-deep-'));
    mkdirSync(join(dir, 'hinge_embedding_loss'));
    writeFileSync(join(dir, 'hinge_embedding_loss', 'deep.json'), `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(() => loadGoldens([dir])).toThrow(GoldenError);
    expect(() => loadGoldens([dir])).toThrow(/deep\.json: \$: line 1, column 65: nested more than 64 levels deep/);
  });
});

describe('the real goldens', () => {
  const files = goldenFilesIn(bundledGoldenDir());

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(f.indexOf('golden')), f]))('%s passes the loader and the schema alike', (_name, file) => {
    expect(() => loadGoldenFile(file)).not.toThrow();
    expect(validateAgainstSchema(JSON.parse(readFileSync(file, 'utf8')), schema)).toEqual([]);
  });

  // The goldens ship in the package, so each op gets a budget: an op's folder stays under 3 MB.
  it.each(OPS.map((op) => [op.family] as const))('golden/%s stays under 3 MB', (family) => {
    const size = (dir: string): number =>
      readdirSync(dir).reduce((total, name) => {
        const path = join(dir, name);
        const st = statSync(path);
        return total + (st.isDirectory() ? size(path) : st.size);
      }, 0);
    expect(size(join(bundledGoldenDir(), family))).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('the schema validator rejects what it does not understand', () => {
  it('an unsupported keyword is an error, so the schema cannot claim more than is checked', () => {
    expect(() => validateAgainstSchema({}, { type: 'object', uniqueItems: true })).toThrow(/outside the supported subset/);
  });
});
