/**
 * The comparison policy (compare.ts), one behaviour per test, with literal
 * numbers. Bits are given in hex where they matter; bound edges are chosen so
 * one value sits just inside the bound and the next representable value just
 * outside it.
 */
import { describe, expect, it } from 'vitest';
import type { ExpectedJson, GoldenCase, RequestJson } from './case.js';
import { compareResponse as judge, gamma, type CompareOptions, messageNote, messageProper, reductionBound, ulpDistance, unravel, type Verdict } from './compare.js';
import { opForApi, opForFamily } from './ops/index.js';
import { EXACT_WITH_SUMMATION, type TolerancePolicies } from './tolerance.js';
import { fromTypedArray, fromValues, type TensorJson } from './wire.js';

/** compareResponse with the case's op from the registry, its tolerance replaced by `policies` when given. */
function compareResponse(golden: GoldenCase, response: unknown, options: CompareOptions, policies?: TolerancePolicies): Verdict {
  const op = opForApi(golden.request.api)!;
  return judge(golden, response, options, policies ? { ...op, tolerance: policies } : op);
}

const input: TensorJson = { dtype: 'float32', shape: [3, 3], data: [1, -2, 3, 0, -1, 2, 1, 0, 1] };
const label: TensorJson = { dtype: 'float32', shape: [3, 3], data: [-1, 1, -1, 1, 1, 1, 1, -1, 1] };

function goldenCase(expected: ExpectedJson, kwargs: RequestJson['kwargs'] = { reduction: 'none' }, grad = false): GoldenCase {
  return {
    id: 'hinge_embedding_loss/test/case',
    group: 'test',
    level: 'paddle',
    tags: [],
    description: 'a test case',
    request: { api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input, label }, kwargs, ...(grad ? { grad: ['input'] as ['input'] } : {}) },
    expected,
  };
}

function f32(shape: number[], data: Array<number | string>): TensorJson {
  return { dtype: 'float32', shape, data };
}

function f64(shape: number[], data: Array<number | string>): TensorJson {
  return { dtype: 'float64', shape, data };
}

/** A float32 tensor from raw bit patterns, as base64. */
function f32Bits(shape: number[], bits: number[]): TensorJson {
  const t = fromTypedArray('float32', shape, new Uint32Array(bits));
  return { dtype: 'float32', shape, b64: Buffer.from(t.bytes).toString('base64') };
}

const value = { bitwise: false };
const bitwise = { bitwise: true };

function failure(v: Verdict) {
  if (v.status !== 'fail') throw new Error(`expected a failure, got ${v.status}`);
  return v.failure;
}

