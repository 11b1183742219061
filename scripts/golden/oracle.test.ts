import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { $ } from 'zx';
import type { PlannedCase, ResponseJson } from '../../conformance/case.js';
import type { OpTableEntry } from '../../conformance/op.js';
import type { PortRequest } from '../../conformance/port.js';
import { opTable } from '../../conformance/ops/index.js';
import { findPaddlePython, paddleAbsentReason } from '../../conformance/python_env.js';
import { thisMachineClass } from '../../conformance/machine.js';
import { decodeTensor, valuesOf, type TensorJson } from '../../conformance/wire.js';
import { ORACLE_SCRIPT, OracleFailure, oracleFacts, runOracle, runOracleAcrossCrashes } from './oracle.js';
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
  const MALFORMED: Array<[string, Record<string, unknown>, RegExp]> = [
    ['bad b64', { inputs: { input: { dtype: 'float32', shape: [1], b64: '!!' }, label: DOC_LABEL } }, /inputs\.input\.b64: not base64/],
    ['a non-integer int32 value', { inputs: { input: { dtype: 'int32', shape: [1], data: [1.5] }, label: DOC_LABEL } }, /inputs\.input\.data: 1\.5 is not an integer/],
    ['"init" on the functional form', { kwargs: undefined, init: { margin: 2 } }, /"init" is for paddle\.nn\.HingeEmbeddingLoss/],
    ['"kwargs" on the layer', { api: 'paddle.nn.HingeEmbeddingLoss', kwargs: { margin: 2 } }, /"kwargs" is for paddle\.nn\.functional\.hinge_embedding_loss/],
    ['"grad": false', { grad: false }, /"grad" may only list names from \["input"\]/],
    ['"grad": ["label"], which has no gradient', { grad: ['label'] }, /"grad" may only list names from \["input"\] \(the differentiable inputs of hinge_embedding_loss\), each once; got \["label"\]/],
    ['"grad": ["input", "input"]', { grad: ['input', 'input'] }, /each once; got \["input", "input"\]/],
    ['grad_output without grad', { grad_output: { dtype: 'float32', shape: [], data: [1] } }, /"grad_output" needs a non-empty "grad" \(e\.g\. "grad": \["input"\]\)/],
    ['an unknown field', { kwarg: { margin: 2 } }, /unknown field "kwarg"/],
    ['no label', { inputs: { input: DOC_INPUT } }, /"inputs" of hinge_embedding_loss are exactly input, label: missing label$/],
    ['a tensor the op does not take', { inputs: { input: DOC_INPUT, label: DOC_LABEL, weight: DOC_LABEL } }, /"inputs" of hinge_embedding_loss are exactly input, label: unknown weight$/],
  ];
  // All of them through one oracle process: Paddle's import costs a second or two each time.
  let malformed: ResponseJson[] = [];
  beforeAll(async () => {
    malformed = await runOracle(python!, MALFORMED.map(([name, change]) => ({ ...docRequest(`bad ${name}`, 'none'), ...change }) as unknown as PortRequest));
  });
  it.each(MALFORMED.map((row, i) => [row[0], row[2], i] as const))('rejects a malformed request: %s', (_, message, i) => {
    expect(malformed[i]!.error?.type).toBe('ProtocolError');
    expect(malformed[i]!.error?.message).toMatch(message);
  });

  it("keeps its protocol lines clean when native code writes to file descriptor 1", async () => {
    // Paddle's C++ side writes to fd 1 directly, past sys.stdout; simulate that before each answer.
    const script = [
      'import os, sys',
      `sys.path.insert(0, ${JSON.stringify(dirname(ORACLE_SCRIPT))})`,
      'import paddle_oracle as o',
      'run = o.run',
      "o.run = lambda *args: (os.write(1, b'native chatter\\n'), run(*args))[1]",
      `sys.exit(o.main(['--ops', ${JSON.stringify(JSON.stringify(opTable()))}]))`,
    ].join('\n');
    const r = await $({ quiet: true, nothrow: true, input: `${JSON.stringify(docRequest('doc', 'sum'))}\n` })`${python!} -c ${script}`;
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['doc']);
    expect(r.stderr).toContain('native chatter');
  });

  it('refuses to answer without --ops (the descriptors are the only record of an op): exit 2, saying how to get the table', async () => {
    const request = docRequest('doc', 'sum', { grad: ['input'] });
    const r = await $({ quiet: true, nothrow: true, input: `${JSON.stringify(request)}\n` })`${python!} ${ORACLE_SCRIPT} --basis`;
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("--ops '<json>' is required: the op table, the JSON of opTable() in conformance/ops/index.ts");
    const [withTable] = await runOracle(python!, [request]);
    expect(Object.keys(gradOf(withTable))).toEqual(['input']);
  });

  it('states its provenance', async () => {
    const facts = await oracleFacts(python!);
    expect(facts.paddle_version).toBe('3.3.1');
    expect(facts.paddle_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(facts)).toEqual(['paddle_version', 'paddle_commit', 'python', 'numpy', 'os', 'cpu', 'cpu_vendor', 'cpu_features', 'machine', 'machine_class', 'threads', 'paddle_flags']);
    // Pinned by the oracle, whatever the machine has; FLAGS_use_accuracy_compatible_kernel (new in 3.3.1) is recorded, off by default.
    expect(facts.threads).toBe(1);
    expect(facts.paddle_flags).toMatchObject({ FLAGS_paddle_num_threads: 1, FLAGS_use_accuracy_compatible_kernel: false });
    expect(facts.machine_class).toBe(thisMachineClass());
  });

  it('runs Paddle with PADDLE_CONFORMANCE_THREADS threads, and records it', async () => {
    vi.stubEnv('PADDLE_CONFORMANCE_THREADS', '2');
    try {
      const facts = await oracleFacts(python!);
      expect(facts.threads).toBe(2);
      expect(facts.paddle_flags?.FLAGS_paddle_num_threads).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
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
    // The file's key is its group, or <family>/<group> once the generator writes one folder per op.
    const [, text] = [...first].find(([key]) => key.split('/').pop() === 'doc_example')!;
    const none = JSON.parse(text).cases[0];
    expect(none.expected.output).toEqual({ dtype: 'float32', shape: [3, 3], data: [0, -2, 0, 0, -1, 2, 1, 1, 1] });
  });
});

