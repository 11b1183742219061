/**
 * The bundled Python ports on a few golden cases, when their Python is
 * there: real Paddle must pass the documentation page's example, and so must
 * PyTorch. Without the venv the tests are skipped, and the skip names why.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectationMatcher, loadExpectations } from '../expectations.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { opForFamily } from '../ops/index.js';
import { findPaddlePython, findTorchPython, paddleAbsentReason } from '../python_env.js';
import { runSuite } from '../runner.js';
import type { OpTableEntry } from '../op.js';
import { decodeTensor, valuesOf, type TensorJson } from '../wire.js';
import { openPort, packageFile, type BuiltinPort } from './index.js';

/** PyTorch's departures named in its expectations file, by id or pattern (multi_margin_loss's int32 labels of the page's example; rnnt_loss/**, skipped beside torch 2.15.0). */
const TORCH_DEPARTS = expectationMatcher(loadExpectations(packageFile('conformance/examples/torch_expectations.json')));

/** The doc_example cases; for PyTorch, of the ops that map to it (sigmoid_focal_loss has no counterpart), less its named departures. */
const docExample = (builtin: BuiltinPort): ReturnType<typeof loadGoldens> =>
  loadGoldens([bundledGoldenDir()]).filter((c) => c.golden.group === 'doc_example' && (builtin !== 'torch' || (opForFamily(c.golden.id.split('/')[0]!)?.torch && !TORCH_DEPARTS(c.golden.id))));

async function runDocExample(builtin: BuiltinPort): Promise<string[]> {
  const cases = docExample(builtin);
  expect(cases.length).toBeGreaterThan(0);
  const port = await openPort({ builtin, timeoutMs: 60_000 });
  try {
    const result = await runSuite({ cases, port, timeoutMs: 60_000 });
    return result.results.map((r) => `${r.id}: ${r.status}`);
  } finally {
    await port.close();
  }
}

const paddle = findPaddlePython();
describe.skipIf(!paddle)(`the Paddle port${paddle ? '' : ` (SKIPPED: ${paddleAbsentReason()})`}`, () => {
  it('passes the documentation example', async () => {
    const statuses = await runDocExample('paddle');
    expect(statuses.every((s) => s.endsWith(': pass')), statuses.join('\n')).toBe(true);
  }, 180_000);
});

const torch = findTorchPython();
describe.skipIf(!torch)(`the PyTorch port${torch ? '' : ' (SKIPPED: no PyTorch venv; `npm run conformance -- run --port torch` creates it, or set TORCH_PYTHON)'}`, () => {
  it('passes the documentation example', async () => {
    const statuses = await runDocExample('torch');
    expect(statuses.every((s) => s.endsWith(': pass')), statuses.join('\n')).toBe(true);
  }, 180_000);
});

// torch 2.11.0 has a torchaudio release, so its venv has torchaudio and the port answers rnnt_loss with it.
const TORCH_WITH_AUDIO = '2.11.0';
const torchWithAudio = process.env.TORCH_PYTHON ? undefined : findTorchPython(TORCH_WITH_AUDIO);
describe.skipIf(!torchWithAudio)(`the PyTorch ${TORCH_WITH_AUDIO} port on rnnt_loss${torchWithAudio ? '' : ` (SKIPPED: no PyTorch ${TORCH_WITH_AUDIO} venv; \`npm run conformance -- run --port torch@${TORCH_WITH_AUDIO}\` creates it)`}`, () => {
  it('passes the cases without FastEmit (fastemit_lambda=0) through torchaudio.functional.rnnt_loss and its RNNTLoss', async () => {
    // rnnt_loss/paths/*reduction=*: float32, fastemit_lambda=0, every reduction, with gradients; Paddle's blank=0 left to the default.
    const cases = loadGoldens([bundledGoldenDir()]).filter((c) => /^rnnt_loss\/paths\/.*reduction=/.test(c.golden.id) || c.golden.id === 'rnnt_loss/arguments/case=layer_mean');
    expect(cases.length).toBe(10);
    const port = await openPort({ builtin: 'torch', version: TORCH_WITH_AUDIO, timeoutMs: 60_000 });
    try {
      const run = await runSuite({ cases, port, timeoutMs: 60_000 });
      expect(run.results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${r.skipReason ?? r.failure?.message ?? ''}`)).toEqual([]);
    } finally {
      await port.close();
    }
  }, 180_000);
});

