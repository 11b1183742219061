/**
 * Generated tensors (generated.ts, wire_codec.py generated_numpy): the
 * TypeScript and numpy generators give the same bytes (fixed hashes, and the
 * Python codec itself when the Paddle venv is there), a wrong sha256 is
 * refused on both sides with both hashes, bfloat16 ties round to even, and
 * the runner hands ports the expanded bytes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bfloat16Bits, expandSpec, generateBytes, type GeneratorSpec } from './generated.js';
import { findPaddlePython, paddleAbsentReason } from './python_env.js';
import { expandedRequest } from './runner.js';
import { readFileSync } from 'node:fs';
import { buildGoldenFiles, canonicalTensor, goldenCase, serializeGolden } from '../scripts/golden/writer.js';
import { validateGoldenFile } from './golden.js';
import { validateAgainstSchema, type Schema } from './json_schema.js';
import { generated } from '../scripts/case_plan/tensor.js';
import { decodeTensor, GeneratedHashError, hexBitsAt, stringifyExact, valuesOf, WireFormatError, type TensorJson } from './wire.js';

const spec = (seed: number, distribution: 'uniform' | 'integers', low: number, high: number): GeneratorSpec => ({ bits: 'fmix32', seed, distribution, low, high });

/** Hashes computed once by conformance/wire_codec.py (numpy 2.4 and 1.26), kept here so the TypeScript side is held to them without Python. */
const FIXED: Array<[string, number[], GeneratorSpec, string]> = [
  ['float32', [8, 151936], spec(1, 'uniform', -8, 8), 'b4299888c2360205f3e5c3b045af888ffbca59bdbe04c2c049b9d710f067e416'],
  ['bfloat16', [3, 1000], spec(4294967295, 'uniform', -1.5, 0.1), 'bb0a76cf0cc2f8f9a88e361182f2a672a74b3ddda60982fbaa1a526d3449a851'],
  ['float64', [100], spec(7, 'uniform', 0.1, 0.7), '468a4df52520782473be9476ba1b34f4ed12905706efdf7b064e85fc80ff1492'],
  ['int64', [64], spec(3, 'integers', -5, 151936), '70b14f03af3da904cdfc8f6afefa5ea74b5019765df7c54131258650ffd5cd74'],
  ['int32', [64], spec(3, 'integers', -2147483648, -2145386496), 'b7470f88c8893e122500bb7939ef3b45783ed67b5b35b91f7ad701d11b6edc9f'],
];

describe('the generator gives the bytes numpy gives (hashes computed by wire_codec.py)', () => {
  it.each(FIXED)('%s%j', (dtype, shape, s, hash) => {
    expect(expandSpec(s, dtype, shape).sha256).toBe(hash);
  });

  it('the first words are fmix32 of seed·0x9E3779B9 + i: seed 0 gives fmix32(0) = 0 for element 0, so uniform gives low', () => {
    expect(valuesOf(decodeTensor(generated('float64', [2], { seed: 0, distribution: 'uniform', low: -3, high: 5 })))[0]).toBe(-3);
  });

  it('integers stay in [low, high) and uniform in [low, high]', () => {
    const k = valuesOf(decodeTensor(generated('int64', [4096], { seed: 9, distribution: 'integers', low: 0, high: 10 })));
    expect(Math.min(...k)).toBe(0);
    expect(Math.max(...k)).toBe(9);
    const v = valuesOf(decodeTensor(generated('float32', [4096], { seed: 9, distribution: 'uniform', low: -1, high: 1 })));
    expect(v.every((x) => x >= -1 && x <= 1)).toBe(true);
  });
});