describe('element-wise results (reduction none) are exact', () => {
  const expected = { output: f32([3, 3], [0, -2, 0, 0, -1, 2, 1, 1, 1]) };

  it('an identical tensor passes', () => {
    const v = compareResponse(goldenCase(expected), { id: 'x', output: f32([3, 3], [0, -2, 0, 0, -1, 2, 1, 1, 1]) }, value);
    expect(v.status).toBe('pass');
  });

  it('one ulp off fails, reporting the multi-index, both values, their bits and the ulp distance', () => {
    // 2 is 0x40000000; the next float32 up is 2.0000002384185791 = 0x40000001.
    const v = compareResponse(goldenCase(expected), { id: 'x', output: f32([3, 3], [0, -2, 0, 0, -1, 2.0000002384185791, 1, 1, 1]) }, value);
    const f = failure(v);
    expect(f.kind).toBe('value');
    expect(f.element).toMatchObject({
      field: 'output', index: 5, multiIndex: [1, 2], actual: 2.0000002384185791, expected: 2,
      actualBits: '0x40000001', expectedBits: '0x40000000', ulps: 1n, mismatches: 1, size: 9,
    });
    expect(f.bound?.description).toBe('exact (NaN == NaN, +0 == -0)');
    expect(f.message).toContain('output[1, 2]');
  });

  it('counts every differing element but reports the first', () => {
    const v = compareResponse(goldenCase(expected), { id: 'x', output: f32([3, 3], [0, -2, 0, 0, -1, 2, 7, 7, 7]) }, value);
    expect(failure(v).element).toMatchObject({ index: 6, multiIndex: [2, 0], mismatches: 3 });
  });

  it('value mode: +0 equals -0', () => {
    const v = compareResponse(goldenCase({ output: f32([2], [0, 1]) }), { id: 'x', output: f32([2], [-0, 1]) }, value);
    expect(v.status).toBe('pass');
  });

  it('bitwise mode: -0 (0x80000000) differs from +0 (0x00000000), at 0 ulps', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([2], [0, 1]) }), { id: 'x', output: f32([2], [-0, 1]) }, bitwise));
    expect(f.element).toMatchObject({ index: 0, actualBits: '0x80000000', expectedBits: '0x00000000', ulps: 0n });
    expect(f.bound?.description).toBe('bitwise (raw bytes must be equal)');
  });

  it('value mode: NaN equals NaN whatever the payload', () => {
    const v = compareResponse(goldenCase({ output: f32Bits([1], [0x7fc00000]) }), { id: 'x', output: f32Bits([1], [0x7fc00001]) }, value);
    expect(v.status).toBe('pass');
  });

  it('bitwise mode: NaN payloads 0x7fc00001 and 0x7fc00000 differ, and the ulp distance is n/a', () => {
    const f = failure(compareResponse(goldenCase({ output: f32Bits([1], [0x7fc00000]) }), { id: 'x', output: f32Bits([1], [0x7fc00001]) }, bitwise));
    expect(f.element).toMatchObject({ actualBits: '0x7fc00001', expectedBits: '0x7fc00000', ulps: null });
  });

  it('bitwise mode: identical NaN bits pass', () => {
    const v = compareResponse(goldenCase({ output: f32Bits([1], [0xffc00000]) }), { id: 'x', output: f32Bits([1], [0xffc00000]) }, bitwise);
    expect(v.status).toBe('pass');
  });

  it('NaN against a number fails in value mode', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([1], [0]) }), { id: 'x', output: f32([1], ['NaN']) }, value));
    expect(f.element).toMatchObject({ actualBits: '0x7fc00000', expectedBits: '0x00000000', ulps: null });
  });

  it('gradients are compared exactly, never with the reduction bound', () => {
    // float32(1/9) = 0x3de38e39; one ulp up is 0x3de38e3a = 0.11111111938953400.
    const expected: ExpectedJson = { output: f32([], [2]), grad: { input: f32([1], [0.1111111119389534]) }, reduction_basis: { count: 9, abs_sum: 8 } };
    const v = compareResponse(goldenCase(expected, { reduction: 'mean' }, true), { id: 'x', output: f32([], [2]), grad: { input: f32([1], [0.111111119389534]) } }, value);
    const f = failure(v);
    expect(f.element).toMatchObject({ field: 'grad.input', ulps: 1n });
    expect(f.bound?.kind).toBe('exact');
  });

  it('a missing gradient fails as missing', () => {
    const expected: ExpectedJson = { output: f32([1], [2]), grad: { input: f32([1], [1]) } };
    expect(failure(compareResponse(goldenCase(expected, { reduction: 'none' }, true), { id: 'x', output: f32([1], [2]) }, value)).kind).toBe('missing');
  });
});

describe('dtype and shape must match exactly', () => {
  it('float64 where float32 was expected fails on dtype, even with equal values', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([1], [1]) }), { id: 'x', output: f64([1], [1]) }, value));
    expect(f).toMatchObject({ kind: 'dtype', message: 'output: dtype float64, expected float32' });
  });

  it('shape [1] where a 0-D result was expected fails on shape', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([], [1]) }), { id: 'x', output: f32([1], [1]) }, value));
    expect(f).toMatchObject({ kind: 'shape', message: 'output: shape [1], expected []' });
  });

  it('shape [9] where [3, 3] was expected fails on shape', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 0]) }), { id: 'x', output: f32([9], [0, 0, 0, 0, 0, 0, 0, 0, 0]) }, value));
    expect(f.kind).toBe('shape');
  });
});

