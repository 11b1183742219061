/**
 * Splitting a port's output into lines without trusting its length. Node's
 * readline keeps a line whole however long it grows: a port that writes
 * 512 MiB without a newline, to stdout or stderr, ended the run in a
 * RangeError with every report lost. Here a line is held up to `limit`
 * bytes; past that only its first HEAD_BYTES are kept, and the rest is
 * counted and dropped as it arrives.
 */
import { StringDecoder } from 'node:string_decoder';

/** Bytes kept of a line once it is known to be overlong: enough to quote its start (a quote shows at most 500 characters). */
export const HEAD_BYTES = 4096;

/** What a splitter says about an overlong line, once it passes the limit. */
export interface OverlongLine {
  /** The line's first HEAD_BYTES bytes, decoded. */
  head: string;
}

/** A line as it ended: its text (only its start, for an overlong line) and how many characters were dropped after it. */
export interface SplitLine {
  /** The line without the newline; of an overlong line, its first HEAD_BYTES bytes. */
  text: string;
  /** Characters dropped after `text` (as JavaScript counts a string's length): 0 for a line within the limit. */
  dropped: number;
}

/** Splits a byte stream into lines of at most `limit` bytes each, in bounded memory. */
export class LineSplitter {
  private readonly limit: number;
  private readonly onLine: (line: SplitLine) => void;
  private readonly onOverlong: ((line: OverlongLine) => void) | undefined;
  private chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  private overlong = false;

  /**
   * @param limit the most bytes held of one line
   * @param onLine called for every line, when its newline arrives
   * @param onOverlong called once per overlong line, as soon as it passes the limit (its newline may never come)
   */
  constructor(limit: number, onLine: (line: SplitLine) => void, onOverlong?: (line: OverlongLine) => void) {
    this.limit = limit;
    this.onLine = onLine;
    this.onOverlong = onOverlong;
  }

  /** Takes the next chunk of the stream. */
  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      this.take(chunk.subarray(start, nl));
      this.onLine(this.finish());
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** The line still waiting for its newline, as it stands (undefined when none): a crash can quote what it was writing. */
  pending(): SplitLine | undefined {
    if (this.kept === 0 && this.dropped === 0) return undefined;
    return { text: decode(this.chunks), dropped: this.dropped };
  }

  private take(part: Buffer): void {
    if (this.overlong) {
      this.dropped += characters(part);
      return;
    }
    if (this.kept + part.length <= this.limit) {
      if (part.length > 0) this.chunks.push(part);
      this.kept += part.length;
      return;
    }
    // Past the limit: keep the head, count the rest, and let go of what was held.
    const held = Buffer.concat([...this.chunks, part]);
    this.chunks = [held.subarray(0, HEAD_BYTES)];
    this.dropped += characters(held.subarray(HEAD_BYTES));
    this.kept = HEAD_BYTES;
    this.overlong = true;
    this.onOverlong?.({ head: decode(this.chunks) });
  }

  private finish(): SplitLine {
    // A whole line ends in whole characters: one copy into one string (a 16 MiB line, read in 64 KiB chunks, made many).
    const text = this.overlong ? decode(this.chunks) : Buffer.concat(this.chunks).toString('utf8');
    // A CRLF ends a line as LF does (readline's crlfDelay: Infinity, which this replaces).
    const line = { text: this.dropped === 0 && text.endsWith('\r') ? text.slice(0, -1) : text, dropped: this.dropped };
    this.chunks = [];
    this.kept = 0;
    this.dropped = 0;
    this.overlong = false;
    return line;
  }
}

/** UTF-8 text of the kept bytes; a character cut by the limit is dropped, not turned into U+FFFD. */
function decode(chunks: Buffer[]): string {
  const decoder = new StringDecoder('utf8');
  return chunks.map((c) => decoder.write(c)).join('');
}

/**
 * Characters in UTF-8 bytes, counted as JavaScript counts a string's length
 * (as capLine does). Decoding in C++ keeps up with a port flooding at GB/s,
 * where a loop over the bytes did not; a character split between two chunks
 * may count twice.
 */
function characters(bytes: Buffer): number {
  return bytes.toString('utf8').length;
}
