/**
 * `npx tsx scripts/accuracy/ctc_loss.ts`: where Paddle (live), the reference and PyTorch sit against a derived error
 * bound of the float32 CTC loss, on random logits at small sizes and at PaddleOCR's (T = 200, C = 6,626, labels of 25).
 * The exact value is the float64 forward recursion from the float32 logits (log p = x − m − log Σ exp(x − m) with a
 * compensated sum; log-sum-exp with the max factored out), good to about 1e-13 of the loss, far below the bound.
 * PyTorch reads log-probabilities, so it gets log_softmax(x) rounded to float32, as a user would pass it.
 *
 * The bound, per sequence of T frames (u = 2^-24). Each probability p = exp(x − m) / Σ carries (C + 2)u from the sum
 * and division and ≤ 2u from expf (glibc, < 1 ulp), so log p carries (C + 4)u absolute, plus logf's rounding and
 * error ≤ 2u·|log p|: δ_p = (C + 5)u + 2u·Lmax, Lmax the largest |log p| of a label read. Every α (and the loss) lies in
 * [−T·Lmax, 0] (one path's sum bounds it below), so with A = T·Lmax each rounding of a value of α is at most u·A. A
 * frame's α is log_plus(log_plus(a, b), c) + log p: log-sum-exp is 1-Lipschitz in the max norm, so the error
 * carried in grows by at most two log_plus roundings (double inside, one float32 rounding each, u·A), one addition
 * (u·A) and δ_p: E_t ≤ E_{t−1} + 3u·A + δ_p. The loss adds one log_plus over the last window (≤ 2 states):
 *     |Δloss| ≤ T·(3u·A + δ_p) + 2u·A.
 * Exit codes: 0 every distance within its bound; 1 one beyond; 2 usage error.
 */
import type { RequestJson, ResponseJson } from '../../conformance/case.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { openPort } from '../../conformance/ports/index.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../conformance/wire.js';
import { Prng } from '../prng.js';
import { isEntryPoint, runCli } from '../golden/regeneration.js';

const u = 2 ** -24;

/** log p of each frame [T, N, C] in float64, and the exact −log Z of each sequence with its bound. */
function exact(x: Float32Array, [t, n, c]: [number, number, number], labels: number[][], il: number[]): Array<{ loss: number; bound: number; logp: Float64Array }> {
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
  const lse = (a: number, b: number) => (a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))));
  return labels.map((label, b) => {
    const ext = [0, ...label.flatMap((l) => [l, 0])];
    const lp = (tt: number, s: number) => logp[(tt * n + b) * c + ext[s]!]!;
    let alpha = ext.map((_, s) => (s < 2 ? lp(0, s) : -Infinity));
    let lmax = Math.max(...ext.map((_, s) => Math.abs(lp(0, s))));
    for (let tt = 1; tt < il[b]!; tt++) {
      alpha = alpha.map((_, s) => {
        let v = lse(alpha[s]!, s > 0 ? alpha[s - 1]! : -Infinity);
        if (s > 1 && ext[s] !== 0 && ext[s] !== ext[s - 2]) v = lse(v, alpha[s - 2]!);
        lmax = Math.max(lmax, Math.abs(lp(tt, s)));
        return v + lp(tt, s);
      });
    }
    const loss = -lse(alpha[ext.length - 1]!, alpha[ext.length - 2] ?? -Infinity);
    const T = il[b]!;
    const A = T * lmax;
    return { loss, bound: T * (3 * u * A + (c + 5) * u + 2 * u * lmax) + 2 * u * A, logp };
  });
}

/** A request of random logits [T, N, C] uniform in [−8, 8), labels in [1, C) of the given lengths, reduction 'none'. */
function randomCase(seed: string, t: number, c: number, lengths: number[]): { request: RequestJson; x: Float32Array; labels: number[][]; il: number[] } {
  const rng = new Prng(seed);
  const n = lengths.length;
  const x = Float32Array.from({ length: t * n * c }, () => rng.uniform(-8, 8));
  const lmax = Math.max(...lengths);
  const labels = lengths.map((l) => Array.from({ length: l }, () => rng.int(1, c - 1)));
  const il = lengths.map((_, b) => t - b * Math.floor(t / 8));
  const request: RequestJson = {
    api: 'paddle.nn.functional.ctc_loss', kwargs: { reduction: 'none' },
    inputs: {
      log_probs: encodeTensor(fromValues('float32', [t, n, c], Array.from(x))),
      labels: encodeTensor(fromValues('int32', [n, lmax], labels.flatMap((l) => [...l, ...Array<number>(lmax - l.length).fill(0)]))),
      input_lengths: encodeTensor(fromValues('int64', [n], il)),
      label_lengths: encodeTensor(fromValues('int64', [n], lengths)),
    },
  };
  return { request, x, labels, il };
}

async function main(): Promise<number> {
  const op = opForFamily('ctc_loss')!;
  const [paddle, torch] = [await openPort({ builtin: 'paddle', timeoutMs: 300_000 }), await openPort({ builtin: 'torch', timeoutMs: 300_000 })];
  const configs: Array<[number, number, number[]]> = [[20, 6, [3, 5]], [50, 30, [10, 4, 7]], [100, 100, [20, 12]], [200, 6626, [25, 18]], [200, 6626, [25]]];
  const worst: Record<string, number> = { paddle: 0, reference: 0, torch: 0 };
  const lines = ['| T | C | sequence | loss | bound | Paddle d/bound | reference | PyTorch |', '|---|---|---|---|---|---|---|---|'];
  try {
    for (const [k, [t, c, lengths]] of configs.entries()) {
      const { request, x, labels, il } = randomCase(`ctc_accuracy/${k}`, t, c, lengths);
      const ex = exact(x, [t, lengths.length, c], labels, il);
      // PyTorch's input: log_softmax(x) in float64, rounded to float32.
      const torchRequest = { ...request, id: `t${k}`, api: 'paddle.nn.functional.ctc_loss', inputs: { ...request.inputs, log_probs: encodeTensor(fromValues('float32', [t, lengths.length, c], Array.from(ex[0]!.logp, Math.fround))) } };
      const got: Record<string, number[]> = {
        paddle: values(await paddle.handle({ ...request, id: `p${k}` })),
        reference: values(op.reference({ ...request, id: `r${k}` }) as ResponseJson),
        torch: values(await torch.handle(torchRequest)),
      };
      ex.forEach((e, b) => {
        const r = Object.fromEntries(Object.entries(got).map(([p, v]) => [p, Math.abs(v[b]! - e.loss) / e.bound]));
        for (const p of Object.keys(worst)) worst[p] = Math.max(worst[p]!, r[p]!);
        lines.push(`| ${t} | ${c} | ${b} | ${e.loss.toFixed(4)} | ${e.bound.toExponential(2)} | ${r.paddle!.toExponential(2)} | ${r.reference!.toExponential(2)} | ${r.torch!.toExponential(2)} |`);
      });
    }
  } finally {
    await paddle.close();
    await torch.close();
  }
  console.log(`${lines.join('\n')}\n\nLargest distance / bound: Paddle ${worst.paddle!.toExponential(2)}, reference ${worst.reference!.toExponential(2)}, PyTorch ${worst.torch!.toExponential(2)}.`);
  return Object.values(worst).some((w) => !(w <= 1)) ? 1 : 0;
}

function values(r: ResponseJson): number[] {
  return r.output ? valuesOf(decodeTensor(r.output as never)) : [NaN];
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'ctc_loss');