// The generic path of the PyTorch port, on an op the registry does not have:
// Paddle's margin_ranking_loss mapped to torch.nn.functional.margin_ranking_loss,
// with a keyword renamed (a made-up Paddle name `gap` for PyTorch's `margin`, so
// a rename that did not happen fails loudly) and `name` dropped. Expected
// values are literals from PyTorch 2.15.0 (CPU), run once through this port;
// they equal Paddle 3.3.1's answers in scripts/golden/oracle.test.ts.
const MARGIN_RANKING: OpTableEntry = {
  family: 'margin_ranking_loss',
  functional: 'paddle.nn.functional.margin_ranking_loss',
  layer: 'paddle.nn.MarginRankingLoss',
  tensors: ['input', 'other', 'label'],
  float_kwargs: ['gap'],
  differentiable: ['input', 'other'],
  reduction: 'reduction',
  torch: { functional: 'torch.nn.functional.margin_ranking_loss', layer: 'torch.nn.MarginRankingLoss', renames: { gap: 'margin' }, drop: ['name'] },
};
const NO_TORCH: OpTableEntry = {
  family: 'paddle_only', functional: 'paddle.nn.functional.paddle_only', layer: 'paddle.nn.PaddleOnly',
  tensors: ['input'], float_kwargs: [], differentiable: ['input'], reduction: 'reduction',
};
// In the object's order, input and other are swapped: a port that passed them in this order would give [0, 0.5, 2.5].
const MR_INPUTS = {
  label: { dtype: 'float64', shape: [3], data: [1, -1, 1] },
  other: { dtype: 'float64', shape: [3], data: [2, 2, 1] },
  input: { dtype: 'float64', shape: [3], data: [1, 2, 3] },
};

