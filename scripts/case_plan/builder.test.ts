import { describe, expect, it } from 'vitest';
import type { RequestJson } from '../../conformance/case.js';
import type { OpSignature } from '../../conformance/op.js';
import { OPS } from '../../conformance/ops/index.js';
import { hashSeed, Prng } from '../prng.js';
import { bitsToFloat32, MAX_FINITE, MAX_SUBNORMAL, MIN_NORMAL, MIN_SUBNORMAL, nextDown, nextUp } from '../../conformance/floats.js';
import { caseId, formatParam, formatShape, ParamSet } from './params.js';
import { derivedTags, plannedCase } from './planned_case.js';
import { filled, tensor } from './tensor.js';

describe('Prng', () => {
  it('hashes strings with FNV-1a (offset basis for "", 0xe40c292c for "a")', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
  });
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const draw = (s: string) => { const r = new Prng(s); return Array.from({ length: 8 }, () => r.nextUint32()); };
    expect(draw('x')).toEqual(draw('x'));
    expect(draw('x')).not.toEqual(draw('y'));
  });
  it('keeps next, nextFloat64 and int in range, nextFloat64 on the 2^-53 grid', () => {
    const r = new Prng(7);
    for (let i = 0; i < 10_000; i++) {
      const a = r.next();
      const b = r.nextFloat64();
      const k = r.int(-3, 3);
      expect(a >= 0 && a < 1 && b >= 0 && b < 1 && Number.isInteger(b * 2 ** 53) && Number.isInteger(k) && k >= -3 && k <= 3).toBe(true);
    }
  });
});

describe('floats', () => {
  it('steps one float32 ulp from 1 and from float32(0.1) (0x3dcccccd)', () => {
    expect(nextUp(1, 'float32')).toBe(1 + 2 ** -23);
    expect(nextDown(1, 'float32')).toBe(1 - 2 ** -24);
    expect(nextUp(Math.fround(0.1), 'float32')).toBe(bitsToFloat32(0x3dccccce));
    expect(nextDown(Math.fround(0.1), 'float32')).toBe(bitsToFloat32(0x3dcccccc));
  });
  it('steps one float64 ulp from 1 and across zero and infinity', () => {
    expect(nextUp(1, 'float64')).toBe(1 + 2 ** -52);
    expect(nextDown(1, 'float64')).toBe(1 - 2 ** -53);
    expect(nextDown(0, 'float64')).toBe(-(2 ** -1074));
    expect(nextUp(-(2 ** -149), 'float32')).toBe(-0);
    expect(nextUp(MAX_FINITE.float32, 'float32')).toBe(Infinity);
    expect(nextDown(-MAX_FINITE.float64, 'float64')).toBe(-Infinity);
  });
  it('refuses a value that is not float32', () => {
    expect(() => nextUp(0.1, 'float32')).toThrow(/not a float32 value/);
  });
  it('has the limits of both dtypes', () => {
    expect(MAX_FINITE.float32).toBe(3.4028234663852886e38);
    expect(MIN_SUBNORMAL.float32).toBe(2 ** -149);
    expect(MAX_SUBNORMAL.float32).toBe(2 ** -126 - 2 ** -149);
    expect(MIN_NORMAL.float64).toBe(2 ** -1022);
    expect(MAX_SUBNORMAL.float64).toBe(2 ** -1022 - 2 ** -1074);
  });
});

describe('params', () => {
  it('varies one axis at a time against the control, then crosses', () => {
    const rows = [...ParamSet.control({ a: 1, b: 'x' }).vary('a', [1, 2]).vary('b', ['y']).combine('c', [true, false])];
    expect(rows.map((r) => caseId('fam', 'g', r))).toEqual([
      'fam/g/a=1,b=x,c=True', 'fam/g/a=1,b=x,c=False',
      'fam/g/a=2,b=x,c=True', 'fam/g/a=2,b=x,c=False',
      'fam/g/a=1,b=y,c=True', 'fam/g/a=1,b=y,c=False',
    ]);
  });
  it('starts the id with the family it is given, and refuses family and group names that are not folder or file names', () => {
    expect(caseId('some_op', 'g', { a: 1 })).toBe('some_op/g/a=1');
    expect(() => caseId('Some/op', 'g', { a: 1 })).toThrow('family name "Some/op" must be lower-case letters, digits and _');
    expect(() => caseId('some_op', '../g', { a: 1 })).toThrow('group name "../g" must be lower-case letters, digits and _');
    expect(() => caseId('some_op', 'g', {})).toThrow('a case of group some_op/g has no parameters');
  });
  it('formats values readably and refuses ones that would break the id', () => {
    expect([1e39, 0.1, -0, Infinity, -Infinity, NaN, null, '', 'reduce_mean'].map(formatParam)).toEqual(['1e39', '0.1', '-0.0', 'inf', '-inf', 'NaN', 'None', "''", 'reduce_mean']);
    expect(formatShape([])).toBe('scalar');
    expect(formatShape([0, 10, 5])).toBe('0x10x5');
    expect(() => formatParam('a,b')).toThrow(/cannot hold/);
  });
});