describe('reductions lie within 2·γ_{n+1}·S (sum) or 2·γ_{n+1}·S/n (mean)', () => {
  // float32 sum, n = 3, S = 3: bound 2·γ_4·3 = 6·2^-22/(1 − 2^-22) = 1.4305118156699695e-6.
  // Around 3 the float32 spacing is 2^-22, so 6 ulps (1.430511474609375e-6) is inside and 7 ulps outside.
  const sum3: ExpectedJson = { output: f32([], [3]), reduction_basis: { count: 3, abs_sum: 3 } };

  it('float32 sum: 6 ulps above (3.0000014305114746) is just inside the bound', () => {
    expect(compareResponse(goldenCase(sum3, { reduction: 'sum' }), { id: 'x', output: f32([], [3.0000014305114746]) }, value).status).toBe('pass');
  });

  it('a passing reduction reports its distance from Paddle\'s value and the bound it met', () => {
    const v = compareResponse(goldenCase(sum3, { reduction: 'sum' }), { id: 'x', output: f32([], [3.0000014305114746]) }, value);
    expect(v.status === 'pass' && v.reduction).toMatchObject({ difference: 1.430511474609375e-6, ulps: 6n, bound: { kind: 'reduction', value: 0.0000014305118156699695 } });
  });

  it('float32 sum: 7 ulps above (3.0000016689300537) is just outside, and the report gives the bound', () => {
    const f = failure(compareResponse(goldenCase(sum3, { reduction: 'sum' }), { id: 'x', output: f32([], [3.0000016689300537]) }, value));
    expect(f.element).toMatchObject({ ulps: 7n, multiIndex: [] });
    expect(f.bound).toMatchObject({ kind: 'reduction', value: 0.0000014305118156699695 });
    expect(f.bound?.description).toContain('2·γ_{n+1}·S');
    expect(f.bound?.description).toContain('n=3');
  });

  // float32 mean, n = 4, S = 4: bound 2·γ_5 = 10·2^-24/(1 − 5·2^-24) = 5.960466253896431e-7.
  const mean4: ExpectedJson = { output: f32([], [1]), reduction_basis: { count: 4, abs_sum: 4 } };

  it('float32 mean: 5 ulps above 1 (1.0000005960464478, spacing 2^-23) is inside', () => {
    expect(compareResponse(goldenCase(mean4, { reduction: 'mean' }), { id: 'x', output: f32([], [1.0000005960464478]) }, value).status).toBe('pass');
  });

  it('float32 mean: 6 ulps above 1 (1.0000007152557373) is outside', () => {
    expect(failure(compareResponse(goldenCase(mean4, { reduction: 'mean' }), { id: 'x', output: f32([], [1.0000007152557373]) }, value)).element?.ulps).toBe(6n);
  });

  it('float32 mean: 10 ulps below 1 (0.9999994039535522, spacing 2^-24) is inside, 11 (0.9999993443489075) outside', () => {
    expect(compareResponse(goldenCase(mean4, { reduction: 'mean' }), { id: 'x', output: f32([], [0.9999994039535522]) }, value).status).toBe('pass');
    expect(compareResponse(goldenCase(mean4, { reduction: 'mean' }), { id: 'x', output: f32([], [0.9999993443489075]) }, value).status).toBe('fail');
  });

  // Issue 20, item 9. float32 mean of n = 3 subnormal losses [τ, τ, 2τ] (S = 4τ, τ = 2^-149): the exact mean 4τ/3 rounds to τ.
  // The additions are exact down there, but the division is one rounding per port that can land there: the bound is
  // 2·γ_4·4τ/3 + τ, just over τ. Before the floor it was 2·γ_4·4τ/3 ≈ 6e-52, so a port one step off failed.
  const subnormalMean: ExpectedJson = { output: f32([], [2 ** -149]), reduction_basis: { count: 3, abs_sum: 4 * 2 ** -149 } };

  it('float32 mean of subnormal losses: one step (τ) off passes, two steps fail', () => {
    expect(compareResponse(goldenCase(subnormalMean, { reduction: 'mean' }), { id: 'x', output: f32([], [2 * 2 ** -149]) }, value).status).toBe('pass');
    const f = failure(compareResponse(goldenCase(subnormalMean, { reduction: 'mean' }), { id: 'x', output: f32([], [3 * 2 ** -149]) }, value));
    expect(f.bound?.description).toContain('2·γ_{n+1}·S/n + τ');
  });

  it('float32 sum of subnormal losses has no floor: its additions are exact there, so one step off fails', () => {
    const sum: ExpectedJson = { output: f32([], [4 * 2 ** -149]), reduction_basis: { count: 3, abs_sum: 4 * 2 ** -149 } };
    expect(compareResponse(goldenCase(sum, { reduction: 'sum' }), { id: 'x', output: f32([], [5 * 2 ** -149]) }, value).status).toBe('fail');
  });

  it('an absent reduction kwarg means mean, Paddle\'s default', () => {
    expect(compareResponse(goldenCase(mean4, {}), { id: 'x', output: f32([], [1.0000005960464478]) }, value).status).toBe('pass');
  });

  // float64 sum, n = 1, S = 1: bound 2·γ_2 = 4·2^-53/(1 − 2^-52) = 4.440892098500627e-16.
  const sum1: ExpectedJson = { output: f64([], [1]), reduction_basis: { count: 1, abs_sum: 1 } };

  it('float64 sum: 2 ulps above 1 (1.0000000000000004) is inside, 3 ulps (1.0000000000000007) outside', () => {
    expect(compareResponse(goldenCase(sum1, { reduction: 'sum' }), { id: 'x', output: f64([], [1.0000000000000004]) }, value).status).toBe('pass');
    expect(failure(compareResponse(goldenCase(sum1, { reduction: 'sum' }), { id: 'x', output: f64([], [1.0000000000000007]) }, value)).element?.ulps).toBe(3n);
  });

  it('n = 0 falls back to exact: mean of nothing must be NaN', () => {
    const empty: ExpectedJson = { output: f32([], ['NaN']), reduction_basis: { count: 0, abs_sum: 0 } };
    expect(compareResponse(goldenCase(empty, { reduction: 'mean' }), { id: 'x', output: f32([], ['NaN']) }, value).status).toBe('pass');
    const f = failure(compareResponse(goldenCase(empty, { reduction: 'mean' }), { id: 'x', output: f32([], [0]) }, value));
    expect(f.bound?.kind).toBe('exact');
  });

  it('a non-finite S falls back to exact: Infinity must be Infinity', () => {
    const inf: ExpectedJson = { output: f32([], ['Infinity']), reduction_basis: { count: 2, abs_sum: 'Infinity' } };
    expect(compareResponse(goldenCase(inf, { reduction: 'sum' }), { id: 'x', output: f32([], ['Infinity']) }, value).status).toBe('pass');
    expect(failure(compareResponse(goldenCase(inf, { reduction: 'sum' }), { id: 'x', output: f32([], [3.4028234663852886e38]) }, value)).bound?.kind).toBe('exact');
  });

  it('NaN against a number always fails, even with a huge bound', () => {
    const big: ExpectedJson = { output: f32([], [3]), reduction_basis: { count: 3, abs_sum: 1e30 } };
    expect(compareResponse(goldenCase(big, { reduction: 'sum' }), { id: 'x', output: f32([], ['NaN']) }, value).status).toBe('fail');
  });

  it('an infinity against a finite expected value fails, even with a huge bound', () => {
    const big: ExpectedJson = { output: f32([], [3]), reduction_basis: { count: 3, abs_sum: 1e30 } };
    expect(compareResponse(goldenCase(big, { reduction: 'sum' }), { id: 'x', output: f32([], ['Infinity']) }, value).status).toBe('fail');
  });

  it('bitwise mode keeps the bound but tells -0 from +0 when the values are equal', () => {
    const zero: ExpectedJson = { output: f32([], [0]), reduction_basis: { count: 2, abs_sum: 0 } };
    expect(compareResponse(goldenCase(zero, { reduction: 'sum' }), { id: 'x', output: f32([], [-0]) }, value).status).toBe('pass');
    expect(compareResponse(goldenCase(zero, { reduction: 'sum' }), { id: 'x', output: f32([], [-0]) }, bitwise).status).toBe('fail');
    expect(compareResponse(goldenCase(sum3, { reduction: 'sum' }), { id: 'x', output: f32([], [3.0000014305114746]) }, bitwise).status).toBe('pass');
  });
});