// The generic path, on an op the registry does not have (yet): an op table
// entry for Paddle's margin_ranking_loss, three tensors, two differentiable,
// passed with --ops. Expected values are literals from Paddle 3.3.1 (CPU),
// run once through this oracle: loss = max(0, -label * (input - other) + margin).
const MARGIN_RANKING: OpTableEntry = {
  family: 'margin_ranking_loss',
  functional: 'paddle.nn.functional.margin_ranking_loss',
  layer: 'paddle.nn.MarginRankingLoss',
  tensors: ['input', 'other', 'label'],
  float_kwargs: ['margin'],
  differentiable: ['input', 'other'],
  reduction: 'reduction',
};
const TABLE = { ops: [MARGIN_RANKING] };
const MR_INPUTS = {
  input: { dtype: 'float64', shape: [3], data: [1, 2, 3] },
  other: { dtype: 'float64', shape: [3], data: [2, 2, 1] },
  label: { dtype: 'float64', shape: [3], data: [1, -1, 1] },
};

/** A response's gradients by input name ({} when it has none). */
function gradOf(response: ResponseJson | undefined): Record<string, TensorJson> {
  return (response?.grad ?? {}) as Record<string, TensorJson>;
}

function mrRequest(id: string, extra: Record<string, unknown> = {}): PortRequest {
  return { id, api: MARGIN_RANKING.functional, inputs: MR_INPUTS, kwargs: { margin: 0.5, reduction: 'none' }, ...extra } as unknown as PortRequest;
}

const REJECTED: Array<[string, Record<string, unknown>, RegExp]> = [
  ['an api the table does not have', { api: 'paddle.nn.functional.hinge_embedding_loss' },
    /^unknown api 'paddle\.nn\.functional\.hinge_embedding_loss'; expected one of paddle\.nn\.functional\.margin_ranking_loss, paddle\.nn\.MarginRankingLoss$/],
  ['missing tensors', { inputs: { input: MR_INPUTS.input } }, /^"inputs" of margin_ranking_loss are exactly input, other, label: missing other, label$/],
  ['missing and unknown tensors', { inputs: { input: MR_INPUTS.input, other: MR_INPUTS.other, target: MR_INPUTS.label } },
    /: missing label; unknown target$/],
  ['"grad" on the label', { grad: ['label'] }, /^"grad" may only list names from \["input", "other"\] \(the differentiable inputs of margin_ranking_loss\), each once; got \["label"\]$/],
  ['"grad" that is not a list', { grad: 'input' }, /^"grad" may only list names from .* got "input"$/],
  ['grad_output without grad', { grad: [], grad_output: { dtype: 'float64', shape: [3], data: [1, 1, 1] } }, /^"grad_output" needs a non-empty "grad"/],
];