describe('bfloat16 rounds to nearest even from the float32 value', () => {
  it('ties go to the even pattern, above and below', () => {
    expect(bfloat16Bits(1 + 2 ** -8)).toBe(0x3f80); // halfway between 0x3f80 and 0x3f81: even is 0x3f80
    expect(bfloat16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82); // halfway between 0x3f81 and 0x3f82
    expect(bfloat16Bits(-(1 + 2 ** -8))).toBe(0xbf80);
    expect(bfloat16Bits(1 + 2 ** -8 + 2 ** -22)).toBe(0x3f81); // just above the tie
  });

  it('two roundings, as specified: float64 1 + 2⁻⁸ + 2⁻³⁰ is first float32 1 + 2⁻⁸ (a tie), so 0x3f80, not the 0x3f81 one rounding would give', () => {
    expect(bfloat16Bits(1 + 2 ** -8 + 2 ** -30)).toBe(0x3f80);
  });

  it('the generator\'s ties: every element whose float32 value sits halfway gets the even pattern', () => {
    const s = spec(5, 'uniform', 1, 2);
    const n = 1 << 18;
    const bf = decodeTensor({ dtype: 'bfloat16', shape: [n], generated: s, sha256: expandSpec(s, 'bfloat16', [n]).sha256 });
    const f32 = new Uint32Array(generateBytes(s, 'float32', n).buffer);
    let ties = 0;
    for (let i = 0; i < n; i++) {
      const b = f32[i]!;
      if ((b & 0xffff) !== 0x8000) continue;
      ties++;
      const even = (b >>> 16) & 1 ? (b >>> 16) + 1 : b >>> 16;
      expect(hexBitsAt(bf, i)).toBe(`0x${even.toString(16)}`);
    }
    expect(ties).toBeGreaterThan(0);
  });
});

describe('the sha256 is checked before use', () => {
  const good = generated('float32', [4, 5], { seed: 11, distribution: 'uniform', low: -4, high: 4 });
  const bad: TensorJson = { ...good, sha256: good.sha256!.replace(/^./, (c) => (c === '0' ? '1' : '0')) };

  it('a wrong one is refused, naming both hashes', () => {
    expect(() => decodeTensor(bad, '$.inputs.input')).toThrow(GeneratedHashError);
    expect(() => decodeTensor(bad, '$.inputs.input')).toThrow(`$.inputs.input.sha256: the generated bytes hash to ${good.sha256} but the tensor states ${bad.sha256}`);
  });

  it('a missing one, a spec for the wrong dtype, and a stray field are refused too', () => {
    const { sha256: _, ...without } = good;
    expect(() => decodeTensor(without)).toThrow(/\$\.sha256: a generated tensor needs "sha256"/);
    expect(() => decodeTensor({ ...good, dtype: 'float16' })).toThrow(/uniform fills float32, float64, bfloat16, not float16/);
    expect(() => decodeTensor({ ...good, b64: '' })).toThrow(WireFormatError);
    expect(() => decodeTensor({ ...good, generated: { ...good.generated!, distribution: 'integers' } }, '$', {})).toThrow(/integers fills int32, int64/);
    expect(() => decodeTensor({ ...good, dtype: 'int64', generated: spec(1, 'integers', 0, 2 ** 21 + 1) })).toThrow(/high − low ≤ 2\^21/);
  });

  it('the golden writer keeps it generated, keys in the documented order, and checks it', () => {
    const shuffled = { sha256: good.sha256, generated: { high: 4, low: -4, distribution: 'uniform', seed: 11, bits: 'fmix32' }, shape: [4, 5], dtype: 'float32' } as TensorJson;
    expect(stringifyExact(canonicalTensor(shuffled, '$'))).toBe(stringifyExact(good));
    expect(Object.keys(canonicalTensor(shuffled, '$'))).toEqual(['dtype', 'shape', 'generated', 'sha256']);
    expect(() => canonicalTensor(bad, '$')).toThrow(GeneratedHashError);
  });

  it('a golden file with a generated input is written the same twice, and the loader and golden/schema.json accept it', () => {
    const text = () => {
      const input = generated('float32', [4, 5], { seed: 11, distribution: 'uniform', low: -4, high: 4 });
      const planned = { id: 'mse_loss/lm/x', group: 'lm', level: 'paddle' as const, tags: [], description: 'd', request: { api: 'paddle.nn.functional.mse_loss', inputs: { input, label: input } } };
      const oracle = { paddle_version: '3.3.1', paddle_commit: 'c', python: '3', numpy: '2', os: 'L', cpu: 'C', machine: 'x86_64' };
      return serializeGolden(buildGoldenFiles([goldenCase(planned, { output: { dtype: 'float32', shape: [], data: [0] } })], oracle, { name: 'g', version: '1' })[0]!);
    };
    expect(text()).toBe(text());
    const json = JSON.parse(text());
    expect(json.cases[0].request.inputs.input).toEqual(good);
    expect(() => validateGoldenFile(json, 'lm')).not.toThrow();
    expect(validateAgainstSchema(json, JSON.parse(readFileSync('golden/schema.json', 'utf8')) as Schema)).toEqual([]);
  });

  it('the runner hands a port the expanded bytes as b64, and a request without generated inputs unchanged', () => {
    const label = { dtype: 'float32', shape: [1], data: [1] };
    const request = { api: 'paddle.nn.functional.mse_loss', inputs: { input: good, label } };
    const sent = expandedRequest(request);
    expect(Object.keys(sent.inputs.input!)).toEqual(['dtype', 'shape', 'b64']);
    expect(decodeTensor(sent.inputs.input).bytes).toEqual(decodeTensor(good).bytes);
    expect(sent.inputs.label).toBe(label);
    const plain = { api: request.api, inputs: { input: label, label } };
    expect(expandedRequest(plain)).toBe(plain);
  });
});

