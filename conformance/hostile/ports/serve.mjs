// What the hostile ports share: one request per stdin line, handed to `answer`.
import { createInterface } from 'node:readline';

/** Calls `answer(request, n)` for each request line, n counting from 1. */
export function serve(answer) {
  let n = 0;
  createInterface({ input: process.stdin }).on('line', (line) => answer(JSON.parse(line), ++n));
}

/** Writes one response line. */
export function send(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Streams already flooded. */
const flooding = new Set();

/** Writes `chunk` to `stream` for ever, as fast as the reader takes it (once per stream, however often asked). */
export function flood(stream, chunk) {
  if (flooding.has(stream)) return;
  flooding.add(stream);
  const more = () => {
    while (stream.write(chunk));
    stream.once('drain', more);
  };
  more();
}