/**
 * The requests of the tests below that go to an oracle started with TABLE, asked of one process: each start
 * imports Paddle, which takes seconds on a loaded machine, and one process answers each request on its own (the
 * goldens are generated so). A request that needs another table starts its own.
 */
const TABLE_REQUESTS: PortRequest[] = [
  mrRequest('none'),
  // input and other swapped in the object would give [0, 0.5, 2.5] if the object's order were used.
  mrRequest('shuffled', { inputs: { label: MR_INPUTS.label, other: MR_INPUTS.other, input: MR_INPUTS.input } }),
  mrRequest('sum', { kwargs: { margin: 0.5, reduction: 'sum' }, grad: ['input', 'other'] }),
  { id: 'layer', api: MARGIN_RANKING.layer, inputs: MR_INPUTS, init: { margin: 0.5 }, grad: ['other'] } as unknown as PortRequest,
  mrRequest('inf', { kwargs: { margin: 'Infinity', reduction: 'none' } }),
  ...REJECTED.map(([, change], i) => mrRequest(`bad-${i}`, change)),
];

describe.skipIf(!python)(python ? 'the Paddle oracle on an op given with --ops' : `the Paddle oracle on an op given with --ops — SKIPPED: ${paddleAbsentReason()}`, () => {
  const answers = new Map<string, ResponseJson>();
  beforeAll(async () => {
    const responses = await runOracle(python!, TABLE_REQUESTS, undefined, TABLE);
    TABLE_REQUESTS.forEach((request, i) => answers.set(request.id, responses[i]!));
  });

  it('calls the functional form with the three tensors in the op\'s order', async () => {
    const none = answers.get('none');
    // [1.5, 0.5, 0]: label 1 at 0 gives -(1 - 2) + 0.5, label -1 at 1 gives (2 - 2) + 0.5, label 1 at 2 gives max(0, -2 + 0.5).
    expect(none!.output).toEqual({ dtype: 'float64', shape: [3], b64: 'AAAAAAAA+D8AAAAAAADgPwAAAAAAAAAA' });
    expect(valuesOf(decodeTensor(none!.output))).toEqual([1.5, 0.5, 0]);
    expect(none).not.toHaveProperty('reduction_basis');
  });

  it('passes the tensors in the op\'s order, not in the order of the "inputs" object', async () => {
    expect(valuesOf(decodeTensor(answers.get('shuffled')!.output))).toEqual([1.5, 0.5, 0]);
  });

  it('returns a gradient for each tensor named in "grad", keyed by its name, and the basis of a sum', async () => {
    const sum = answers.get('sum');
    expect(sum!.output).toEqual({ dtype: 'float64', shape: [], b64: 'AAAAAAAAAEA=' }); // 2
    expect(Object.keys(gradOf(sum))).toEqual(['input', 'other']);
    // d/dinput = -label where the loss is positive, else 0: [-1, 1, -0] (Paddle writes -0 where label is 1).
    expect(gradOf(sum).input).toEqual({ dtype: 'float64', shape: [3], b64: 'AAAAAAAA8L8AAAAAAADwPwAAAAAAAACA' });
    // d/dother = label where the loss is positive, else 0: [1, -1, 0].
    expect(gradOf(sum).other).toEqual({ dtype: 'float64', shape: [3], b64: 'AAAAAAAA8D8AAAAAAADwvwAAAAAAAAAA' });
    expect((sum as { reduction_basis?: unknown }).reduction_basis).toEqual({ count: 3, abs_sum: 2 });
  });

  it('calls the layer form as cls(**init)(*tensors); only the named tensor gets a gradient; no reduction keyword means mean', async () => {
    const layer = answers.get('layer');
    expect(layer!.output).toEqual({ dtype: 'float64', shape: [], b64: 'VVVVVVVV5T8=' }); // 2/3
    expect(Object.keys(gradOf(layer))).toEqual(['other']);
    expect(valuesOf(decodeTensor(gradOf(layer).other!))).toEqual([0.3333333333333333, -0.3333333333333333, 0]);
    expect((layer as { reduction_basis?: unknown }).reduction_basis).toEqual({ count: 3, abs_sum: 2 });
  });

  it('reads a keyword as a float only when the table lists it in float_kwargs', async () => {
    const request = TABLE_REQUESTS.find((r) => r.id === 'inf')!;
    expect(valuesOf(decodeTensor(answers.get('inf')!.output))).toEqual([Infinity, Infinity, Infinity]);
    // Without the entry the string reaches Paddle, which refuses it as a dtype: Paddle's TypeError, not a ProtocolError.
    const [asString] = await runOracle(python!, [request], undefined, { ops: [{ ...MARGIN_RANKING, float_kwargs: [] }] });
    expect(asString!.error?.type).toBe('TypeError');
  });

  it.each(REJECTED.map(([what, , message], i) => [what, message, i] as const))('rejects a request that does not fit the op: %s', (_, message, i) => {
    const response = answers.get(`bad-${i}`);
    expect(response!.error?.type).toBe('ProtocolError');
    expect(response!.error?.message).toMatch(message);
  });

  it('answers a ProtocolError, not an AttributeError, when the table names an API Paddle does not have', async () => {
    const table = { ops: [{ ...MARGIN_RANKING, layer: 'paddle.nn.NoSuchLoss' }] };
    const [response] = await runOracle(python!, [{ id: 'x', api: 'paddle.nn.NoSuchLoss', inputs: MR_INPUTS } as unknown as PortRequest], undefined, table);
    expect(response!.error?.type).toBe('ProtocolError');
    expect(response!.error?.message).toMatch(/^paddle\.nn\.NoSuchLoss \(the layer form of margin_ranking_loss in the op table\) cannot be found/);
  });

  it.each([
    ['no ops', { ops: [] }, /--ops must be \{"ops": \[\.\.\.\]\} with at least one op/],
    ['an op without tensors', { ops: [{ ...MARGIN_RANKING, tensors: undefined }] }, /--ops: ops\[0\]\.tensors must be a list of strings/],
    ['a differentiable name that is no tensor', { ops: [{ ...MARGIN_RANKING, differentiable: ['margin'] }] }, /ops\[0\]\.differentiable names 'margin', which is not one of its tensors/],
  ])('refuses to start with a malformed op table (%s): exit 2, the reason on stderr', async (_, table, message) => {
    const run = runOracle(python!, [mrRequest('x')], undefined, table as unknown as { ops: OpTableEntry[] });
    await expect(run).rejects.toThrow(OracleFailure);
    await expect(run).rejects.toThrow(/exited with code 2/);
    await expect(run).rejects.toThrow(message);
  });
});

