/**
 * `npx tsx scripts/accuracy/rnnt_loss.ts [--runs N]`: where Paddle (live), the reference and PyTorch
 * (torchaudio.functional.rnnt_loss with fused_log_softmax=False) sit against the error bound of the RNN-T
 * recursions (conformance/ops/rnnt_loss/tolerance.ts: E of the loss, Z of the gradient's exponent, with their
 * derivation), on random float32 inputs: raw logits and log-softmaxed ones, [B, T, U, D] up to [3, 40, 12, 30].
 * The exact value is the same recursion in float64 (its own error, about (T + U)·2^-53·A, is 2^-29 of float32's).
 * Distance / bound, with the one-port bound (E for the loss; e^Z − 1 + 7u relative for the gradient).
 * torchaudio is read from $TORCHAUDIO_PYTHON (a python with torch and torchaudio 2.11.0; torchaudio has
 * no release for torch 2.15.0), and left out when unset.
 *
 * Exit codes: 0 measured, every distance within its bound; 1 a distance beyond its bound; 2 usage error.
 */
import { execFileSync } from 'node:child_process';
import { minimist } from 'zx';
import type { RequestJson, ResponseJson } from '../../conformance/case.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { rnntErrorBounds } from '../../conformance/ops/rnnt_loss/tolerance.js';
import { openPort } from '../../conformance/ports/index.js';
import { UNIT_ROUNDOFF } from '../../conformance/tolerance.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../conformance/wire.js';
import { Prng } from '../prng.js';
import { isEntryPoint, runCli } from '../golden/regeneration.js';

const TORCHAUDIO = `
import json, sys, torch, torchaudio.functional as F
for line in sys.stdin:
    r = json.loads(line)
    x = torch.tensor(r['x'], dtype=torch.float32).reshape(r['shape']).requires_grad_()
    i32 = lambda v: torch.tensor(v, dtype=torch.int32)
    loss = F.rnnt_loss(x, i32(r['label']).reshape(r['shape'][0], -1), i32(r['il']), i32(r['ll']), blank=r['blank'], reduction='none', fused_log_softmax=False)
    loss.sum().backward()
    print(json.dumps({'loss': loss.tolist(), 'grad': x.grad.reshape(-1).tolist()}))
`;

/** The float64 recursion (no rounding to float32): loss per example and the gradient, as warprnnt forms them. */
function exact(x: number[], shape: number[], label: number[], il: number[], ll: number[], blank: number): { loss: number[]; grad: Float64Array } {
  const [B, Tm, Um, D] = shape as [number, number, number, number];
  const grad = new Float64Array(x.length);
  const lse = (a: number, b: number) => (a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))));
  const loss = Array.from({ length: B }, (_, b) => {
    const [T, U] = [il[b]!, ll[b]! + 1];
    const at = (t: number, u: number) => ((b * Tm + t) * Um + u) * D;
    const y = (t: number, u: number) => x[at(t, u) + blank]!;
    const e = (t: number, u: number) => x[at(t, u) + label[b * (Um - 1) + u]!]!;
    const a = new Float64Array(T * U).fill(-Infinity);
    const be = new Float64Array(T * U).fill(-Infinity);
    a[0] = 0;
    for (let t = 0; t < T; t++) for (let u = 0; u < U; u++) if (t || u) a[t * U + u] = lse(u ? a[t * U + u - 1]! + e(t, u - 1) : -Infinity, t ? a[(t - 1) * U + u]! + y(t - 1, u) : -Infinity);
    be[T * U - 1] = y(T - 1, U - 1);
    for (let t = T - 1; t >= 0; t--) for (let u = U - 1; u >= 0; u--) if (t < T - 1 || u < U - 1) be[t * U + u] = lse(u < U - 1 ? be[t * U + u + 1]! + e(t, u) : -Infinity, t < T - 1 ? be[(t + 1) * U + u]! + y(t, u) : -Infinity);
    const l = be[0]!;
    for (let t = 0; t < T; t++) for (let u = 0; u < U; u++) {
      if (t < T - 1) grad[at(t, u) + blank] = -Math.exp(y(t, u) + a[t * U + u]! + be[(t + 1) * U + u]! - l);
      if (u < U - 1) grad[at(t, u) + label[b * (Um - 1) + u]!] = -Math.exp(e(t, u) + a[t * U + u]! + be[t * U + u + 1]! - l);
    }
    grad[at(T - 1, U - 1) + blank] = -Math.exp(y(T - 1, U - 1) + a[T * U - 1]! - l);
    return -(a[T * U - 1]! + y(T - 1, U - 1));
  });
  return { loss, grad };
}

