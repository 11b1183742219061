import { describe, expect, it } from 'vitest';
import { hashSeed, Prng } from '../prng.js';
import { bitsToFloat32, MAX_FINITE, MAX_SUBNORMAL, MIN_NORMAL, MIN_SUBNORMAL, nextDown, nextUp } from './floats.js';
import { caseId, formatParam, formatShape, ParamSet } from './params.js';
import { marginKwarg, request, tensor } from './request.js';

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
    expect(rows.map((r) => caseId('g', r))).toEqual([
      'hinge_embedding_loss/g/a=1,b=x,c=True', 'hinge_embedding_loss/g/a=1,b=x,c=False',
      'hinge_embedding_loss/g/a=2,b=x,c=True', 'hinge_embedding_loss/g/a=2,b=x,c=False',
      'hinge_embedding_loss/g/a=1,b=y,c=True', 'hinge_embedding_loss/g/a=1,b=y,c=False',
    ]);
  });
  it('formats values readably and refuses ones that would break the id', () => {
    expect([1e39, 0.1, -0, Infinity, -Infinity, NaN, null, '', 'reduce_mean'].map(formatParam)).toEqual(['1e39', '0.1', '-0.0', 'inf', '-inf', 'NaN', 'None', "''", 'reduce_mean']);
    expect(formatShape([])).toBe('scalar');
    expect(formatShape([0, 10, 5])).toBe('0x10x5');
    expect(() => formatParam('a,b')).toThrow(/cannot hold/);
  });
});

describe('request', () => {
  it('refuses a value its dtype cannot hold exactly', () => {
    expect(() => tensor('float32', [1], [0.1])).toThrow(/0.1 at index 0 is not exactly representable in float32/);
  });
  it('leaves defaults out, and puts the layer arguments in init', () => {
    const t = tensor('float32', [1], [1]);
    expect(request({ input: t, label: t })).toEqual({ api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input: t, label: t } });
    expect(request({ input: t, label: t, form: 'layer', reduction: 'sum', grad: true }).init).toEqual({ reduction: 'sum' });
    expect(request({ input: t, label: t, margin: null }).kwargs).toEqual({ margin: null });
  });
  it('encodes margins as the protocol says', () => {
    expect([NaN, Infinity, -Infinity, 'int(-3)', true, 0.5].map(marginKwarg)).toEqual(['NaN', 'Infinity', '-Infinity', { int: -3 }, true, 0.5]);
    expect(marginKwarg('default')).toBeUndefined();
  });
});