describe('errors: the exception type must match; a different message is a note', () => {
  const raised: ExpectedJson = { error: { type: 'ValueError', message: "'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received bad." } };

  it('same type and message passes without notes', () => {
    const v = compareResponse(goldenCase(raised), { id: 'x', error: { ...raised.error! } }, value);
    expect(v).toEqual({ status: 'pass', notes: [] });
  });

  it('same type, other message passes with a note quoting both', () => {
    const v = compareResponse(goldenCase(raised), { id: 'x', error: { type: 'ValueError', message: 'bad reduction' } }, value);
    expect(v.status).toBe('pass');
    expect(v.notes).toEqual(['message differs from character 0: expected "\'reduction\' in \'hinge_embedding_loss\' should be \'sum\', \'mean…", got "bad reduction"']);
  });

  it('the note quotes each message from where they part', () => {
    expect(messageNote('Broadcast mismatch.\n  [Hint: x] (at a.h:72)\n', 'Broadcast mismatch.')).toBe(
      'message differs from character 19: expected "…\\n  [Hint: x] (at a.h:72)\\n", got the end of the message',
    );
  });

  it("Paddle's C++ decorations ([Hint: …] line, (at file:line) location) are not part of the message", () => {
    // Verbatim from golden/hinge_embedding_loss/broadcast.json (Paddle 3.3.1), shortened inside the hint.
    const paddle =
      '(InvalidArgument) Broadcast dimension mismatch. Received [3] in X is not equal to [4] in Y at i:0.\n' +
      '  [Hint: Expected x_dims_array[i] == y_dims_array[i] || (x_dims_array[i] <= 1), but received 0 != true:1.] ' +
      '(at /paddle/paddle/phi/kernels/funcs/common_shape.h:72)\n';
    const stated = '(InvalidArgument) Broadcast dimension mismatch. Received [3] in X is not equal to [4] in Y at i:0.';
    expect(messageProper(paddle)).toBe(stated);
    const v = compareResponse(goldenCase({ error: { type: 'ValueError', message: paddle } }), { id: 'x', error: { type: 'ValueError', message: stated } }, value);
    expect(v).toEqual({ status: 'pass', notes: [] });
  });

  it('a port\'s message of 256K spaces or newlines is read in one pass (the regular expressions took quadratic time: 64K spaces, 12 s)', () => {
    // No timing: a quadratic scan (some 3 minutes for each) would not finish within the test's limit.
    expect(messageProper(`${' '.repeat(1 << 18)}x`)).toBe(`${' '.repeat(1 << 18)}x`);
    expect(messageProper(`${'\n'.repeat(1 << 18)}x`)).toBe(`${'\n'.repeat(1 << 18)}x`);
    expect(messageProper(`bad.${' \n'.repeat(1 << 17)}[Hint: x] (at a.cc:1)`)).toBe('bad.');
  });

  it('a location alone is dropped too, and a message without decorations is kept whole', () => {
    expect(messageProper('(InvalidType) bad type. (at /paddle/paddle/phi/common/type_promotion.h:220)\n')).toBe('(InvalidType) bad type.');
    expect(messageProper("'reduction' should be 'sum' (at most once)")).toBe("'reduction' should be 'sum' (at most once)");
  });

  it('another type fails', () => {
    const f = failure(compareResponse(goldenCase(raised), { id: 'x', error: { type: 'TypeError', message: 'no' } }, value));
    expect(f).toMatchObject({ kind: 'error-type', message: 'expected ValueError but the port raised TypeError: no' });
  });

  it('a result where Paddle raised fails', () => {
    expect(failure(compareResponse(goldenCase(raised), { id: 'x', output: f32([], [0]) }, value)).kind).toBe('outcome');
  });

  it('an error where Paddle returned fails, quoting the error', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([], [0]) }), { id: 'x', error: { type: 'RuntimeError', message: 'boom' } }, value));
    expect(f).toMatchObject({ kind: 'outcome', message: 'expected a result but the port raised RuntimeError: boom' });
  });
});

