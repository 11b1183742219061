/**
 * NaN signs on a cold first call. A JS array that holds its numbers as
 * doubles may turn a NaN into +NaN while the code is cold (and keep it once
 * warm), so these requests run first in their own file, in a fresh module
 * graph. Each expected bit pattern is what Paddle 3.3.1 answered.
 */
import { describe, expect, it } from 'vitest';
import { cosineEmbeddingLossGrad } from './cosine_embedding_loss.js';
import { mseLoss } from './mse_loss.js';
import { Tensor } from './tensor.js';

/** A float32 tensor from raw bit patterns. */
function float32Bits(shape: number[], bits: number[]): Tensor {
  return new Tensor('float32', shape, new Float32Array(Uint32Array.from(bits).buffer));
}

/** The bit patterns of a float32 tensor, as hex. */
function hexBits(t: Tensor): string[] {
  const data = t.data as Float32Array;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length), (b) => b.toString(16));
}

describe('NaN signs on the first, cold call', () => {
  it('mse_loss: the subtract kernel keeps the first NaN operand (-NaN − 0, +NaN − -NaN)', () => {
    const input = float32Bits([3], [0xffc00000, 0x7fc00000, 0x3f800000]);
    const label = float32Bits([3], [0, 0xffc00000, 0]);
    expect(hexBits(mseLoss(input, label, 'none'))).toEqual(['ffc00000', '7fc00000', '3f800000']);
  });

  it("cosine_embedding_loss: both embeddings' gradients of an [inf, 0, 0] pair under label -1 are -NaN", () => {
    // golden cosine_embedding_loss/special_values/probe=inf_both,label=-1,rows=3,dtype=float32
    const f32 = (rows: number[][]): Tensor => new Tensor('float32', [3, 3], Float32Array.from(rows.flat()));
    const input1 = f32([[Infinity, 0, 0], [-736, 896, -512], [512, 608, 896]]);
    const input2 = f32([[Infinity, 0, 0], [768, -832, -704], [992, 768, 512]]);
    const label = new Tensor('int64', [3], Float64Array.from([-1, 1, -1]));
    const g = cosineEmbeddingLossGrad(input1, input2, label, 0.25, 'none');
    expect(hexBits(g.input1!).slice(0, 3)).toEqual(['ffc00000', 'ffc00000', 'ffc00000']);
    expect(hexBits(g.input2!).slice(0, 3)).toEqual(['ffc00000', 'ffc00000', 'ffc00000']);
  });
});
