/**
 * The reference against every golden case from real Paddle, one test per
 * case, judged by the same comparison policy as any port (compare.ts) in
 * bitwise mode: element-wise results and gradients bit for bit, so the sign
 * of zero and NaN payloads count; mean and sum within the summation bound;
 * errors by exception type.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseJson } from './case.js';
import { bundledGoldenDir, loadGoldens } from './golden.js';
import type { Port } from './port.js';
import { referencePort } from './ports/reference.js';
import { formatCase } from './report_terminal.js';
import { runCase } from './runner.js';
import { decodeTensor, encodeTensor } from './wire.js';

/** Raw bytes, not values: the reference claims Paddle's bits. */
const BITWISE = true;

const cases = loadGoldens([bundledGoldenDir()]);
const port = referencePort();
const rerun = (id: string): string => `npx paddle-conformance run --bitwise --filter '${id}'`;

describe('the reference on the golden cases', () => {
  it('there are golden cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.golden.id, c] as const))('%s', async (_id, c) => {
    const result = await runCase(c, port, BITWISE, 30_000);
    expect(result.status, formatCase(result, rerun)).toBe('pass');
  });
});

describe('the mode these tests run in', () => {
  // Paddle's doc example, reduction none: element 0 is +0 (float32 bits
  // 0x00000000). The same answer with that zero written as -0 (0x80000000)
  // is equal in value, so only a bitwise comparison rejects it.
  const id = 'hinge_embedding_loss/doc_example/form=functional,reduction=none';

  it('tells -0 from +0', async () => {
    const c = cases.find((x) => x.golden.id === id);
    expect(c, id).toBeDefined();
    const result = await runCase(c!, negativeZeroPort(), BITWISE, 30_000);
    expect(result.status).toBe('fail');
    expect(result.failure?.element?.actualBits).toBe('0x80000000');
  });
});

/** The reference, with the sign bit of the first output element set. */
function negativeZeroPort(): Port {
  return {
    name: 'reference with -0',
    handle: async (request) => {
      const response = (await port.handle(request)) as ResponseJson;
      const output = decodeTensor(response.output, 'output');
      const bytes = new Uint8Array(output.bytes);
      // Little-endian float32: the sign bit is the top bit of byte 3.
      bytes[3]! |= 0x80;
      return { ...response, output: encodeTensor({ ...output, bytes }) };
    },
    close: async () => {},
  };
}
