/**
 * `npx tsx scripts/accuracy/hsigmoid_loss.ts`: where Paddle (live) and the reference sit against hsigmoid_loss's
 * derived bound (conformance/ops/hsigmoid_loss/tolerance.ts, with its derivation), on random float32 inputs of
 * 64 rows, D = 3 to 300 features and 1,000 classes: each row's loss against the exact value (float64 dot
 * products, log1p(exp(c))), as distance / bound, and Paddle against the reference. PyTorch has no hierarchical
 * sigmoid, so it has no column.
 *
 * Exit codes: 0 measured, every distance within its bound; 1 a distance beyond its bound.
 */
import type { RequestJson, ResponseJson } from '../../conformance/case.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { openPort } from '../../conformance/ports/index.js';
import { allowanceOf, UNIT_ROUNDOFF } from '../../conformance/tolerance.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../conformance/wire.js';
import { codeTable, Tensor } from '../../reference/index.js';
import { Prng } from '../prng.js';
import { isEntryPoint, runCli } from '../golden/regeneration.js';

const [ROWS, CLASSES] = [64, 1000];

/** The exact loss of each row: Σ over the path (and log 2 per padded slot) of log1p(exp(c)) − bit·c, c = clip(b + w·x). */
function exact(x: Float32Array, w: Float32Array, b: Float32Array, labels: number[], f: number): number[] {
  const t = codeTable(new Tensor('float64', [labels.length], Float64Array.from(labels)), labels.length, CLASSES);
  return t.nodes.map((nodes, i) => nodes.reduce((s, node, j) => {
    let v = b[node]!;
    for (let k = 0; k < f; k++) v += w[node * f + k]! * x[i * f + k]!;
    const c = Math.min(Math.max(v, -40), 40);
    return s + Math.log1p(Math.exp(c)) - (t.bits[i]![j] ? c : 0);
  }, (t.width - nodes.length) * Math.LN2));
}

async function main(): Promise<number> {
  const op = opForFamily('hsigmoid_loss')!;
  const paddle = await openPort({ builtin: 'paddle', timeoutMs: 120_000 });
  const rng = new Prng('accuracy/hsigmoid_loss');
  const lines = ['| D | Paddle − exact | reference − exact | Paddle − reference | (largest distance / bound over 64 rows) |', '|---|---|---|---|---|'];
  let beyond = false;
  try {
    for (const f of [3, 16, 64, 300]) {
      const draw = (n: number, s: number) => Float32Array.from({ length: n }, () => rng.uniform(-s, s));
      const [x, w, b] = [draw(ROWS * f, 1), draw((CLASSES - 1) * f, 4 / Math.sqrt(f)), draw(CLASSES - 1, 1)];
      const labels = Array.from({ length: ROWS }, () => rng.int(0, CLASSES - 1));
      const request: RequestJson = {
        api: op.functional,
        inputs: { input: encodeTensor(fromValues('float32', [ROWS, f], x)), label: encodeTensor(fromValues('int64', [ROWS, 1], labels)), weight: encodeTensor(fromValues('float32', [CLASSES - 1, f], w)), bias: encodeTensor(fromValues('float32', [CLASSES - 1, 1], b)) },
        kwargs: { num_classes: { int: CLASSES } },
      };
      const out = (r: ResponseJson): number[] => valuesOf(decodeTensor(r.output));
      const [p, ref] = [out(await paddle.handle({ id: `accuracy/${f}`, ...request })), out(op.reference({ id: `accuracy/${f}`, ...request }) as ResponseJson)];
      const want = exact(x, w, b, labels, f);
      const bound = allowanceOf(op.tolerance.output, 'float32', request, 'output')!.absolute as Float64Array;
      const worst = (a: number[], e: number[]) => Math.max(...a.map((v, i) => Math.abs(v - e[i]!) / bound[i]!));
      const row = [worst(p, want), worst(ref, want), worst(p, ref)];
      beyond ||= row.some((v) => v > 1);
      lines.push(`| ${f} | ${row.map((v) => v.toExponential(2)).join(' | ')} | u = ${UNIT_ROUNDOFF.float32} |`);
    }
  } finally {
    await paddle.close();
  }
  console.log(lines.join('\n'));
  return beyond ? 1 : 0;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'hsigmoid_loss');