// Entries for the table's optional parts, on APIs of Paddle 3.3.1: an optional
// tensor (binary_cross_entropy's weight), a layer alias (HuberLoss is
// SmoothL1Loss), a functional-only op without a reduction (square_error_cost)
// and a name younger than the running release. Values are Paddle 3.3.1's, run
// once through this oracle; each is the page's formula on small exact inputs.
const BCE: OpTableEntry = {
  family: 'binary_cross_entropy', functional: 'paddle.nn.functional.binary_cross_entropy', layer: 'paddle.nn.BCELoss',
  tensors: ['input', 'label'], optional_tensors: ['weight'], float_kwargs: [], differentiable: ['input'], reduction: 'reduction',
};
const SMOOTH_L1: OpTableEntry = {
  family: 'smooth_l1_loss', functional: 'paddle.nn.functional.smooth_l1_loss', layer: 'paddle.nn.SmoothL1Loss', layer_aliases: ['paddle.nn.HuberLoss'],
  tensors: ['input', 'label'], float_kwargs: ['delta'], differentiable: ['input', 'label'], reduction: 'reduction',
};
const SQUARE_ERROR: OpTableEntry = {
  family: 'square_error_cost', functional: 'paddle.nn.functional.square_error_cost', layer: null,
  tensors: ['input', 'label'], float_kwargs: [], differentiable: ['input'], reduction: null,
};
const HALVES = { input: { dtype: 'float64', shape: [2], data: [0.5, 0.5] }, label: { dtype: 'float64', shape: [2], data: [1, 1] } };
const WEIGHT = { dtype: 'float64', shape: [2], data: [3, 0] };