/** The PyTorch port's responses to request lines, started with an op table of its own. */
function askTorch(requests: readonly Record<string, unknown>[], ops: OpTableEntry[]): Record<string, unknown>[] {
  const r = spawnSync(torch!, [packageFile('conformance/ports/torch_port.py'), '--ops', JSON.stringify({ ops })], {
    input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n', encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

const REJECTED: Array<[string, Record<string, unknown>, RegExp]> = [
  ['an api the table does not have', { api: 'paddle.nn.functional.hinge_embedding_loss' }, /^unknown api 'paddle\.nn\.functional\.hinge_embedding_loss'; expected one of paddle\.nn\.functional\.margin_ranking_loss, paddle\.nn\.MarginRankingLoss, paddle\.nn\.functional\.paddle_only, /],
  ['a missing tensor', { inputs: { input: MR_INPUTS.input, other: MR_INPUTS.other } }, /^"inputs" of margin_ranking_loss are exactly input, other, label: missing label$/],
  ['"grad" on the label', { grad: ['label'] }, /^"grad" may only list names from \["input", "other"\]/],
];

/** MARGIN_RANKING under another name, its mapping changed: one port process holds every fixture op, each by its own names. */
function variant(family: string, torch: Partial<NonNullable<OpTableEntry['torch']>>): OpTableEntry {
  return { ...MARGIN_RANKING, family, functional: `paddle.nn.functional.${family}`, layer: `paddle.nn.${family}_layer`, torch: { ...MARGIN_RANKING.torch!, ...torch } };
}

const NO_LAYER = variant('ranking_without_torch_layer', { layer: null });
const DEFAULTED = variant('ranking_with_default', { defaults: { gap: 0.5 } });
const ELSEWHERE = variant('ranking_elsewhere', { functional: 'no_such_torch_companion.functional.margin_ranking_loss' });
const BCE: OpTableEntry = {
  family: 'binary_cross_entropy', functional: 'paddle.nn.functional.binary_cross_entropy', layer: 'paddle.nn.BCELoss',
  tensors: ['input', 'label'], optional_tensors: ['w'], float_kwargs: [], differentiable: ['input'], reduction: 'reduction',
  torch: { functional: 'torch.nn.functional.binary_cross_entropy', layer: 'torch.nn.BCELoss', renames: { w: 'weight' }, drop: [] },
};
// A fixture: nll_loss given logits through log_softmax is cross_entropy (ctc_loss's mapping does this for log_probs).
const NLL_FROM_LOGITS: OpTableEntry = {
  family: 'nll_from_logits', functional: 'paddle.nn.functional.nll_from_logits', layer: null,
  tensors: ['input', 'label'], float_kwargs: [], differentiable: ['input'], reduction: 'reduction',
  torch: { functional: 'torch.nn.functional.nll_loss', layer: null, renames: {}, drop: [], log_softmax: ['input'] },
};
const NLL_PLAIN: OpTableEntry = { ...NLL_FROM_LOGITS, family: 'nll_plain', functional: 'paddle.nn.functional.nll_plain', torch: { ...NLL_FROM_LOGITS.torch!, log_softmax: [] } };
// torch.split(x, 2) returns a tuple of two halves (Paddle's paddle.split, PROTOCOL.md "Several outputs").
const SPLIT: OpTableEntry = {
  family: 'split', functional: 'paddle.split', layer: null, tensors: ['x'], float_kwargs: [], differentiable: ['x'], reduction: null, outputs: ['first', 'second'],
  torch: { functional: 'torch.split', layer: null, renames: { num_or_sections: 'split_size_or_sections' }, drop: [] },
};
const FIXTURE_OPS = [MARGIN_RANKING, NO_TORCH, NO_LAYER, DEFAULTED, ELSEWHERE, BCE, NLL_FROM_LOGITS, NLL_PLAIN, SPLIT];

const BCE_INPUTS = { input: { dtype: 'float64', shape: [2], data: [0.5, 0.5] }, label: { dtype: 'float64', shape: [2], data: [1, 1] } };
const BCE_W = { dtype: 'float64', shape: [2], data: [3, 0] };
const NLL_REQUEST = { inputs: { input: { dtype: 'float64', shape: [1, 2], data: [0, Math.log(3)] }, label: { dtype: 'int64', shape: [1], data: [0] } }, kwargs: { reduction: 'sum' }, grad: ['input'] };
const SPLIT_X = { dtype: 'float64', shape: [4], data: [1, 2, 3, 4] };

/**
 * Every request of the tests below, asked of one process started with FIXTURE_OPS (each start imports PyTorch,
 * seconds on a loaded machine; the port answers each request on its own). Each test reads its answers by id.
 */
const REQUESTS: Record<string, unknown>[] = [
  { id: 'sum', api: MARGIN_RANKING.functional, inputs: MR_INPUTS, kwargs: { gap: 0.5, reduction: 'sum', name: 'loss' }, grad: ['input', 'other'] },
  { id: 'layer', api: MARGIN_RANKING.layer, inputs: MR_INPUTS, init: { gap: 0.5 }, grad: ['other'] },
  ...REJECTED.map(([, change], i) => ({ id: `bad-${i}`, api: MARGIN_RANKING.functional, inputs: MR_INPUTS, kwargs: { gap: 0.5 }, ...change })),
  { id: 'bce-f', api: BCE.functional, inputs: { ...BCE_INPUTS, w: BCE_W }, kwargs: { reduction: 'sum' } },
  { id: 'bce-l', api: BCE.layer, inputs: { ...BCE_INPUTS, w: BCE_W }, init: { reduction: 'sum' } },
  { id: 'bce-none', api: BCE.functional, inputs: BCE_INPUTS, kwargs: { reduction: 'sum' } },
  { id: 'nll-plain', api: NLL_PLAIN.functional, ...NLL_REQUEST },
  { id: 'nll-mapped', api: NLL_FROM_LOGITS.functional, ...NLL_REQUEST },
  { id: 'no-layer', api: NO_LAYER.layer, inputs: MR_INPUTS },
  { id: 'default-left', api: DEFAULTED.functional, inputs: MR_INPUTS, kwargs: { reduction: 'sum' } },
  { id: 'default-given', api: DEFAULTED.functional, inputs: MR_INPUTS, kwargs: { gap: 0, reduction: 'sum' } },
  { id: 'elsewhere-f', api: ELSEWHERE.functional, inputs: MR_INPUTS },
  { id: 'elsewhere-l', api: ELSEWHERE.layer, inputs: MR_INPUTS },
  { id: 'no-torch', api: NO_TORCH.layer, inputs: { input: MR_INPUTS.input } },
  { id: 'split-plain', api: SPLIT.functional, inputs: { x: SPLIT_X }, kwargs: { num_or_sections: { int: 2 } } },
  { id: 'split-second', api: SPLIT.functional, inputs: { x: SPLIT_X }, kwargs: { num_or_sections: { int: 2 } }, grad: ['x'], grad_output: [null, { dtype: 'float64', shape: [2], data: [10, 20] }] },
];

describe.skipIf(!torch)(`the PyTorch port on an op given with --ops${torch ? '' : ' (SKIPPED: no PyTorch venv; `npm run conformance -- run --port torch` creates it, or set TORCH_PYTHON)'}`, () => {
  const answers = new Map<string, Record<string, unknown>>();
  beforeAll(() => {
    for (const answer of askTorch(REQUESTS, FIXTURE_OPS)) answers.set(answer.id as string, answer);
  });

  it('calls the mapped function with the tensors in Paddle\'s order, keywords renamed and dropped, a gradient per named tensor', () => {
    const sum = answers.get('sum');
    expect(sum).toEqual({
      id: 'sum',
      output: { dtype: 'float64', shape: [], b64: 'AAAAAAAAAEA=' }, // 2
      grad: {
        input: { dtype: 'float64', shape: [3], b64: 'AAAAAAAA8L8AAAAAAADwPwAAAAAAAACA' }, // [-1, 1, -0]
        other: { dtype: 'float64', shape: [3], b64: 'AAAAAAAA8D8AAAAAAADwvwAAAAAAAAAA' }, // [1, -1, 0]
      },
    });
  });

  it('calls the mapped layer as cls(**init)(*tensors), with a gradient only for the tensor named', () => {
    const layer = answers.get('layer');
    expect(layer).toEqual({
      id: 'layer',
      output: { dtype: 'float64', shape: [], b64: 'VVVVVVVV5T8=' }, // 2/3
      grad: { other: { dtype: 'float64', shape: [3], b64: 'VVVVVVVV1T9VVVVVVVXVvwAAAAAAAAAA' } }, // [1/3, -1/3, 0]
    });
  });

  it("passes an optional tensor by keyword, under PyTorch's name, to the function and to the module's constructor", () => {
    // 3·ln 2 with the weight, 2·ln 2 without.
    expect(['bce-f', 'bce-l', 'bce-none'].map((id) => valuesOf(decodeTensor(answers.get(id)!.output as TensorJson)))).toEqual([[2.0794415416798357], [2.0794415416798357], [1.3862943611198906]]);
  });

  it("passes log_softmax of the mapping's logSoftmax inputs, with the gradient through it", () => {
    const [plain, mapped] = [answers.get('nll-plain')!, answers.get('nll-mapped')!];
    // Without it nll_loss reads −x[0] = 0; with it −log softmax(x)[0] = log 4, and the gradient softmax − onehot = [1/4 − 1, 3/4].
    expect(valuesOf(decodeTensor(plain.output as TensorJson))).toEqual([0]);
    expect(valuesOf(decodeTensor(mapped.output as TensorJson))[0]).toBeCloseTo(Math.log(4), 15);
    expect(valuesOf(decodeTensor((mapped.grad as Record<string, TensorJson>).input!)).map((v) => Number(v.toFixed(15)))).toEqual([-0.75, 0.75]);
  });

  it('skips the layer form when the mapping has no module', () => {
    expect(answers.get('no-layer')).toEqual({ id: 'no-layer', skip: 'PyTorch has no layer form of ranking_without_torch_layer' });
  });

  it("passes Paddle's defaults the counterpart does not share where the request leaves them out (rnnt_loss's blank)", () => {
    // Per element max(0, −label·(input − other) + margin): 1.5 + 0.5 + 0 with margin 0.5, 1 + 0 + 0 with 0.
    expect(valuesOf(decodeTensor(answers.get('default-left')!.output as TensorJson))).toEqual([2]);
    expect(valuesOf(decodeTensor(answers.get('default-given')!.output as TensorJson))).toEqual([1]);
  });

  it('skips an op mapped into a package beside torch that the venv lacks, naming it, and answers the rest', () => {
    expect(answers.get('elsewhere-f')).toEqual({
      id: 'elsewhere-f',
      skip: expect.stringMatching(/^no_such_torch_companion\.functional\.margin_ranking_loss answers paddle\.nn\.functional\.ranking_elsewhere, but no_such_torch_companion is not installed beside torch \d+\.\d+\.\d+ \(/),
    });
    expect(valuesOf(decodeTensor(answers.get('elsewhere-l')!.output as TensorJson))).toEqual([1 / 3]);
  });

  it('skips an op PyTorch has no counterpart of', () => {
    expect(answers.get('no-torch')).toEqual({ id: 'no-torch', skip: 'PyTorch has no counterpart of paddle.nn.PaddleOnly' });
  });

  it.each(REJECTED.map(([what, , message], i) => [what, message, i] as const))('answers a ProtocolError for %s', (_, message, i) => {
    const answer = answers.get(`bad-${i}`);
    const error = answer!.error as { type: string; message: string };
    expect(error.type).toBe('ProtocolError');
    expect(error.message).toMatch(message);
  });

  it('answers a tuple result as a list of tensors, and back-propagates through the outputs whose grad_output entry is not null', () => {
    expect((answers.get('split-plain')!.output as TensorJson[]).map((t) => valuesOf(decodeTensor(t)))).toEqual([[1, 2], [3, 4]]);
    expect(valuesOf(decodeTensor((answers.get('split-second')!.grad as Record<string, TensorJson>).x!))).toEqual([0, 0, 10, 20]);
  });

  it('refuses to start with a malformed op table: exit 2, the reason on stderr', () => {
    const r = spawnSync(torch!, [packageFile('conformance/ports/torch_port.py'), '--ops', '{"ops": [{"family": "x"}]}'], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('torch_port.py: --ops: ops[0].functional must be a string');
  });
});
