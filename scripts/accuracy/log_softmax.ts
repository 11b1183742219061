/**
 * `npx tsx scripts/accuracy/log_softmax.ts`: where Paddle (the goldens), the reference and PyTorch sit
 * against the error bound of −log softmax over C classes (conformance/ops/cross_entropy/tolerance.ts,
 * logSoftmaxErrorBound, with its derivation), on the language-model cases of cross_entropy (C = 32,000,
 * 128,256 and 151,936): each row's loss against the exact value (float64 with a compensated sum; for Paddle
 * and the reference with Paddle's clip of the shift at −64, for PyTorch without), as distance / bound, for the bound of any summation order and of
 * Paddle's 8-lane order. With --grad it also runs the input's gradient live (Paddle, the reference and
 * PyTorch; no golden stores it at these sizes) against softmaxGradErrorBound, element by element.
 *
 * Exit codes: 0 measured, every distance within its bound; 1 a distance beyond its bound; 2 usage error.
 */
import { join } from 'node:path';
import { minimist } from 'zx';
import type { RequestJson, ResponseJson } from '../../conformance/case.js';
import { bundledGoldenDir, loadGoldenFile } from '../../conformance/golden.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { logSoftmaxErrorBound, softmaxGradErrorBound, type SumOrder } from '../../conformance/ops/cross_entropy/tolerance.js';
import { openPort } from '../../conformance/ports/index.js';
import { expandedRequest } from '../../conformance/runner.js';
import { UNIT_ROUNDOFF } from '../../conformance/tolerance.js';
import { decodeTensor, valuesOf, type TensorJson } from '../../conformance/wire.js';
import { isEntryPoint, runCli } from '../golden/regeneration.js';

const CLIP = -64;

/** The exact −log softmax(x)_y of each row of [rows, C] logits (Paddle's clip of the shift at −64 applied), with each row's p and H. */
export function exactRows(x: ArrayLike<number>, labels: readonly number[], classes: number, clip = CLIP): Array<{ loss: number; p: Float64Array; label: number }> {
  return labels.map((label, r) => {
    const at = r * classes;
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, x[at + j]!);
    const e = new Float64Array(classes);
    // Neumaier's compensated sum: the float64 sum of C ≤ 2^18 terms is then good to about 1e-16, far below float32's bound.
    let s = 0;
    let comp = 0;
    for (let j = 0; j < classes; j++) {
      const t = Math.exp(Math.max(x[at + j]! - max, clip));
      e[j] = t;
      const v = s + t;
      comp += Math.abs(s) >= t ? s - v + t : t - v + s;
      s = v;
    }
    s += comp;
    const p = e.map((t) => t / s);
    return { loss: label < 0 || label >= classes ? 0 : Math.log(s) - Math.max(x[at + label]! - max, clip), p, label };
  });
}

/** One row's distance from the exact loss as a fraction of each bound. */
interface RowRatio {
  case: string;
  row: number;
  loss: number;
  bounds: Record<SumOrder, number>;
  ratios: Record<string, Record<SumOrder, number>>;
}

const PORTS = ['paddle', 'reference', 'torch'] as const;

async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { boolean: ['grad', 'help'] });
  if (args.help) return void console.log('Usage: npx tsx scripts/accuracy/log_softmax.ts [--grad]'), 0;
  const file = loadGoldenFile(join(bundledGoldenDir(), 'cross_entropy', 'language_model.json'));
  const op = opForFamily('cross_entropy')!;
  const torch = await openPort({ builtin: 'torch', timeoutMs: 120_000 });
  const u = UNIT_ROUNDOFF.float32!;
  const rows: RowRatio[] = [];
  let beyond = false;
  try {
    for (const c of file.cases) {
      const r = c.request;
      const input = decodeTensor(r.inputs.input);
      const args = r.kwargs ?? r.init ?? {};
      if (input.dtype !== 'float32' || r.inputs.weight || (args.reduction ?? 'mean') !== 'none' || !c.expected.output) continue;
      const classes = input.shape.at(-1)!;
      const labels = valuesOf(decodeTensor(r.inputs.label));
      const logits = new Float32Array(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength / 4);
      const exact = exactRows(logits, labels, classes);
      // PyTorch does not clip the shift at −64 (rule softmax-shift-clipped-at-64 is Paddle's): it is held to the unclipped value.
      const unclipped = exactRows(logits, labels, classes, -Infinity);
      const ignore = typeof args.ignore_index === 'object' && args.ignore_index !== null && 'int' in args.ignore_index ? args.ignore_index.int : -100;
      const request = { id: c.id, ...expandedRequest(r) };
      const got: Record<string, number[]> = {
        paddle: valuesOf(decodeTensor(c.expected.output)),
        reference: outputValues(op.reference(request), labels.length),
        torch: outputValues(await torch.handle(request), labels.length),
      };
      exact.forEach((e, row) => {
        if (labels[row] === ignore) return;
        const bounds = { any: logSoftmaxErrorBound(e.loss, classes, u, 'any'), paddle: logSoftmaxErrorBound(e.loss, classes, u, 'paddle') };
        const ratios: RowRatio['ratios'] = {};
        for (const port of PORTS) {
          const want = port === 'torch' ? unclipped[row]!.loss : e.loss;
          const bound = port === 'torch' ? logSoftmaxErrorBound(want, classes, u, 'any') : bounds.any;
          const d = Math.abs(got[port]![row]! - want);
          ratios[port] = { any: d / bound, paddle: d / bounds.paddle };
          beyond ||= ratios[port]!.any > 1; // NaN (a port that raised) is not beyond
        }
        rows.push({ case: c.id.split('/').pop()!, row, loss: e.loss, bounds, ratios });
      });
    }
    console.log(lossTable(rows));
    if (args.grad) beyond = (await gradients(op, torch, u)) || beyond;
  } finally {
    await torch.close();
  }
  return beyond ? 1 : 0;
}

