/**
 * Excerpts of a port's text (excerpt.ts): capped per line and in total,
 * keeping the tail, and saying how much was cut.
 */
import { describe, expect, it } from 'vitest';
import { capLine, capTail } from './excerpt.js';

describe('capLine', () => {
  it('keeps a line of 500 characters whole', () => {
    expect(capLine('x'.repeat(500))).toBe('x'.repeat(500));
  });

  it('cuts a longer line to 500 characters, saying how many were cut', () => {
    expect(capLine('x'.repeat(600))).toBe(`${'x'.repeat(500)} … 100 characters cut`);
  });

  it('leaves a line it already cut as it is', () => {
    const once = capLine('x'.repeat(600));
    expect(capLine(once)).toBe(once);
    expect(capTail(once)).toBe(once);
  });
});

describe('capTail', () => {
  it('keeps short text as it is', () => {
    expect(capTail('Traceback:\n  boom')).toBe('Traceback:\n  boom');
  });

  it('keeps the last 40 of 100 lines, after a line giving the bytes cut', () => {
    // Lines 0..59 are 10 of 6 bytes and 50 of 7, each with its newline: 470 bytes.
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const lines = capTail(text).split('\n');
    expect(lines[0]).toBe('… 470 bytes cut (60 earlier lines)');
    expect(lines.slice(1)).toEqual(Array.from({ length: 40 }, (_, i) => `line ${60 + i}`));
  });

  it('one 500 KB line becomes 500 characters and a note', () => {
    const out = capTail('y'.repeat(500_000));
    expect(out).toBe(`… 499500 bytes cut (the ends of long lines)\n${'y'.repeat(500)} … 499500 characters cut`);
  });

  it('stays within about 4 KB however many long lines there are', () => {
    const out = capTail(Array.from({ length: 30 }, () => 'z'.repeat(1000)).join('\n'));
    expect(Buffer.byteLength(out)).toBeLessThan(4096 + 200);
    expect(out.split('\n')[0]).toMatch(/^… \d+ bytes cut \(\d+ earlier lines and the ends of long lines\)$/);
  });
});
