/**
 * What a run keeps of a port's text (result_bounds.ts): messages cut to
 * MESSAGE_CHARS, failing responses kept while the run's budget lasts.
 */
import { describe, expect, it } from 'vitest';
import { boundResult, capMessage, MESSAGE_CHARS, ResponseBudget } from './result_bounds.js';
import type { CaseResult } from './runner.js';

const fail: CaseResult = {
  id: 'op/g/c', api: 'op', group: 'g', level: 'spec', file: 'f.json', status: 'fail', notes: [],
  failure: { kind: 'outcome', message: 'expected a result but the port raised ValueError: no' },
  response: { id: 'op/g/c', error: { type: 'ValueError', message: 'no' } },
};

describe('capMessage', () => {
  it('keeps a message of MESSAGE_CHARS characters whole, and cuts a longer one saying how much was cut', () => {
    expect(capMessage('x'.repeat(MESSAGE_CHARS))).toBe('x'.repeat(MESSAGE_CHARS));
    expect(capMessage('x'.repeat(MESSAGE_CHARS + 5))).toBe(`${'x'.repeat(MESSAGE_CHARS)} … 5 characters cut`);
  });

  it('leaves a message it already cut as it is (a response is cut before it is judged, and its result again)', () => {
    const once = capMessage('x'.repeat(MESSAGE_CHARS + 5));
    expect(capMessage(once)).toBe(once);
  });
});

describe('boundResult', () => {
  it('keeps failing responses while the run\'s budget lasts, then says why one is not kept', () => {
    const size = JSON.stringify(fail.response).length;
    const budget = new ResponseBudget(2 * size);
    expect(boundResult(fail, budget).response).toEqual(fail.response);
    expect(boundResult(fail, budget).response).toEqual(fail.response);
    const third = boundResult(fail, budget);
    expect(third.response).toBeUndefined();
    expect(third.notes).toEqual([`the port's response (${size} bytes as JSON) is not kept for the reports: a run keeps at most 16777216 bytes of failing responses`]);
  });

  it('cuts the error type, the notes and a port failure\'s message; the detail keeps its tail', () => {
    const long = 'y'.repeat(MESSAGE_CHARS + 1);
    const r = boundResult({ ...fail, notes: [long], response: { id: 'op/g/c', error: { type: long, message: 'no' } }, portFailure: { kind: 'crash', message: long, detail: `${'z\n'.repeat(100)}last` } }, new ResponseBudget());
    expect(r.notes).toEqual([capMessage(long)]);
    expect(r.response?.error?.type).toBe(capMessage(long));
    expect(r.portFailure?.message).toBe(capMessage(long));
    expect(r.portFailure?.detail.split('\n').length).toBeLessThanOrEqual(41);
    expect(r.portFailure?.detail.endsWith('last')).toBe(true);
  });
});
