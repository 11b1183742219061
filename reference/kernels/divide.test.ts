/**
 * The divide primitive against Paddle's own values (Paddle 3.3.1, CPU; 3.0.0
 * to 3.3.1 alike): `paddle.divide(x, y)` and its backward read off `.grad`.
 */
import { describe, expect, it } from 'vitest';
import { float32Bits, raised } from '../test_support.js';
import { Tensor, tensor } from '../tensor.js';
import { divide } from './divide.js';
import { Tape } from './tape.js';

/** A float32 tensor of raw bits, the storage built directly so a NaN's sign is kept. */
const float32FromBits = (bits: number[]) => new Tensor('float32', [bits.length], new Float32Array(Uint32Array.from(bits).buffer));

describe('the forward', () => {
  it('the first NaN operand survives; 1/0 is inf and 0/0 the default NaN', () => {
    // paddle.divide(T([nan, 1., 0.]), T([-nan, 0., 0.])) -> [0x7fc00000, 0x7f800000, 0xffc00000]
    const tape = new Tape();
    const q = divide(tape, tape.leaf(float32FromBits([0x7fc00000, 0x3f800000, 0])), tape.leaf(float32FromBits([0xffc00000, 0, 0])));
    expect(float32Bits(q.value)).toEqual(['0x7fc00000', '0x7f800000', '0xffc00000']);
  });
});

describe('the backward: x gets dout / y, y gets (-dout · out) / y', () => {
  it("a +NaN upstream reaches y's gradient with its sign flipped", () => {
    // x = T([1., 1.]), y = T([4., 0.]) (stop_gradient=False); paddle.divide(x, y).backward(T([nan, 1.]))
    //   -> x.grad [0x7fc00000, 0x7f800000], y.grad [0xffc00000, 0xff800000]
    const tape = new Tape();
    const x = tape.leaf(tensor([1, 1]), true);
    const y = tape.leaf(tensor([4, 0]), true);
    const grads = tape.backward(divide(tape, x, y), float32FromBits([0x7fc00000, 0x3f800000]));
    expect(float32Bits(grads.get(x.id)!)).toEqual(['0x7fc00000', '0x7f800000']);
    expect(float32Bits(grads.get(y.id)!)).toEqual(['0xffc00000', '0xff800000']);
  });
});

describe('registration', () => {
  it.each(['float16', 'bfloat16'] as const)('%s raises RuntimeError (NotFound)', (dtype) => {
    // paddle.divide(x, x) for x = T([1.]).astype(dtype) -> RuntimeError (NotFound) ... kernel `divide` is not registered
    const tape = new Tape();
    const x = tape.leaf(tensor([1], { dtype }));
    expect(raised(() => divide(tape, x, x))[0]).toBe('RuntimeError');
  });
});
