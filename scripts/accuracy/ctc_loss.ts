/**
 * `npx tsx scripts/accuracy/ctc_loss.ts`: where Paddle (live), the reference and PyTorch sit against the error bound
 * of the float32 CTC loss and its gradient (conformance/ops/ctc_loss/tolerance.ts: E of the loss and Z of the
 * gradient's exponent per sequence, with their derivation), on random logits at small sizes and at PaddleOCR's
 * (T = 200, C = 6,626, labels of 25). PyTorch's port passes log_softmax(x) to torch.nn.functional.ctc_loss (the
 * descriptor's torch.logSoftmax), its gradient through autograd.
 * The exact values are the recursions in float64 from the float32 logits (log p = x − m − log Σ exp(x − m) with a
 * compensated sum; α and β over every state, log-sum-exp with the max factored out; the gradient p − γ), good to
 * about 1e-13 of the loss, far below the bound. Distance / bound with the one-port bound: E for the loss,
 * ctcGradErrorBound for the gradient.
 * Exit codes: 0 every distance within its bound; 1 one beyond; 2 usage error.
 */
import type { RequestJson, ResponseJson } from '../../conformance/case.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { ctcErrorBounds, ctcGradErrorBound } from '../../conformance/ops/ctc_loss/tolerance.js';
import { openPort } from '../../conformance/ports/index.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../conformance/wire.js';
import { Prng } from '../prng.js';
import { isEntryPoint, runCli } from '../golden/regeneration.js';

const u = 2 ** -24;
const lse = (a: number, b: number) => (a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))));

/** The exact −log Z of each sequence and the gradient p − γ of log_probs [T, N, C], in float64. */
function exact(x: Float32Array, [t, n, c]: [number, number, number], labels: number[][], il: number[]): { loss: number[]; grad: Float64Array; logp: Float64Array } {
  const logp = new Float64Array(x.length);
  for (let f = 0; f < t * n; f++) {
    let m = -Infinity;
    for (let k = 0; k < c; k++) m = Math.max(m, x[f * c + k]!);
    let s = 0;
    let comp = 0;
    for (let k = 0; k < c; k++) {
      const e = Math.exp(x[f * c + k]! - m);
      const v = s + e;
      comp += Math.abs(s) >= e ? s - v + e : e - v + s;
      s = v;
    }
    for (let k = 0; k < c; k++) logp[f * c + k] = x[f * c + k]! - m - Math.log(s + comp);
  }
  const grad = new Float64Array(x.length);
  const loss = labels.map((label, b) => {
    const ext = [0, ...label.flatMap((l) => [l, 0])];
    const S = ext.length;
    const T = il[b]!;
    const lp = (tt: number, s: number) => logp[(tt * n + b) * c + ext[s]!]!;
    const skip = (s: number) => s > 1 && ext[s] !== 0 && ext[s] !== ext[s - 2];
    const alpha = Array.from({ length: T }, () => new Float64Array(S).fill(-Infinity));
    const beta = Array.from({ length: T }, () => new Float64Array(S).fill(-Infinity));
    alpha[0]![0] = lp(0, 0);
    if (S > 1) alpha[0]![1] = lp(0, 1);
    for (let tt = 1; tt < T; tt++) {
      for (let s = 0; s < S; s++) {
        let v = lse(alpha[tt - 1]![s]!, s > 0 ? alpha[tt - 1]![s - 1]! : -Infinity);
        if (skip(s)) v = lse(v, alpha[tt - 1]![s - 2]!);
        alpha[tt]![s] = v + lp(tt, s);
      }
    }
    beta[T - 1]![S - 1] = lp(T - 1, S - 1);
    if (S > 1) beta[T - 1]![S - 2] = lp(T - 1, S - 2);
    for (let tt = T - 2; tt >= 0; tt--) {
      for (let s = 0; s < S; s++) {
        let v = lse(beta[tt + 1]![s]!, s + 1 < S ? beta[tt + 1]![s + 1]! : -Infinity);
        if (s + 2 < S && skip(s + 2)) v = lse(v, beta[tt + 1]![s + 2]!);
        beta[tt]![s] = v + lp(tt, s);
      }
    }
    const logZ = lse(alpha[T - 1]![S - 1]!, S > 1 ? alpha[T - 1]![S - 2]! : -Infinity);
    for (let tt = 0; tt < T; tt++) {
      const occupied = new Float64Array(c).fill(-Infinity);
      for (let s = 0; s < S; s++) occupied[ext[s]!] = lse(occupied[ext[s]!]!, alpha[tt]![s]! + beta[tt]![s]!);
      for (let k = 0; k < c; k++) {
        const i = (tt * n + b) * c + k;
        grad[i] = Math.exp(logp[i]!) - Math.exp(occupied[k]! - logp[i]! - logZ);
      }
    }
    return -logZ;
  });
  return { loss, grad, logp };
}

