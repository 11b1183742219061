/**
 * The bundled reference served over the process protocol (PROTOCOL.md): a
 * `--port-cmd` port written in TypeScript, for measuring what the pipe costs
 * against the in-process reference, and for port authors who want a working
 * process port to compare their own against.
 *
 *   npx paddle-conformance run --port-cmd "npx tsx conformance/examples/port_reference_cmd.ts"
 */
import { createInterface } from 'node:readline';
import type { ResponseJson } from '../case.js';
import type { PortRequest } from '../port.js';
import { answer } from '../ports/reference.js';
import { stringifyExact } from '../wire.js';

/** One response line for one request line; a request that cannot be read is answered with a ProtocolError. */
function respond(line: string): ResponseJson | { id: unknown; error: { type: string; message: string } } {
  let id: unknown = null;
  try {
    const request = JSON.parse(line) as PortRequest;
    id = request.id;
    return answer(request);
  } catch (e) {
    return { id, error: { type: 'ProtocolError', message: e instanceof Error ? e.message : String(e) } };
  }
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim()) process.stdout.write(`${stringifyExact(respond(line))}\n`);
}
