/**
 * The golden loader (golden.ts) and the checked-in schema (golden/schema.json):
 * every malformed fixture is rejected with its file and the JSON path of the
 * problem, the loader and the schema agree on every fixture and every real
 * golden file, and golden/ stays under 5 MB.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, GoldenError, goldenFilesIn, loadGoldenFile, loadGoldens } from './golden.js';
import { validateAgainstSchema, type Schema } from './json_schema.js';

const FIXTURES = 'conformance/fixtures';
const VALID = `${FIXTURES}/golden/hinge_embedding_loss/fixture.json`;
const schema = JSON.parse(readFileSync('golden/schema.json', 'utf8')) as Schema;

/**
 * Each malformed fixture, the JSON path the loader must name, and whether the
 * schema rejects it too. `schema: false` marks rules JSON Schema cannot state
 * (lengths against shapes, order, cross-field equality, the hash); the schema's
 * description lists them.
 */
const MALFORMED: Array<{ name: string; path: string; message: string; schema: boolean }> = [
  { name: 'not_json', path: '$', message: 'not valid JSON', schema: true },
  { name: 'wrong_format', path: '$.format', message: 'must be "paddle-conformance/golden@1"', schema: true },
  { name: 'missing_oracle_field', path: '$.provenance.oracle', message: 'missing required field "numpy"', schema: true },
  { name: 'bad_data_value', path: '$.cases[3].expected.output.data[2]', message: 'expected a number, "NaN", "Infinity" or "-Infinity", got "nan"', schema: true },
  { name: 'bad_dtype', path: '$.cases[0].request.inputs.input.dtype', message: 'unknown dtype "float128"', schema: true },
  { name: 'bad_b64', path: '$.cases[0].request.inputs.label.b64', message: 'is not valid base64', schema: true },
  { name: 'negative_dimension', path: '$.cases[1].request.inputs.input.shape[0]', message: 'dimension must be a non-negative integer, got -3', schema: true },
  { name: 'unknown_field', path: '$.cases[2].expectd', message: 'unknown field', schema: true },
  { name: 'output_and_error', path: '$.cases[4].expected', message: 'must have exactly one of "output" or "error"', schema: true },
  { name: 'spec_without_clause', path: '$.cases[2]', message: 'must quote the documentation clause', schema: true },
  { name: 'layer_with_kwargs', path: '$.cases[0].request.kwargs', message: 'use "init", not "kwargs"', schema: true },
  { name: 'data_length', path: '$.cases[3].expected.output.data', message: 'has 8 values but shape [3, 3] needs 9', schema: false },
  { name: 'b64_length', path: '$.cases[0].request.inputs.label.b64', message: 'decodes to 4 bytes but float32[3, 3] needs 36', schema: false },
  { name: 'unsorted', path: '$.cases[2].id', message: 'cases must be sorted by id', schema: false },
  { name: 'group_mismatch', path: '$.cases[2].group', message: 'is "margins" but the file\'s group is "fixture"', schema: false },
  { name: 'hash_mismatch', path: '$.provenance.content_sha256', message: 'the file was edited by hand or truncated', schema: false },
  { name: 'basis_on_tensor', path: '$.cases[3].expected.reduction_basis', message: 'belongs to a reduced (0-D) output', schema: false },
  { name: 'grad_missing', path: '$.cases[1].expected', message: 'the request asks for the input gradient but "grad" is missing', schema: false },
];

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

describe.each(MALFORMED)('malformed fixture $name', ({ name, path, message, schema: schemaRejects }) => {
  const file = `${FIXTURES}/malformed/${name}/fixture.json`;

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

it('every malformed fixture on disk is in the table', () => {
  expect(readdirSync(`${FIXTURES}/malformed`).sort()).toEqual(MALFORMED.map((m) => m.name).sort());
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

  it('golden/ stays under 5 MB', () => {
    const size = (dir: string): number =>
      readdirSync(dir).reduce((total, name) => {
        const path = join(dir, name);
        const st = statSync(path);
        return total + (st.isDirectory() ? size(path) : st.size);
      }, 0);
    expect(size(bundledGoldenDir())).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('the schema validator rejects what it does not understand', () => {
  it('an unsupported keyword is an error, so the schema cannot claim more than is checked', () => {
    expect(() => validateAgainstSchema({}, { type: 'object', patternProperties: {} })).toThrow(/outside the supported subset/);
  });
});
