import { describe, expect, it } from 'vitest';
import { opRequest } from '../planned_case.js';
import { tensor } from '../tensor.js';

describe('opRequest for an op with several outputs', () => {
  it('carries the list of upstream gradients as it is, a null entry kept', () => {
    const up = tensor('float32', [1, 1], [2]);
    const r = opRequest('softmax_with_cross_entropy', { tensors: { logits: tensor('float32', [1, 2], [0, 1]), label: tensor('int64', [1, 1], [0]) }, args: { return_softmax: true }, grad: ['logits'], gradOutput: [up, null] });
    expect(r.grad_output).toEqual([up, null]);
  });
});
