/**
 * Which requests the fast port sends to the fast kernels (fastPathApplies):
 * exactly the same-shape float32/float64 calls that reference/hinge_embedding_loss_fast.ts
 * computes itself, one varied axis per test against a control request.
 */
import { describe, expect, it } from 'vitest';
import type { TensorJson } from '../../wire.js';
import type { PortRequest } from '../../port.js';
import { fastPathApplies, referenceFastPort } from './fast_path.js';

const t = (dtype: string, shape: number[], data: Array<number | boolean>): TensorJson => ({ dtype, shape, data });

/** The control: a float32 [2] input and label, functional form, reduction mean. */
const CONTROL: PortRequest = {
  id: 'control',
  api: 'paddle.nn.functional.hinge_embedding_loss',
  inputs: { input: t('float32', [2], [0.5, 2]), label: t('float32', [2], [1, -1]) },
};

describe('fastPathApplies', () => {
  it('the control: same-shape float32', () => {
    expect(fastPathApplies(CONTROL)).toBe(true);
  });

  it('float64 input', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: t('float64', [2], [0.5, 2]), label: CONTROL.inputs.label! } })).toBe(true);
  });

  it('any label dtype of the same shape (the label is only compared with ±1)', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: CONTROL.inputs.input!, label: t('int64', [2], [1, -1]) } })).toBe(true);
  });

  it('not a float16 input (Paddle has no where kernel for it; the literal path raises)', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: t('float16', [2], [0.5, 2]), label: CONTROL.inputs.label! } })).toBe(false);
  });

  it('not an int32 input (the margin fails type promotion on the literal path)', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: t('int32', [2], [0, 2]), label: CONTROL.inputs.label! } })).toBe(false);
  });

  it('not a broadcast label', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: t('float32', [2, 2], [0, 1, 2, 3]), label: CONTROL.inputs.label! } })).toBe(false);
  });

  it('not a 0-D pair (it broadcasts to [1])', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: t('float32', [], [0.5]), label: t('float32', [], [1]) } })).toBe(false);
  });

  it('an empty pair of shape [0]', () => {
    expect(fastPathApplies({ ...CONTROL, inputs: { input: t('float32', [0], []), label: t('float32', [0], []) } })).toBe(true);
  });

  it('a gradient with a 0-D grad_output under mean', () => {
    expect(fastPathApplies({ ...CONTROL, grad: ['input'], grad_output: t('float32', [], [2]) })).toBe(true);
  });

  it('not a gradient whose grad_output has the wrong shape (the literal path raises)', () => {
    expect(fastPathApplies({ ...CONTROL, grad: ['input'], grad_output: t('float32', [2], [1, 1]) })).toBe(false);
  });

  it("a layer's reduction none takes a grad_output of the loss's shape", () => {
    const layer: PortRequest = { ...CONTROL, api: 'paddle.nn.HingeEmbeddingLoss', init: { reduction: 'none' } };
    expect(fastPathApplies({ ...layer, grad: ['input'], grad_output: t('float32', [2], [1, 1]) })).toBe(true);
  });
});

describe('referenceFastPort', () => {
  it('reports a request the fast kernels answered, with Paddle-shaped output', async () => {
    const seen: string[] = [];
    const response = await referenceFastPort((id) => seen.push(id)).handle({ ...CONTROL, kwargs: { reduction: 'none' } });
    // 0.5 for label 1; relu(1 - 2) = 0 for label -1.
    expect(response.output).toEqual(t('float32', [2], [0.5, 0]));
    expect(seen).toEqual(['control']);
  });

  it('does not report a request it answered on the literal path', async () => {
    const seen: string[] = [];
    const response = await referenceFastPort((id) => seen.push(id)).handle({ ...CONTROL, inputs: { input: t('float32', [], [0.5]), label: t('float32', [], [1]) }, kwargs: { reduction: 'none' } });
    expect(response.output).toEqual(t('float32', [1], [0.5]));
    expect(seen).toEqual([]);
  });

  it("does not report a request answered with Paddle's error", async () => {
    const seen: string[] = [];
    const response = await referenceFastPort((id) => seen.push(id)).handle({ ...CONTROL, kwargs: { reduction: 'MEAN' } });
    expect(response.error?.type).toBe('ValueError');
    expect(seen).toEqual([]);
  });
});
