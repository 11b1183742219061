/**
 * The line splitter (line_splitter.ts): lines in any chunking, each held up
 * to its limit in bytes; of a longer one only its start is kept, and the rest
 * is counted and dropped as it arrives.
 */
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, LineSplitter, type SplitLine } from './line_splitter.js';

function split(limit: number, chunks: (string | Buffer)[]): { lines: SplitLine[]; overlong: string[]; splitter: LineSplitter } {
  const lines: SplitLine[] = [];
  const overlong: string[] = [];
  const splitter = new LineSplitter(limit, (l) => lines.push(l), (l) => overlong.push(l.head));
  for (const c of chunks) splitter.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return { lines, overlong, splitter };
}

describe('LineSplitter', () => {
  it('gives each line once, whatever the chunks, without its newline or a CR before it', () => {
    const { lines } = split(100, ['ab', 'c\nde\r', '\n', '\nf']);
    expect(lines).toEqual([{ text: 'abc', dropped: 0 }, { text: 'de', dropped: 0 }, { text: '', dropped: 0 }]);
  });

  it('keeps a character split across chunks whole', () => {
    const euro = Buffer.from('€\n');
    expect(split(100, [euro.subarray(0, 1), euro.subarray(1)]).lines).toEqual([{ text: '€', dropped: 0 }]);
  });

  it('past its limit keeps only the line\'s first HEAD_BYTES, counts the rest, and says so once, as soon as it passes the limit', () => {
    const { lines, overlong } = split(8192, ['a'.repeat(5000), 'a'.repeat(5000)]);
    expect(overlong).toEqual(['a'.repeat(HEAD_BYTES)]);
    expect(lines).toEqual([]);
    const done = split(8192, ['a'.repeat(5000), 'a'.repeat(5000), 'b\nnext\n']);
    expect(done.lines).toEqual([{ text: 'a'.repeat(HEAD_BYTES), dropped: 10_001 - HEAD_BYTES }, { text: 'next', dropped: 0 }]);
    expect(done.overlong).toHaveLength(1);
  });

  it('counts dropped characters, not bytes', () => {
    expect(split(HEAD_BYTES, ['a'.repeat(HEAD_BYTES), '€€\n']).lines).toEqual([{ text: 'a'.repeat(HEAD_BYTES), dropped: 2 }]);
  });

  it('cuts a line inside a character without a replacement character', () => {
    // The € is cut after its first byte: that byte is not shown, and its other two count as dropped.
    expect(split(HEAD_BYTES, [`${'a'.repeat(HEAD_BYTES - 1)}€\n`]).lines.map((l) => l.text)).toEqual(['a'.repeat(HEAD_BYTES - 1)]);
  });

  it('holds no more than its head of a line that never ends: 64 MiB through a 1 KiB splitter', () => {
    const chunk = Buffer.alloc(1 << 20, 'e');
    const splitter = new LineSplitter(1024, () => {});
    for (let i = 0; i < 64; i++) splitter.push(chunk);
    expect(splitter.pending()).toEqual({ text: 'e'.repeat(HEAD_BYTES), dropped: 64 * (1 << 20) - HEAD_BYTES });
  });

  it('has nothing pending between lines', () => {
    expect(split(10, ['a\n']).splitter.pending()).toBeUndefined();
  });
});
