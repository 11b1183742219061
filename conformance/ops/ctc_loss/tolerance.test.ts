/**
 * ctc_loss's derived bound on literal requests: one frame of two equal logits (log p = −ln 2 for both classes), and
 * an alignment that cannot fit (label [1, 1] needs 3 frames in 2).
 */
import { describe, expect, it } from 'vitest';
import type { RequestJson } from '../../case.js';
import { encodeTensor, fromValues } from '../../wire.js';
import { logSoftmaxErrorBound } from '../cross_entropy/tolerance.js';
import { ctcLossOp } from './descriptor.js';
import { ctcErrorBounds } from './tolerance.js';

const u = 2 ** -24;
const tiny = 2 ** -149;

function request(t: number, labels: number[][], il: number[], reduction: string): RequestJson {
  const n = labels.length;
  const width = Math.max(...labels.map((l) => l.length));
  return {
    api: 'paddle.nn.functional.ctc_loss', kwargs: { reduction },
    inputs: {
      log_probs: encodeTensor(fromValues('float32', [t, n, 2], Array<number>(t * n * 2).fill(0))),
      labels: encodeTensor(fromValues('int32', [n, width], labels.flatMap((l) => [...l, ...Array<number>(width - l.length).fill(0)]))),
      input_lengths: encodeTensor(fromValues('int64', [n], il)),
      label_lengths: encodeTensor(fromValues('int64', [n], labels.map((l) => l.length))),
    },
  };
}

describe('ctc_loss bound', () => {
  it('gives one frame of log p = −ln 2 the log-softmax error plus one log-sum-exp: E = δ(ln 2) + u·(ln 2 + 12)', () => {
    const [b] = ctcErrorBounds(request(1, [[1]], [1], 'none'), ctcLossOp, u)!;
    expect(b!.possible).toBe(true);
    expect(b!.loss).toBe(logSoftmaxErrorBound(Math.LN2, 2, u) + u * (Math.LN2 + 12));
  });

  it('allows nothing for an alignment that cannot fit (Paddle\'s 0 is exact)', () => {
    const r = request(2, [[1, 1], [1]], [2, 2], 'none');
    const [impossible, fits] = ctcErrorBounds(r, ctcLossOp, u)!;
    expect(impossible).toEqual({ loss: 0, exponent: 0, possible: false });
    const policy = ctcLossOp.tolerance.output;
    const a = policy.kind === 'derived' ? policy.allowance(r, 'output', u, tiny) : undefined;
    expect((a!.absolute as Float64Array)[0]).toBe(0);
    expect((a!.absolute as Float64Array)[1]).toBeGreaterThan(2 * fits!.loss);
  });

  it("weights 'mean''s allowance by 1 / (n·L_b): labels of length 1 and 2 give (E_0 + E_1 / 2)·2 / 2", () => {
    const r = request(3, [[1], [1, 1]], [3, 3], 'mean');
    const [e0, e1] = ctcErrorBounds(r, ctcLossOp, u)!;
    const policy = ctcLossOp.tolerance.reduced;
    const a = policy.kind === 'derived' ? policy.allowance(r, 'output', u, tiny) : undefined;
    expect(a!.absolute as number).toBeCloseTo((e0!.loss + e1!.loss / 2) * (1 + 2 ** -10), 12);
    expect(a!.relative).toBeGreaterThan(2 * 3 * u);
  });

  it("leaves a 'mean' over a label length of 0 exact (Paddle's inf)", () => {
    const r = request(2, [[1], []], [2, 2], 'mean');
    const policy = ctcLossOp.tolerance.reduced;
    const a = policy.kind === 'derived' ? policy.allowance(r, 'output', u, tiny) : undefined;
    expect([a!.absolute, a!.relative]).toEqual([0, 0]);
  });
});