describe.skipIf(!python)(python ? "the Paddle oracle on the op table's optional parts" : `the Paddle oracle on the op table's optional parts — SKIPPED: ${paddleAbsentReason()}`, () => {
  const ask = async (request: Record<string, unknown>, ops: OpTableEntry[]): Promise<ResponseJson> =>
    (await runOracle(python!, [{ id: 'q', ...request } as unknown as PortRequest], undefined, { ops }))[0]!;

  it('passes an optional tensor by keyword to the functional form and to the constructor, and leaves it None when absent', async () => {
    const sum = { reduction: 'sum' };
    // One oracle process for the three: each start imports Paddle, which a loaded machine makes slow.
    const answers = await runOracle(python!, [
      { id: 'weighted', api: BCE.functional, inputs: { ...HALVES, weight: WEIGHT }, kwargs: sum },
      { id: 'layer', api: BCE.layer, inputs: { ...HALVES, weight: WEIGHT }, init: sum },
      { id: 'plain', api: BCE.functional, inputs: HALVES, kwargs: sum },
    ] as unknown as PortRequest[], undefined, { ops: [BCE] });
    // 3·ln 2 + 0·ln 2, and without the weight 2·ln 2.
    expect(answers.map((r) => valuesOf(decodeTensor(r.output!)))).toEqual([[2.0794415416798357], [2.0794415416798357], [1.3862943611198906]]);
  });

  it('calls a layer alias as the layer it names, and a functional-only op without a reduction keyword or basis', async () => {
    const huber = await ask({ api: 'paddle.nn.HuberLoss', inputs: { input: { dtype: 'float64', shape: [2], data: [3, 0.5] }, label: { dtype: 'float64', shape: [2], data: [0, 0] } }, init: { reduction: 'none' } }, [SMOOTH_L1]);
    expect(valuesOf(decodeTensor(huber.output!))).toEqual([2.5, 0.125]);
    const [square] = await runOracle(python!, [{ id: 'sq', api: SQUARE_ERROR.functional, inputs: { input: { dtype: 'float64', shape: [2], data: [1, -2] }, label: { dtype: 'float64', shape: [2], data: [0, 0] } } } as unknown as PortRequest], undefined, { ops: [SQUARE_ERROR] });
    expect(valuesOf(decodeTensor(square!.output!))).toEqual([1, 4]);
    expect(square).not.toHaveProperty('reduction_basis');
  });

  it("answers Paddle's own AttributeError for a name the table says is younger than the running release", async () => {
    const young = await ask({ api: 'paddle.nn.NoSuchLoss', inputs: MR_INPUTS }, [{ ...MARGIN_RANKING, layer_aliases: ['paddle.nn.NoSuchLoss'], since: { 'paddle.nn.NoSuchLoss': '99.0.0' } }]);
    expect(young.error).toEqual({ type: 'AttributeError', message: "module 'paddle.nn' has no attribute 'NoSuchLoss'" });
    const released = await ask({ api: 'paddle.nn.NoSuchLoss', inputs: MR_INPUTS }, [{ ...MARGIN_RANKING, layer_aliases: ['paddle.nn.NoSuchLoss'], since: { 'paddle.nn.NoSuchLoss': '2.0.0' } }]);
    expect(released.error?.type).toBe('ProtocolError');
  });
});

// A call that returns several tensors (PROTOCOL.md, "Several outputs"), on an API of Paddle 3.3.1 whose backward
// goes through either output: paddle.split(x, 2) returns a list of two halves, the upstream gradient of each lands
// on its half.
const SPLIT: OpTableEntry = {
  family: 'split', functional: 'paddle.split', layer: null, tensors: ['x'], float_kwargs: [], differentiable: ['x'], reduction: null, outputs: ['first', 'second'],
};