describe('tensor', () => {
  it('refuses a value its dtype cannot hold exactly', () => {
    expect(() => tensor('float32', [1], [0.1])).toThrow(/0.1 at index 0 is not exactly representable in float32/);
  });
  it('fills a shape with one value, and keeps -0.0', () => {
    expect(filled('float64', [2, 1], -0)).toEqual({ dtype: 'float64', shape: [2, 1], data: [-0, -0] });
  });
});

// A made-up op of three tensors, so the tags are seen to cover every tensor, not two named ones.
const THREE: OpSignature = {
  family: 'three_op', functional: 'paddle.three', layer: 'paddle.nn.Three', tensors: ['a', 'b', 'c'],
  kwargs: [{ name: 'eps', kind: 'float', default: 0 }, { name: 'reduction', kind: 'str', default: 'mean' }],
  differentiable: ['a', 'b'], reduction: 'reduction', dtypes: ['float32', 'float64'],
};
const one = tensor('float32', [1], [1]);
const call = (inputs: RequestJson['inputs'], extra: Partial<RequestJson> = {}): RequestJson => ({ api: 'paddle.three', inputs, ...extra });

describe('derived tags', () => {
  it('tags nothing but default-kwargs for same-shaped, same-dtype finite tensors', () => {
    expect(derivedTags(THREE, call({ a: one, b: one, c: one }))).toEqual(['default-kwargs']);
  });
  it('reads shape, dtype, NaN and infinity off the third tensor too', () => {
    expect(derivedTags(THREE, call({ a: one, b: one, c: tensor('float32', [], [NaN]) }))).toEqual(['default-kwargs', 'zero-d', 'broadcast', 'nan']);
    expect(derivedTags(THREE, call({ a: one, b: one, c: tensor('float64', [1], [-Infinity]) }))).toEqual(['default-kwargs', 'mixed-dtype', 'inf']);
    expect(derivedTags(THREE, call({ a: one, b: one, c: tensor('float32', [0, 1], []) }))).toEqual(['default-kwargs', 'zero-size', 'broadcast']);
  });
  it("reads NaN and infinity off the op's float keywords only, and the layer and gradient off the call", () => {
    expect(derivedTags(THREE, call({ a: one, b: one, c: one }, { kwargs: { eps: 'NaN' } }))).toEqual(['nan']);
    expect(derivedTags(THREE, call({ a: one, b: one, c: one }, { api: 'paddle.nn.Three', init: { eps: '-Infinity', reduction: 'NaN' } }))).toEqual(['layer', 'inf']);
    expect(derivedTags(THREE, call({ a: one, b: one, c: one }, { grad: ['b'], grad_output: tensor('float32', [0], []) }))).toEqual(['grad', 'grad-output', 'default-kwargs', 'zero-size']);
  });
});

describe('plannedCase', () => {
  const op = OPS[0]!;
  const inputs = Object.fromEntries(op.tensors.map((name) => [name, one]));
  const base = { family: op.family, group: 'g', params: { a: 1 }, request: { api: op.functional, inputs }, description: 'd' };
  it('makes a spec case from a quoted clause and a paddle case from rules, with derived tags merged in', () => {
    const spec = plannedCase({ ...base, clause: 'the page says so', tags: ['zz', 'default-kwargs'] });
    expect(spec).toEqual({ id: `${op.family}/g/a=1`, group: 'g', level: 'spec', spec_clause: 'the page says so', tags: ['default-kwargs', 'zz'], description: 'd', request: base.request });
    expect(plannedCase({ ...base, rules: ['r2', 'r1', 'r2'] })).toMatchObject({ level: 'paddle', rules: ['r1', 'r2'] });
  });
  it('refuses a case with both or neither justification, a two-line description, or an unregistered family', () => {
    expect(() => plannedCase(base)).toThrow(`${op.family}/g/a=1: give either clauses (a spec case) or rules (a paddle case), not neither`);
    expect(() => plannedCase({ ...base, clause: 'c', rules: ['r'] })).toThrow('not both');
    expect(() => plannedCase({ ...base, clause: 'c', description: 'two\nlines' })).toThrow('the description must be one line');
    expect(() => plannedCase({ ...base, family: 'no_such_op', clause: 'c' })).toThrow('no op of family no_such_op is registered');
  });
});
