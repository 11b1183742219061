/**
 * An expectations file read for fuzzing (departures.ts): an entry covers a
 * generated request that leaves the page as its cases do, that a rule its
 * cases cite decides, or on which Paddle raises an error its cases expect;
 * nothing else. Entries of spec cases, or of other ops, are said apart.
 */
import { describe, expect, it } from 'vitest';
import type { ExpectedJson } from '../case.js';
import { parseExpectations } from '../expectations.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { expectedDepartures } from './departures.js';

const SUITE = loadGoldens([bundledGoldenDir()]);
const RESULT: ExpectedJson = { output: { dtype: 'float32', shape: [], data: [0.5] } };

const entry = (id: string) => ({ id, reason: `known: ${id}` });
const read = (...ids: string[]) => expectedDepartures('soft_margin_loss', parseExpectations(ids.map(entry)), SUITE);

describe('what an entry covers', () => {
  it('the way its cases leave the page: int32 input, not float16', () => {
    const d = read('soft_margin_loss/dtypes/dtype=int32*');
    expect(d.covering({ outside: ['input of dtype int32'], rules: [], expected: RESULT })).toEqual(entry('soft_margin_loss/dtypes/dtype=int32*'));
    expect(d.covering({ outside: ['input of dtype int64'], rules: [], expected: RESULT })).toBeUndefined();
    expect(d.covering({ outside: ['input of dtype float16'], rules: [], expected: RESULT })).toBeUndefined();
  });

  it('the same invalid reduction, not another one', () => {
    const d = read('soft_margin_loss/errors/reduction=MEAN*');
    expect(d.covering({ outside: ['reduction="MEAN"'], rules: [], expected: RESULT })?.id).toBe('soft_margin_loss/errors/reduction=MEAN*');
    expect(d.covering({ outside: ['reduction="elementwise_mean"'], rules: [], expected: RESULT })).toBeUndefined();
  });

  it('a rule its cases cite, when that rule decides the request', () => {
    const d = read('soft_margin_loss/overflow/**');
    expect(d.covering({ outside: [], rules: ['soft-margin-one-plus-exp-absorbs-small'], expected: RESULT })?.id).toBe('soft_margin_loss/overflow/**');
    expect(d.covering({ outside: [], rules: ['soft-margin-label-cast-to-input-dtype'], expected: RESULT })).toBeUndefined();
  });

  it('the very error its cases expect, type and message', () => {
    const d = read('soft_margin_loss/errors/input_shape=3,label_shape=2,form=functional');
    const raised = (type: string, message: string): ExpectedJson => ({ error: { type, message } });
    expect(d.covering({ outside: [], rules: [], expected: raised('ValueError', "input's shape must equal to label's shape") })).toBeDefined();
    expect(d.covering({ outside: [], rules: [], expected: raised('TypeError', "input's shape must equal to label's shape") })).toBeUndefined();
  });

  it('the first entry in the file that covers the request', () => {
    const d = read('soft_margin_loss/dtypes/dtype=int32,label_dtype=same*', 'soft_margin_loss/dtypes/dtype=int32*');
    expect(d.covering({ outside: ['input of dtype int32'], rules: [], expected: RESULT })?.id).toBe('soft_margin_loss/dtypes/dtype=int32,label_dtype=same*');
  });
});

describe('entries fuzz cannot use', () => {
  it('an entry of spec cases (inside the page, no rule, no error) is named as unrecognisable', () => {
    const d = read('soft_margin_loss/doc_example/**', 'soft_margin_loss/errors/reduction=MEAN*');
    expect(d.unrecognisable.map((e) => e.id)).toEqual(['soft_margin_loss/doc_example/**']);
    expect(d.recognisable.map((e) => e.id)).toEqual(['soft_margin_loss/errors/reduction=MEAN*']);
  });

  it('an entry of another op is neither', () => {
    const d = read('cosine_embedding_loss/**');
    expect([d.recognisable, d.unrecognisable]).toEqual([[], []]);
  });
});
