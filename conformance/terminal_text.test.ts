/**
 * Text printed on a terminal (terminal_text.ts): control characters are
 * escaped, everything else is kept as it is.
 */
import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal_text.js';

describe('terminalSafe', () => {
  it.each([
    ['\x1b[31mred\x1b[0m', '\\u001b[31mred\\u001b[0m'],
    ['\x1b]0;title\x07', '\\u001b]0;title\\u0007'],
    ['\x9b2J', '\\u009b2J'],
    ['PASS\rFAIL', 'PASS\\rFAIL'],
    ['\x00\x7f', '\\u0000\\u007f'],
    ['abc\u202edef', 'abc\\u202edef'],
  ])('escapes %j as %j', (text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });

  it('keeps tabs, newlines, non-ASCII text and what is already escaped', () => {
    const text = 'a\tb\nΔ = 2.62e+5× the bound; "\\u001b" and γ_{n+1}';
    expect(terminalSafe(text)).toBe(text);
    expect(terminalSafe(terminalSafe('\x1b'))).toBe('\\u001b');
  });
});