describe('skips and malformed responses', () => {
  it('a skip is reported as skipped with its reason, not as a pass', () => {
    expect(compareResponse(goldenCase({ output: f32([], [0]) }), { id: 'x', skip: 'no float16' }, value)).toEqual({ status: 'skip', reason: 'no float16', notes: [] });
  });

  it('a response with none of output, error, skip fails, quoting the response', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([], [0]) }), { id: 'x', outptu: 1 }, value));
    expect(f.kind).toBe('malformed');
    expect(f.message).toContain('{"id":"x","outptu":1}');
  });

  it('a tensor whose data does not fit its shape fails with the JSON path of the problem', () => {
    const f = failure(compareResponse(goldenCase({ output: f32([2], [0, 0]) }), { id: 'x', output: f32([2], [0]) }, value));
    expect(f.kind).toBe('malformed');
    expect(f.message).toContain('port answered a malformed tensor: $.output.data: has 1 values but shape [2] needs 2');
  });

  it('an error without a message fails as malformed', () => {
    expect(failure(compareResponse(goldenCase({ output: f32([], [0]) }), { id: 'x', error: { type: 'ValueError' } }, value)).kind).toBe('malformed');
  });
});

describe('helpers', () => {
  it('γ_k = k·u/(1 − k·u), and Infinity once k·u reaches 1', () => {
    expect(gamma(1, 0.25)).toBe(1 / 3);
    expect(gamma(4, 0.25)).toBe(Infinity);
  });

  it('the mean bound is the sum bound divided by n, plus τ for the division', () => {
    expect(reductionBound('float64', 'mean', 2, 4).value).toBe(reductionBound('float64', 'sum', 2, 4).value / 2 + 2 ** -1074);
    expect(reductionBound('float32', 'mean', 2, 0).value).toBe(2 ** -149);
  });

  it('ulp distance crosses zero: -1e-45 (0x80000001) to 1e-45 (0x00000001) is 2; +0 to -0 is 0', () => {
    const a = fromTypedArray('float32', [2], new Uint32Array([0x80000001, 0x00000000]));
    const b = fromTypedArray('float32', [2], new Uint32Array([0x00000001, 0x80000000]));
    expect(ulpDistance(a, b, 0)).toBe(2n);
    expect(ulpDistance(a, b, 1)).toBe(0n);
  });

  it('ulp distance in float64: 1 and 1 + 2^-52 are 1 apart', () => {
    expect(ulpDistance(fromValues('float64', [1], [1]), fromValues('float64', [1], [1.0000000000000002]), 0)).toBe(1n);
  });

  it('ulp distance past 2^53 is exact: +0 to 0.5 (0x3fe0000000000000) is 4602678819172646912, not 4602678819172647000', () => {
    expect(ulpDistance(fromValues('float64', [1], [0]), fromValues('float64', [1], [0.5]), 0)).toBe(4602678819172646912n);
  });

  it('a value failure states the exact distance past 2^53', () => {
    const f = failure(compareResponse(goldenCase({ output: f64([1], [0.5]) }), { id: 'x', output: f64([1], [0]) }, value));
    expect(f.message).toContain('4602678819172646912 ulp apart');
  });

  it('unravel gives row-major multi-indices', () => {
    expect(unravel(5, [3, 3])).toEqual([1, 2]);
    expect(unravel(23, [2, 3, 4])).toEqual([1, 2, 3]);
    expect(unravel(0, [])).toEqual([]);
  });
});