/** A request of random logits [T, N, C] uniform in [−8, 8), labels in [1, C) of the given lengths, reduction 'none', with the gradient. */
function randomCase(seed: string, t: number, c: number, lengths: number[]): { request: RequestJson; x: Float32Array; labels: number[][]; il: number[] } {
  const rng = new Prng(seed);
  const n = lengths.length;
  const x = Float32Array.from({ length: t * n * c }, () => rng.uniform(-8, 8));
  const lmax = Math.max(...lengths);
  const labels = lengths.map((l) => Array.from({ length: l }, () => rng.int(1, c - 1)));
  const il = lengths.map((_, b) => t - b * Math.floor(t / 8));
  const request: RequestJson = {
    api: 'paddle.nn.functional.ctc_loss', kwargs: { reduction: 'none' }, grad: ['log_probs'],
    inputs: {
      log_probs: encodeTensor(fromValues('float32', [t, n, c], Array.from(x))),
      labels: encodeTensor(fromValues('int32', [n, lmax], labels.flatMap((l) => [...l, ...Array<number>(lmax - l.length).fill(0)]))),
      input_lengths: encodeTensor(fromValues('int64', [n], il)),
      label_lengths: encodeTensor(fromValues('int64', [n], lengths)),
    },
  };
  return { request, x, labels, il };
}

const PORTS = ['paddle', 'reference', 'torch'] as const;

async function main(): Promise<number> {
  const op = opForFamily('ctc_loss')!;
  const [paddle, torch] = [await openPort({ builtin: 'paddle', timeoutMs: 300_000 }), await openPort({ builtin: 'torch', timeoutMs: 300_000 })];
  const configs: Array<[number, number, number[]]> = [[20, 6, [3, 5]], [50, 30, [10, 4, 7]], [100, 100, [20, 12]], [200, 6626, [25, 18]], [200, 6626, [25]]];
  const worst = { loss: { paddle: 0, reference: 0, torch: 0 }, grad: { paddle: 0, reference: 0, torch: 0 } };
  const lines = ['| T | C | sequence | loss | E | loss d/E: Paddle | reference | PyTorch | gradient d/bound: Paddle | reference | PyTorch |', '|---|---|---|---|---|---|---|---|---|---|---|'];
  try {
    for (const [k, [t, c, lengths]] of configs.entries()) {
      const { request, x, labels, il } = randomCase(`ctc_accuracy/${k}`, t, c, lengths);
      const n = lengths.length;
      const ex = exact(x, [t, n, c], labels, il);
      const bounds = ctcErrorBounds(request, op, u)!;
      const answers: Record<(typeof PORTS)[number], ResponseJson> = {
        paddle: await paddle.handle({ ...request, id: `p${k}` }),
        reference: op.reference({ ...request, id: `r${k}` }) as ResponseJson,
        torch: await torch.handle({ ...request, id: `t${k}` }),
      };
      ex.loss.forEach((loss, b) => {
        const row: string[] = [];
        const gradRow: string[] = [];
        for (const p of PORTS) {
          const out = answers[p].output ? valuesOf(decodeTensor(answers[p].output as never)) : [NaN];
          const g = answers[p].grad?.log_probs ? valuesOf(decodeTensor(answers[p].grad!.log_probs)) : [];
          const dl = Math.abs(out[b]! - loss) / bounds[b]!.loss;
          // The gradient of sequence b over its frames: the largest |ĝ − g| / (A + r·|g|).
          let dg = g.length ? 0 : NaN;
          for (let tt = 0; tt < il[b]! && g.length; tt++) {
            for (let j = 0; j < c; j++) {
              const i = (tt * n + b) * c + j;
              const bound = ctcGradErrorBound(ex.logp[i]!, bounds[b]!.exponent, c, u);
              dg = Math.max(dg, Math.abs(g[i]! - ex.grad[i]!) / (bound.absolute + bound.relative * Math.abs(ex.grad[i]!)));
            }
          }
          worst.loss[p] = Math.max(worst.loss[p], dl);
          worst.grad[p] = Number.isNaN(dg) ? NaN : Math.max(worst.grad[p], dg);
          row.push(dl.toExponential(2));
          gradRow.push(dg.toExponential(2));
        }
        lines.push(`| ${t} | ${c} | ${b} | ${loss.toFixed(4)} | ${bounds[b]!.loss.toExponential(2)} | ${row.join(' | ')} | ${gradRow.join(' | ')} |`);
      });
    }
  } finally {
    await paddle.close();
    await torch.close();
  }
  const f = (w: Record<string, number>) => `Paddle ${w.paddle!.toExponential(2)}, reference ${w.reference!.toExponential(2)}, PyTorch ${w.torch!.toExponential(2)}`;
  console.log(`${lines.join('\n')}\n\nLargest distance / bound, loss: ${f(worst.loss)}; gradient: ${f(worst.grad)}.`);
  return [...Object.values(worst.loss), ...Object.values(worst.grad)].some((w) => !(w <= 1)) ? 1 : 0;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'ctc_loss');
