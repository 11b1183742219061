/**
 * l1_loss over the kernel layer, against Paddle 3.3.1's literal results
 * (bits from `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { l1Loss, l1LossGrad } from './l1_loss.js';
import { tensor, type Tensor } from './tensor.js';
import { float32Bits as bits } from './test_support.js';

// The page's example: input [[1.5, 0.8], [0.2, 1.3]], label [[1.7, 1], [0.4, 0.5]], float32.
const input = (): Tensor => tensor([[1.5, 0.8], [0.2, 1.3]]);
const label = (): Tensor => tensor([[1.7, 1], [0.4, 0.5]]);

describe("l1_loss on the documentation page's example", () => {
  it.each([
    ['none', ['0x3e4cccd0', '0x3e4ccccc', '0x3e4ccccd', '0x3f4ccccc'], ['0xbf800000', '0xbf800000', '0xbf800000', '0x3f800000'], ['0x3f800000', '0x3f800000', '0x3f800000', '0xbf800000']],
    ['mean', ['0x3eb33333'], ['0xbe800000', '0xbe800000', '0xbe800000', '0x3e800000'], ['0x3e800000', '0x3e800000', '0x3e800000', '0xbe800000']],
    ['sum', ['0x3fb33333'], ['0xbf800000', '0xbf800000', '0xbf800000', '0x3f800000'], ['0x3f800000', '0x3f800000', '0x3f800000', '0xbf800000']],
  ] as const)('%s: the loss and the gradients', (reduction, loss, gradInput, gradLabel) => {
    expect(bits(l1Loss(input(), label(), reduction))).toEqual(loss);
    const g = l1LossGrad(input(), label(), reduction);
    expect(bits(g.input)).toEqual(gradInput);
    expect(bits(g.label)).toEqual(gradLabel);
  });
});
