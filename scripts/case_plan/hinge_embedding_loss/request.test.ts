import { describe, expect, it } from 'vitest';
import { tensor } from '../tensor.js';
import { caseId, FAMILY, plannedCase } from './case.js';
import { CLAUSE_SEPARATOR, CLAUSES } from './clauses.js';
import { marginKwarg, marginValue, request } from './request.js';

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

describe('margin values', () => {
  it("reads a margin id value as the number Paddle uses, 1.0 when left out", () => {
    expect([undefined, 'default', 0.5, 'int(2)', -Infinity].map(marginValue)).toEqual([1, 1, 0.5, 2, -Infinity]);
  });
});

describe('case factory', () => {
  it('is the folder name, used as the id prefix', () => {
    expect(FAMILY).toBe('hinge_embedding_loss');
    expect(caseId('g', { a: 1 })).toBe('hinge_embedding_loss/g/a=1');
  });
  it('quotes the clauses named, in the order given, and types the rules', () => {
    const t = tensor('float32', [1], [1]);
    const c = plannedCase({ group: 'g', params: { a: 1 }, request: request({ input: t, label: t }), description: 'd', clauses: ['mean', 'formula'] });
    expect(c.spec_clause).toBe(`${CLAUSES.mean}${CLAUSE_SEPARATOR}${CLAUSES.formula}`);
    expect(plannedCase({ group: 'g', params: { a: 1 }, request: request({ input: t, label: t }), description: 'd', rules: ['relu-nan-is-zero'] }).rules).toEqual(['relu-nan-is-zero']);
  });
});