// ---------------------------------------------------------------- the Python codec itself

const python = findPaddlePython();
const WIRE_CODEC = fileURLToPath(new URL('./wire_codec.py', import.meta.url));
const PY_EXPAND = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("wire_codec", sys.argv[1])
codec = importlib.util.module_from_spec(spec)
spec.loader.exec_module(codec)
out = []
for i, t in enumerate(json.loads(sys.stdin.read())):
    try:
        a = codec.to_numpy(t, "$[%d]" % i)
        out.append(a.astype(a.dtype.newbyteorder("<")).tobytes().hex())
    except codec.ProtocolError as e:
        out.append("ProtocolError: " + str(e))
print(json.dumps(out))
`;

describe.skipIf(!python)(`Python (wire_codec.py to_numpy, as the oracle and the Python ports read a generated tensor) expands to the same bytes${python ? '' : ` — SKIPPED: ${paddleAbsentReason()}`}`, () => {
  const tensors: TensorJson[] = [
    ...FIXED.filter(([, shape]) => shape.length === 1 || shape[0]! < 8).map(([dtype, shape, s, sha256]) => ({ dtype, shape, generated: s, sha256 })),
    generated('bfloat16', [1 << 16], { seed: 5, distribution: 'uniform', low: 1, high: 2 }),
    generated('float32', [3, 7], { seed: 123456789, distribution: 'uniform', low: -1e-3, high: 3.5 }),
    generated('int32', [2, 9], { seed: 2, distribution: 'integers', low: -100, high: 32000 }),
    generated('float64', [0], { seed: 1, distribution: 'uniform', low: 0, high: 1 }),
  ];
  const wrong = { ...tensors[1]!, sha256: 'f'.repeat(64) };
  let answers: string[] | undefined;
  const run = (): string[] => {
    if (answers) return answers;
    const r = spawnSync(python!, ['-c', PY_EXPAND, WIRE_CODEC], { input: stringifyExact([...tensors, wrong]), encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${python} failed (exit ${r.status}):\n${r.stderr}`);
    return (answers = JSON.parse(r.stdout) as string[]);
  };

  it.each(tensors.map((t, i) => [i, t.dtype, t.shape] as const))('tensor %i: %s%j', (i) => {
    expect(run()[i]).toBe(Buffer.from(decodeTensor(tensors[i]).bytes).toString('hex'));
  });

  it('refuses a wrong sha256, naming both hashes', () => {
    const got = run()[tensors.length]!;
    expect(got).toContain(`ProtocolError: $[${tensors.length}].sha256: the generated bytes hash to ${tensors[1]!.sha256} but the tensor states ${'f'.repeat(64)}`);
  });
});