async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { string: ['runs'] });
  const runs = Number(args.runs ?? 40);
  const op = opForFamily('rnnt_loss')!;
  const paddle = await openPort({ builtin: 'paddle', timeoutMs: 300_000 });
  const u = UNIT_ROUNDOFF.float32!;
  const rng = new Prng('accuracy/rnnt_loss');
  const worst: Record<string, { loss: number; grad: number }> = {};
  const ports = ['paddle', 'reference', ...(process.env.TORCHAUDIO_PYTHON ? ['torchaudio'] : [])];
  for (const p of ports) worst[p] = { loss: 0, grad: 0 };
  try {
    for (let k = 0; k < runs; k++) {
      const [B, T, U, D] = [1 + rng.int(0, 2), 1 + rng.int(0, 39), 2 + rng.int(0, 10), 2 + rng.int(0, 28)];
      const shape = [B, T, U, D];
      const normalise = k % 2 === 1;
      let x = Array.from({ length: B * T * U * D }, () => rng.uniform(-4, 4));
      if (normalise) x = x.map((_, i) => { const r = Math.floor(i / D) * D; const row = x.slice(r, r + D); const m = Math.max(...row); return x[i]! - m - Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0)); });
      x = x.map(Math.fround);
      const blank = rng.int(0, D - 1);
      const label = Array.from({ length: B * Math.max(1, U - 1) }, () => { const c = rng.int(0, D - 2); return c >= blank ? c + 1 : c; });
      const il = Array.from({ length: B }, (_, b) => (b === 0 ? T : 1 + rng.int(0, T - 1)));
      const ll = Array.from({ length: B }, (_, b) => (b === 0 ? U - 1 : rng.int(0, U - 1)));
      const request: RequestJson & { id: string } = {
        id: `accuracy/${k}`, api: op.functional, grad: ['input'],
        inputs: { input: encodeTensor(fromValues('float32', shape, x)), label: encodeTensor(fromValues('int32', [B, Math.max(1, U - 1)], label)), input_lengths: encodeTensor(fromValues('int32', [B], il)), label_lengths: encodeTensor(fromValues('int32', [B], ll)) },
        kwargs: { blank, fastemit_lambda: 0, reduction: 'none' },
      };
      const want = exact(x, shape, label, il, ll, blank);
      const bounds = rnntErrorBounds(request, u)!;
      const answers: Record<string, { loss: number[]; grad: number[] }> = {};
      const of = (r: ResponseJson) => ({ loss: valuesOf(decodeTensor(r.output as never)), grad: valuesOf(decodeTensor(r.grad!.input!)) });
      answers.paddle = of(await paddle.handle(request));
      answers.reference = of(op.reference(request));
      if (process.env.TORCHAUDIO_PYTHON) answers.torchaudio = JSON.parse(execFileSync(process.env.TORCHAUDIO_PYTHON, ['-c', TORCHAUDIO], { input: JSON.stringify({ x, shape, label, il, ll, blank }) + '\n', encoding: 'utf8' })) as { loss: number[]; grad: number[] };
      const Z = Math.max(...bounds.map((b) => b.exponent));
      const relative = Math.expm1(Z) + 7 * u;
      for (const p of ports) {
        const a = answers[p]!;
        a.loss.forEach((v, b) => { worst[p]!.loss = Math.max(worst[p]!.loss, Math.abs(v - want.loss[b]!) / bounds[b]!.loss); });
        a.grad.forEach((v, i) => { const w = want.grad[i]!; if (w !== 0) worst[p]!.grad = Math.max(worst[p]!.grad, Math.abs(v - w) / (relative * Math.abs(w) + 2 ** -149)); });
      }
    }
  } finally {
    await paddle.close();
  }
  const f = (v: number) => v.toExponential(2);
  console.log(`rnnt_loss, float32, ${runs} random inputs (raw and log-softmaxed logits): largest distance / bound`);
  console.log('| port | loss | gradient |\n|---|---|---|');
  for (const p of ports) console.log(`| ${p} | ${f(worst[p]!.loss)} | ${f(worst[p]!.grad)} |`);
  if (!process.env.TORCHAUDIO_PYTHON) console.log('(torchaudio left out: set TORCHAUDIO_PYTHON)');
  return Object.values(worst).some((w) => w.loss > 1 || w.grad > 1) ? 1 : 0;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'rnnt_loss');