describe("an op's tolerance policy: an element-wise bound in ulps (tolerance.ts)", () => {
  // 1.0 is 0x3f800000; +3 ulp is 0x3f800003, +5 ulp 0x3f800005.
  const ulpPolicy: TolerancePolicies = { output: { kind: 'ulp', ulps: { float32: 4 }, derivation: 'exp then log, 2 ulp each' }, reduced: { kind: 'summation' }, grad: { kind: 'exact' } };
  const expected = { output: f32Bits([2], [0x3f800000, 0x40000000]) };

  it('a value 3 ulp away passes a 4 ulp bound', () => {
    expect(compareResponse(goldenCase(expected), { id: 'x', output: f32Bits([2], [0x3f800003, 0x40000000]) }, value, ulpPolicy).status).toBe('pass');
  });

  it('a value 5 ulp away fails, printing the distance beside the bound and its derivation', () => {
    const f = failure(compareResponse(goldenCase(expected), { id: 'x', output: f32Bits([2], [0x3f800005, 0x40000000]) }, value, ulpPolicy));
    expect(f.message).toContain('5 ulp apart = 1.25× the bound; bound: ≤ 4 ulp (exp then log, 2 ulp each)');
    expect(f.bound).toMatchObject({ kind: 'ulp', ulps: 4 });
  });

  it('an infinity against a finite value fails, however many ulps apart', () => {
    expect(compareResponse(goldenCase(expected), { id: 'x', output: f32([2], ['Infinity', 2]) }, value, ulpPolicy).status).toBe('fail');
  });

  it('a dtype the policy gives no count is compared exactly', () => {
    const f64Expected = { output: f64([1], [1]) };
    expect(compareResponse(goldenCase(f64Expected), { id: 'x', output: f64([1], [1.0000000000000002]) }, value, ulpPolicy).status).toBe('fail');
  });

  it('hinge_embedding_loss and margin_ranking_loss declare exact element-wise results and the summation bound', () => {
    for (const family of ['hinge_embedding_loss', 'margin_ranking_loss']) expect(opForFamily(family)?.tolerance).toEqual(EXACT_WITH_SUMMATION);
  });
});