describe.skipIf(!python)(python ? 'the Paddle oracle on a call with several outputs' : `the Paddle oracle on a call with several outputs — SKIPPED: ${paddleAbsentReason()}`, () => {
  it('answers a list of tensors, and back-propagates through the outputs whose grad_output entry is not null', async () => {
    const x = { dtype: 'float64', shape: [4], data: [1, 2, 3, 4] };
    const half = (...data: number[]) => ({ dtype: 'float64', shape: [2], data });
    const ask = (id: string, extra: Record<string, unknown> = {}) => ({ id, api: SPLIT.functional, inputs: { x }, kwargs: { num_or_sections: { int: 2 } }, ...extra });
    const [plain, second, ones, short] = await runOracle(python!, [
      ask('plain'),
      ask('second', { grad: ['x'], grad_output: [null, half(10, 20)] }),
      ask('ones', { grad: ['x'] }),
      ask('short', { grad: ['x'], grad_output: [half(1, 1)] }),
    ] as unknown as PortRequest[], undefined, { ops: [SPLIT] });
    const values = (o: unknown) => (o as TensorJson[]).map((t) => valuesOf(decodeTensor(t)));
    expect(values(plain!.output)).toEqual([[1, 2], [3, 4]]);
    expect(plain).not.toHaveProperty('grad');
    expect(valuesOf(decodeTensor(gradOf(second).x!))).toEqual([0, 0, 10, 20]);
    expect(valuesOf(decodeTensor(gradOf(ones).x!))).toEqual([1, 1, 1, 1]);
    expect(short!.error?.type).toBe('ProtocolError');
    expect(short!.error?.message).toMatch(/"grad_output" must be a list of 2 entries/);
  });
});

describe('the oracle process, without Paddle', () => {
  /** A stand-in oracle: answers each request with a 0-D output, and dies of SIGSEGV on the id "boom". */
  function segfaultingOracle(): string {
    const dir = mkdtempSync(join(tmpdir(), 'fake-oracle-'));
    const fake = join(dir, 'python');
    const code = [
      'import json, os, signal, sys',
      'for line in sys.stdin:',
      '    rid = json.loads(line)["id"]',
      '    if rid == "boom": os.kill(os.getpid(), signal.SIGSEGV)',
      '    print(json.dumps({"id": rid, "output": {"dtype": "float32", "shape": [], "data": [1]}}), flush=True)',
    ].join('\n');
    writeFileSync(fake, `#!/bin/sh\nexec python3 -c '${code}'\n`, { mode: 0o755 });
    return fake;
  }
  const requests = ['a', 'boom', 'b'].map((id) => ({ id, api: 'paddle.nn.functional.hinge_embedding_loss', inputs: {} }) as unknown as PortRequest);

  it('for goldens, a process that dies is an OracleFailure naming the signal and the case', async () => {
    await expect(runOracle(segfaultingOracle(), requests)).rejects.toThrow(/was killed by SIGSEGV leaving 2 request\(s\) unanswered \(first: boom\)/);
  });

  it('does not hang when the oracle dies while the requests still fill its stdin pipe', async () => {
    // 40 requests of ~200 KB each: far more than a pipe holds, so the writer is waiting for 'drain' when "boom" kills the process.
    const padding = 'x'.repeat(200_000);
    const big = Array.from({ length: 40 }, (_, i) => ({ ...requests[0]!, id: i === 1 ? 'boom' : `r${i}`, pad: padding }) as unknown as PortRequest);
    await expect(runOracle(segfaultingOracle(), big)).rejects.toThrow(/was killed by SIGSEGV leaving 39 request\(s\) unanswered \(first: boom\)/);
    const responses = await runOracleAcrossCrashes(segfaultingOracle(), big);
    expect(responses.map((r) => r.error?.type ?? 'ok')).toEqual(['ok', 'Crash', ...new Array<string>(38).fill('ok')]);
  }, 60_000);

  it('for a drift report, the case it died on is a Crash and a fresh process answers the rest', async () => {
    const responses = await runOracleAcrossCrashes(segfaultingOracle(), requests);
    expect(responses.map((r) => r.id)).toEqual(['a', 'boom', 'b']);
    expect(responses[0]!.output).toBeDefined();
    expect(responses[1]!.error).toMatchObject({ type: 'Crash' });
    expect(responses[1]!.error!.message).toMatch(/^the Paddle process died \(signal SIGSEGV\) on this case/);
    expect(responses[2]!.output).toBeDefined();
  });

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
