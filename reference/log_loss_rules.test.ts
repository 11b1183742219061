/**
 * One describe block per rule of log_loss (reference/log_loss_rules.ts), its own and its kernel's. Expected values
 * are Paddle 3.3.1's literal results (bits from `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { logLoss, logLossGrad } from './log_loss.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, raised } from './test_support.js';

const column = (values: number[], dtype: 'float32' | 'float64' | 'int32' = 'float32') => tensor(values.map((v) => [v]), { dtype });
const repeat = (v: number, n: number): number[] => Array<number>(n).fill(v);
const PROBE = { input: column([0.3, 0.6, 0.9]), label: column([1, 0, 1]) };

describe('log_loss on its page', () => {
  it('−t·log(p + ε) − (1 − t)·log(1 − p + ε), [N, 1] (Paddle: input [0.3, 0.6, 0.9], label [1, 0, 1])', () => {
    expect(bits(logLoss(PROBE))).toEqual(['0x3f9a10dc', '0x3f6a81a7', '0x3dd78d02']);
  });
});

describe('Rule `log-loss-packet-and-tail`', () => {
  it('nine −log(0.75): Eigen packet log for the first eight, glibc logf for the ninth, an ulp apart; the gradient alike', () => {
    const t = { input: column(repeat(0.25, 9)), label: column(repeat(0, 9)) };
    expect(bits(logLoss(t, { epsilon: 0 }))).toEqual([...repeat(0, 8).map(() => '0x3e934b10'), '0x3e934b11']);
    expect(bits(logLossGrad(t, { epsilon: 0 }).input!)).toEqual(repeat(0, 9).map(() => '0x3faaaaab'));
  });

  it('a subnormal argument: log(FLT_MIN) in packets (87.34), its own log in the tail (103.28) (input 1e-45, label 1, ε 0)', () => {
    expect(bits(logLoss({ input: column(repeat(1e-45, 9)), label: column(repeat(1, 9)) }, { epsilon: 0 }))).toEqual([...repeat(0, 8).map(() => '0x42aeac50'), '0x42ce8ed0']);
  });

  it("a negative argument: the packet's all-ones NaN, glibc's NaN negated in the tail (input −1, label 1, ε 0)", () => {
    expect(bits(logLoss({ input: column(repeat(-1, 9)), label: column(repeat(1, 9)) }, { epsilon: 0 }))).toEqual([...repeat(0, 8).map(() => '0xffffffff'), '0x7fc00000']);
  });
});

describe('Rule `log-loss-float32-kernel-only`', () => {
  it("the label's dtype picks the kernel: a float64 label raises RuntimeError, a float64 input with a float32 label ValueError", () => {
    expect(raised(() => logLoss({ input: column([0.5]), label: column([1], 'float64') }))).toEqual(['RuntimeError', expect.stringContaining('of kernel `log_loss` is not registered. Selected wrong DataType `float64`')]);
    expect(raised(() => logLoss({ input: column([0.5], 'int32'), label: column([1]) }))).toEqual(['ValueError', expect.stringContaining('(float32) does not match the type of data (int32)')]);
  });

  it('an empty float64 input with a float32 label gives an empty float32 loss', () => {
    const out = logLoss({ input: tensor([], { dtype: 'float64', shape: [0, 1] }), label: tensor([], { shape: [0, 1] }) });
    expect([out.dtype, out.shape]).toEqual(['float32', [0, 1]]);
  });
});

describe('Rule `log-loss-shapes-2d-column`', () => {
  it('equal shapes first (no broadcasting), then rank 2, then a second dimension of 1: ValueError each', () => {
    expect(raised(() => logLoss({ input: column([0.5, 0.5, 0.5]), label: column([1]) }))[1]).toMatch(/must be equal to the dimensions of Input\(Labels\)/);
    expect(raised(() => logLoss({ input: tensor([0.3, 0.6]), label: tensor([1, 0]) }))[1]).toMatch(/must be 2,But received dimensions of Input\(Predicted\)is \[1\]/);
    expect(raised(() => logLoss({ input: tensor([[0.3, 0.4]]), label: tensor([[1, 0]]) }))[1]).toMatch(/2nd dimension of Input\(X\) must be 1,But got \[2\]/);
  });
});

describe('Rule `log-loss-epsilon-is-a-float32-double`', () => {
  it('None and a str raise TypeError (must be double, but got NoneType)', () => {
    expect(raised(() => logLoss(PROBE, { epsilon: null }))).toEqual(['TypeError', '(InvalidType) log_loss(): argument (position 3) must be double, but got NoneType']);
    expect(raised(() => logLoss(PROBE, { epsilon: '0.1' }))[0]).toBe('TypeError');
  });

  it('True is 1; 1e-50 rounds to 0 in float32 (the same as epsilon 0)', () => {
    expect(bits(logLoss(PROBE, { epsilon: true }))).toEqual(['0xbe86549b', '0xbeac4616', '0xbf245089']);
    expect(bits(logLoss(PROBE, { epsilon: 1e-50 }))).toEqual(['0x3f9a1bc8', '0x3f6a9209', '0x3dd7c745']);
  });
});

describe('Rule `log-loss-operands-unchecked`', () => {
  it('input 1.5 takes the log of a negative number (NaN); a label of 2 weights the logs by 2 and −1 (Paddle: input [1.5, 0.5], label [0, 2])', () => {
    expect(bits(logLoss({ input: column([1.5, 0.5]), label: column([0, 2]) }))).toEqual(['0xffc00000', '0x3f3164fc']);
  });
});