describe("an op's tolerance policy: an absolute-relative bound a·u + r·u·|expected| (tolerance.ts)", () => {
  // float32 u = 2^-24. Bound at expected 1: 2u + 4u·1 = 6u = 3.5762786865234375e-7; at expected 2^-20: 2u + 4u·2^-20 ≈ 2u.
  const policy: TolerancePolicies = { output: { kind: 'absolute-relative', absolute: 2, relative: 4, derivation: 'log(fl(1 + e))' }, reduced: { kind: 'summation' }, grad: { kind: 'exact' } };
  const expected = { output: f32([2], [1, 2 ** -20]) };

  it('a value inside a·u + r·u·|expected| passes', () => {
    // 1 + 5u lies within 6u of 1; 2^-20 + 2^-24 lies within ~2u of 2^-20 (16 ulp of it, yet inside the absolute part).
    const ok = compareResponse(goldenCase(expected), { id: 'x', output: f32([2], [Math.fround(1 + 5 * 2 ** -24), 2 ** -20 + 2 ** -24]) }, value, policy);
    expect(ok.status).toBe('pass');
  });

  it('a value outside fails, printing |Δ| beside what is allowed at that value, and the bound with its derivation', () => {
    const f = failure(compareResponse(goldenCase(expected), { id: 'x', output: f32([2], [1, 2 ** -20 + 2 ** -22]) }, value, policy));
    expect(f.message).toContain('|Δ| = 2.384185791015625e-7 against 1.192095169244567e-7 allowed here');
    expect(f.message).toContain('bound: |Δ| ≤ 2·u + 4·u·|expected| + τ (float32 u=2^-24, τ=2^-149; log(fl(1 + e)))');
  });
});