/** The values of a response's output; NaN per row when the port raised (PyTorch refuses labels [N, 1]). */
function outputValues(response: ResponseJson | Promise<ResponseJson>, rows = 0): number[] {
  const r = response as ResponseJson;
  if (!r.output) return new Array<number>(rows).fill(NaN);
  return valuesOf(decodeTensor(r.output));
}

function lossTable(rows: readonly RowRatio[]): string {
  const f = (x: number) => (Number.isNaN(x) ? '— (raised)' : x.toExponential(2));
  const lines = [
    '| case | row | loss | bound (any order) | Paddle | reference | PyTorch | bound (Paddle\'s 8 lanes) | Paddle | reference |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.case} | ${r.row} | ${r.loss.toFixed(4)} | ${f(r.bounds.any)} | ${f(r.ratios.paddle!.any)} | ${f(r.ratios.reference!.any)} | ${f(r.ratios.torch!.any)} | ${f(r.bounds.paddle)} | ${f(r.ratios.paddle!.paddle)} | ${f(r.ratios.reference!.paddle)} |`),
  ];
  const worst = (port: string, order: SumOrder) => Math.max(...rows.map((r) => r.ratios[port]![order]).filter((x) => !Number.isNaN(x)));
  lines.push('', `Largest distance / bound over ${rows.length} rows — any order: Paddle ${f(worst('paddle', 'any'))}, reference ${f(worst('reference', 'any'))}, PyTorch ${f(worst('torch', 'any'))}; Paddle's order: Paddle ${f(worst('paddle', 'paddle'))}, reference ${f(worst('reference', 'paddle'))}.`);
  return lines.join('\n');
}

/** The input's gradient (reduction 'sum', g = 1) at 8 × C for each vocabulary, live, against softmaxGradErrorBound element by element. */
async function gradients(op: NonNullable<ReturnType<typeof opForFamily>>, torch: Awaited<ReturnType<typeof openPort>>, u: number): Promise<boolean> {
  const file = loadGoldenFile(join(bundledGoldenDir(), 'cross_entropy', 'language_model.json'));
  const paddle = await openPort({ builtin: 'paddle', timeoutMs: 300_000 });
  let beyond = false;
  const lines = ['| C | rows | Paddle max d/bound | reference | PyTorch |', '|---|---|---|---|---|'];
  try {
    for (const c of file.cases.filter((k) => /reduction=sum$/.test(k.id) && /rows=8,/.test(k.id) && !k.request.inputs.weight)) {
      const request: RequestJson & { id: string } = { id: `${c.id}/grad`, ...expandedRequest({ ...c.request, grad: ['input'] }) };
      const input = decodeTensor(request.inputs.input);
      const classes = input.shape.at(-1)!;
      const labels = valuesOf(decodeTensor(request.inputs.label));
      const exact = exactRows(new Float32Array(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength / 4), labels, classes);
      const answers = { paddle: await paddle.handle(request), reference: op.reference(request) as ResponseJson, torch: await torch.handle(request) };
      const worst: Record<string, number> = {};
      for (const [port, response] of Object.entries(answers)) {
        const g = valuesOf(decodeTensor((response.grad as Record<string, TensorJson>).input));
        let w = 0;
        exact.forEach((e, row) => {
          for (let j = 0; j < classes; j++) {
            const want = e.p[j]! - (j === e.label ? 1 : 0);
            const bound = softmaxGradErrorBound(e.p[j]!, want, 1, classes, u, 'any');
            w = Math.max(w, Math.abs(g[row * classes + j]! - want) / bound);
          }
        });
        worst[port] = w;
        beyond ||= w > 1;
      }
      lines.push(`| ${classes} | ${labels.length} | ${worst.paddle!.toExponential(2)} | ${worst.reference!.toExponential(2)} | ${worst.torch!.toExponential(2)} |`);
    }
  } finally {
    await paddle.close();
  }
  console.log(`\nThe input's gradient (reduction 'sum', live; largest distance / bound over every element):\n${lines.join('\n')}`);
  return beyond;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'log_softmax');
