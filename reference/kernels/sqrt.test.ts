/**
 * The sqrt primitive against Paddle's own values (Paddle 3.3.1, CPU; 3.0.0
 * to 3.3.1 alike): paddle.sqrt of float32 tensors of nine elements, whose
 * first eight are one AVX packet and the ninth the scalar tail, and its
 * backward read off `.grad`.
 */
import { describe, expect, it } from 'vitest';
import { float32Bits, raised } from '../test_support.js';
import { Tensor, tensor } from '../tensor.js';
import { sqrt } from './sqrt.js';
import { Tape } from './tape.js';

/** A float32 tensor of raw bits, the storage built directly so a NaN's sign is kept. */
const float32FromBits = (bits: number[]) => new Tensor('float32', [bits.length], new Float32Array(Uint32Array.from(bits).buffer));

const nine = (v: number) => tensor(new Array<number>(9).fill(v));
const root = (x: ReturnType<typeof tensor>) => {
  const tape = new Tape();
  return sqrt(tape, tape.leaf(x)).value;
};

describe('Rule `sqrt-float32-fast-in-packets`', () => {
  it('+inf: the packet gives the negative default NaN, the tail +inf', () => {
    // paddle.sqrt(T([inf] * 9)) -> 8 × 0xffc00000, 0x7f800000
    expect(float32Bits(root(nine(Infinity)))).toEqual([...new Array<string>(8).fill('0xffc00000'), '0x7f800000']);
  });

  it('below FLT_MIN: the packet flushes to +0, the tail rounds the root', () => {
    // paddle.sqrt(T([1e-40] * 9)) -> 8 × 0x0, 0x1e3ce4e7
    expect(float32Bits(root(nine(1e-40)))).toEqual([...new Array<string>(8).fill('0x0'), '0x1e3ce4e7']);
  });

  it('-0: the packet gives +0, the tail -0', () => {
    // paddle.sqrt(T([-0.0] * 9)) -> 8 × 0x0, 0x80000000
    expect(float32Bits(root(float32FromBits(new Array<number>(9).fill(0x80000000))))).toEqual([...new Array<string>(8).fill('0x0'), '0x80000000']);
  });

  it('a negative value gives the default NaN in the packet and the tail, float64 too', () => {
    // paddle.sqrt(T([-1.] * 9)) -> 9 × 0xffc00000; float64 -> 9 × 0xfff8000000000000
    expect(float32Bits(root(nine(-1)))).toEqual(new Array<string>(9).fill('0xffc00000'));
    const f64 = root(tensor(new Array<number>(9).fill(-1), { dtype: 'float64' }));
    expect(Array.from(new BigUint64Array(f64.data.buffer), (b) => b.toString(16))).toEqual(new Array<string>(9).fill('fff8000000000000'));
  });
});

describe('the backward: (0.5 · dout) / out', () => {
  it('a -NaN upstream survives, 0 gives inf, 9 gives 1/6', () => {
    // x = T([4., 0., 9.], stop_gradient=False); paddle.sqrt(x).backward(T([-nan, 1., 1.])) -> x.grad [0xffc00000, 0x7f800000, 0x3e2aaaab]
    const tape = new Tape();
    const x = tape.leaf(tensor([4, 0, 9]), true);
    const g = tape.backward(sqrt(tape, x), float32FromBits([0xffc00000, 0x3f800000, 0x3f800000])).get(x.id)!;
    expect(float32Bits(g)).toEqual(['0xffc00000', '0x7f800000', '0x3e2aaaab']);
  });
});

describe('registration', () => {
  it.each(['float16', 'bfloat16', 'bool'] as const)('%s raises RuntimeError (NotFound)', (dtype) => {
    // paddle.sqrt(T([1.]).astype(dtype)) -> RuntimeError (NotFound) ... kernel `sqrt` is not registered
    expect(raised(() => root(tensor([1], { dtype })))[0]).toBe('RuntimeError');
  });
});