describe("an op's tolerance policy: a derived bound the op computes from the request (tolerance.ts)", () => {
  // The allowance reads the request: A_i = i·u for element i of the output, r = 0; gradients get 8u each.
  const derived: TolerancePolicies = {
    output: { kind: 'derived', derivation: 'test derivation', allowance: (r, field, u) => (field === 'output' ? { absolute: Float64Array.from([0, 1, 2], (i) => i * u), relative: 0, inputs: `from ${r.api}` } : { absolute: 8 * u, relative: 0, inputs: 'flat' }) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'grad derivation', allowance: (_r, _f, u) => ({ absolute: 8 * u, relative: 0, inputs: 'flat' }) },
  };
  const u = 2 ** -24;
  const expected = { output: f32([3], [1, 1, 1]) };

  it('element i may lie A_i away: element 2 two u off passes, element 0 one u off fails', () => {
    expect(compareResponse(goldenCase(expected), { id: 'x', output: f32([3], [1, 1, Math.fround(1 + 2 * u)]) }, value, derived).status).toBe('pass');
    const f = failure(compareResponse(goldenCase(expected), { id: 'x', output: f32([3], [Math.fround(1 - u), 1, 1]) }, value, derived));
    expect(f.message).toContain('|Δ| = 5.960464477539063e-8 against 0 allowed here');
    expect(f.message).toContain('A_i per element, r = 0; from paddle.nn.functional.hinge_embedding_loss; float32 u=2^-24, τ=2^-149; test derivation');
  });

  it('where the allowance is NaN (from a non-finite operand) it says the bound is not defined there, not "NaN× the bound"', () => {
    const nan: TolerancePolicies = { ...derived, output: { kind: 'derived', derivation: 'nan', allowance: () => ({ absolute: NaN, relative: 0, inputs: 'an infinite operand' }) } };
    const f = failure(compareResponse(goldenCase(expected), { id: 'x', output: f32([3], [2, 1, 1]) }, value, nan));
    expect(f.message).toContain('|Δ| = 1; the bound is not defined here (NaN, from a non-finite value), so only the expected value passes');
    expect(f.message).not.toContain('NaN×');
  });

  it('a passing result that differs reports the element nearest its allowance, as a fraction of it', () => {
    const v = compareResponse(goldenCase(expected), { id: 'x', output: f32([3], [1, 1 - u, 1 - u]) }, value, derived);
    expect(v.status).toBe('pass');
    const closest = (v as { closest?: { field: string; index: number; ratio: number } }).closest;
    // Element 1 is u off with u allowed (ratio 1), element 2 u off with 2u allowed (0.5).
    expect(closest).toMatchObject({ field: 'output', index: 1, ratio: 1 });
  });

  it('a reduced result adds the elements\' allowances to the summation bound: (2·γ_{n+1}·S + ΣA_i)/n for mean', () => {
    // n = 3, S = 3: 2·γ_4·3 + (0 + u + 2u) = 24u/(1 − 4u) + 3u, over 3: just over 9u. 10u is out, 8u in.
    const reduced = goldenCase({ output: f32([], [1]), reduction_basis: { count: 3, abs_sum: 3 } }, { reduction: 'mean' });
    const bound = (2 * ((4 * u) / (1 - 4 * u)) * 3 + 3 * u) / 3 + 2 ** -149;
    const off = Math.fround(1 + 10 * u);
    expect(Math.abs(off - 1) > bound).toBe(true);
    const f = failure(compareResponse(reduced, { id: 'x', output: f32([], [off]) }, value, derived));
    expect(f.bound?.value).toBe(bound);
    expect(f.message).toContain('(2·γ_{n+1}·S + ΣA_i + r·S)/n');
    expect(compareResponse(reduced, { id: 'x', output: f32([], [Math.fround(1 + 8 * u)]) }, value, derived).status).toBe('pass');
  });

  it('gradients get the grad policy\'s allowance for their own field', () => {
    const withGrad = goldenCase({ output: f32([3], [1, 1, 1]), grad: { input: f32([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 1]) } }, { reduction: 'none' }, true);
    const grad = (x: number): TensorJson => f32([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, x]);
    expect(compareResponse(withGrad, { id: 'x', output: f32([3], [1, 1, 1]), grad: { input: grad(Math.fround(1 + 8 * u)) } }, value, derived).status).toBe('pass');
    expect(failure(compareResponse(withGrad, { id: 'x', output: f32([3], [1, 1, 1]), grad: { input: grad(Math.fround(1 + 10 * u)) } }, value, derived)).message).toContain('grad.input[2, 2]');
  });
});

describe('a call that returns None ("output": null)', () => {
  const none = goldenCase({ output: null }, { reduction: 'bogus' });
  const tensor = goldenCase({ output: f32([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 0]) });

  it('passes when Paddle and the port both return None', () => {
    expect(compareResponse(none, { id: 'x', output: null }, value).status).toBe('pass');
  });

  it('fails as an outcome when the port returns a tensor where Paddle returned None', () => {
    const f = failure(compareResponse(none, { id: 'x', output: f32([], [0]) }, value));
    expect(f.kind).toBe('outcome');
    expect(f.message).toBe('expected None (Paddle returned None, "output": null) but the port returned a tensor');
  });

  it('fails as an outcome when the port returns None where Paddle returned a tensor', () => {
    const f = failure(compareResponse(tensor, { id: 'x', output: null }, value));
    expect(f.kind).toBe('outcome');
    expect(f.message).toBe('expected a tensor but the port returned None ("output": null)');
  });

  it('fails as an outcome when the port raises where Paddle returned None', () => {
    expect(failure(compareResponse(none, { id: 'x', error: { type: 'ValueError', message: 'bad reduction' } }, value)).kind).toBe('outcome');
  });

  it('a None carrying gradients is malformed', () => {
    const f = failure(compareResponse(none, { id: 'x', output: null, grad: {} }, value));
    expect(f.kind).toBe('malformed');
    expect(f.message).toContain('"output": null stands for Python\'s None, which has no gradients');
  });
});
