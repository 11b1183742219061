/** The README's quick-start block (quick_start.ts): a run's output from "Per level:" on, fenced. */
import { describe, expect, it } from 'vitest';
import { main, quickStartBlock } from './quick_start.js';

describe('quickStartBlock', () => {
  it('keeps the output from "Per level:" on, fenced', () => {
    expect(quickStartBlock('per group\n  a 1\n\nPer level:\n  spec 3\nexit code 0\n')).toBe('```\nPer level:\n  spec 3\nexit code 0\n```');
  });

  it('refuses output without the summary', () => {
    expect(() => quickStartBlock('Error: no goldens\n')).toThrow('no "Per level:" summary');
  });
});

describe('main', () => {
  it('refuses a call without --write, exit 2', () => {
    expect(main([])).toBe(2);
  });
});
