import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import type { PlannedCase } from '../../conformance/case.js';
import type { PortRequest } from '../../conformance/port.js';
import { findPaddlePython, paddleAbsentReason } from '../../conformance/python_env.js';
import { decodeTensor, valuesOf } from '../../conformance/wire.js';
import { ORACLE_SCRIPT, OracleFailure, oracleFacts, runOracle } from './oracle.js';
import { regenerate, textsOf } from './regeneration.js';

const python = findPaddlePython();
const DOC_INPUT = { dtype: 'float32', shape: [3, 3], data: [1, -2, 3, 0, -1, 2, 1, 0, 1] };
const DOC_LABEL = { dtype: 'float32', shape: [3, 3], data: [-1, 1, -1, 1, 1, 1, 1, -1, 1] };

function docRequest(id: string, reduction: string, extra: Partial<PortRequest> = {}): PortRequest {
  return { id, api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input: DOC_INPUT, label: DOC_LABEL }, kwargs: { margin: 1.0, reduction }, ...extra };
}

describe.skipIf(!python)(python ? 'the Paddle oracle on real Paddle' : `the Paddle oracle on real Paddle — SKIPPED: ${paddleAbsentReason()}`, () => {
  it("answers the documentation page's example with Paddle's literal values", async () => {
    const [none, mean] = await runOracle(python!, [docRequest('none', 'none'), docRequest('mean', 'mean', { grad: ['input'] })]);
    const out = decodeTensor(none!.output);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([3, 3]);
    expect(valuesOf(out)).toEqual([0, -2, 0, 0, -1, 2, 1, 1, 1]);
    // float32 nearest 2/9, bits 0x3e638e39.
    expect(mean!.output).toEqual({ dtype: 'float32', shape: [], b64: 'OY5jPg==' });
    expect(valuesOf(decodeTensor(mean!.output))).toEqual([0.2222222238779068]);
    // d(mean)/dx: 1/9 for label 1, -1/9 where margin - x > 0 for label -1, 0 elsewhere.
    const g = valuesOf(decodeTensor(mean!.grad!.input));
    expect(g).toEqual([0, 0.1111111119389534, 0, 0.1111111119389534, 0.1111111119389534, 0.1111111119389534, 0.1111111119389534, -0.1111111119389534, 0.1111111119389534]);
    expect((mean as { reduction_basis?: unknown }).reduction_basis).toEqual({ count: 9, abs_sum: 8 });
  });

  it("reports Paddle's exceptions, and protocol errors without crashing", async () => {
    const [bad, unknown] = await runOracle(python!, [
      docRequest('bad', 'reduce_mean'),
      { ...docRequest('unknown', 'none'), api: 'paddle.nn.functional.nope' as PortRequest['api'] },
    ]);
    expect(bad!.error).toEqual({ type: 'ValueError', message: "'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received reduce_mean." });
    expect(unknown!.error?.type).toBe('ProtocolError');
    expect(unknown!.error?.message).toContain("unknown api 'paddle.nn.functional.nope'");
  });

  // A request the oracle cannot read must come back as a ProtocolError, never
  // as an answer computed from defaults or as another exception type that the
  // generator would record as Paddle's own error.
  it.each([
    ['bad b64', { inputs: { input: { dtype: 'float32', shape: [1], b64: '!!' }, label: DOC_LABEL } }, /inputs\.input\.b64: not base64/],
    ['a non-integer int32 value', { inputs: { input: { dtype: 'int32', shape: [1], data: [1.5] }, label: DOC_LABEL } }, /inputs\.input\.data: 1\.5 is not an integer/],
    ['"init" on the functional form', { kwargs: undefined, init: { margin: 2 } }, /"init" is for paddle\.nn\.HingeEmbeddingLoss/],
    ['"kwargs" on the layer', { api: 'paddle.nn.HingeEmbeddingLoss', kwargs: { margin: 2 } }, /"kwargs" is for paddle\.nn\.functional\.hinge_embedding_loss/],
    ['"grad": false', { grad: false }, /"grad" may only be \["input"\]/],
    ['grad_output without grad', { grad_output: { dtype: 'float32', shape: [], data: [1] } }, /"grad_output" needs "grad": \["input"\]/],
    ['an unknown field', { kwarg: { margin: 2 } }, /unknown field "kwarg"/],
  ])('rejects a malformed request: %s', async (_, change, message) => {
    const request = { ...docRequest('bad', 'none'), ...change } as unknown as PortRequest;
    const [response] = await runOracle(python!, [request]);
    expect(response!.error?.type).toBe('ProtocolError');
    expect(response!.error?.message).toMatch(message);
  });

  it("keeps its protocol lines clean when native code writes to file descriptor 1", async () => {
    // Paddle's C++ side writes to fd 1 directly, past sys.stdout; simulate that before each answer.
    const script = [
      'import os, sys',
      `sys.path.insert(0, ${JSON.stringify(dirname(ORACLE_SCRIPT))})`,
      'import paddle_oracle as o',
      'run = o.run',
      "o.run = lambda request, basis: (os.write(1, b'native chatter\\n'), run(request, basis))[1]",
      'sys.exit(o.main([]))',
    ].join('\n');
    const r = await $({ quiet: true, nothrow: true, input: `${JSON.stringify(docRequest('doc', 'sum'))}\n` })`${python!} -c ${script}`;
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['doc']);
    expect(r.stderr).toContain('native chatter');
  });

  it('states its provenance', async () => {
    const facts = await oracleFacts(python!);
    expect(facts.paddle_version).toBe('3.3.1');
    expect(facts.paddle_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(facts)).toEqual(['paddle_version', 'paddle_commit', 'python', 'numpy', 'os', 'cpu', 'machine']);
  });

  it('regenerates byte-identical golden files twice in a row', async () => {
    const plan: PlannedCase[] = ['none', 'sum'].map((reduction) => ({
      id: `hinge_embedding_loss/doc_example/reduction=${reduction}`, group: 'doc_example', level: 'spec', tags: [], description: reduction,
      request: { api: 'paddle.nn.HingeEmbeddingLoss', inputs: { input: DOC_INPUT, label: DOC_LABEL }, init: { reduction }, grad: ['input'] },
    }));
    const quiet = () => undefined;
    const first = textsOf(await regenerate({ plan, log: quiet }));
    const second = textsOf(await regenerate({ plan, log: quiet }));
    expect([...second]).toEqual([...first]);
    const none = JSON.parse(first.get('doc_example')!).cases[0];
    expect(none.expected.output).toEqual({ dtype: 'float32', shape: [3, 3], data: [0, -2, 0, 0, -1, 2, 1, 1, 1] });
  });
});

describe('the oracle process, without Paddle', () => {
  it('reports provenance that is not JSON as an OracleFailure that quotes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-python-'));
    const fake = join(dir, 'python');
    writeFileSync(fake, '#!/bin/sh\necho "Welcome to a python that is not one"\n', { mode: 0o755 });
    try {
      await expect(oracleFacts(fake)).rejects.toThrow(OracleFailure);
      await expect(oracleFacts(fake)).rejects.toThrow(/--provenance printed no provenance JSON.*Welcome to a python/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
