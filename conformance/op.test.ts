/**
 * The descriptor's optional parts, on literal signatures: layer aliases,
 * functional-only APIs, optional tensors and ops that never reduce.
 */
import { describe, expect, it } from 'vitest';
import { apiNamesOf, formOf, reductionKeyOf, reductionOf, tensorNamesOf, unreducedRequest, type OpSignature } from './op.js';

const BASE: OpSignature = {
  family: 'example_loss', functional: 'paddle.nn.functional.example_loss', layer: 'paddle.nn.ExampleLoss',
  tensors: ['input', 'label'], kwargs: [{ name: 'reduction', kind: 'str', default: 'sum' }], differentiable: ['input'], reduction: 'reduction', dtypes: ['float32'],
};
const ALIASED: OpSignature = { ...BASE, layerAliases: ['paddle.nn.OtherName'], optionalTensors: ['weight', 'pos_weight'] };
const FUNCTIONAL_ONLY: OpSignature = { ...BASE, layer: undefined, reduction: undefined, kwargs: [] };

describe('the names a request may call', () => {
  it('lists the functional form, the layer and its aliases, and reads an alias as the layer form', () => {
    expect(apiNamesOf(ALIASED)).toEqual(['paddle.nn.functional.example_loss', 'paddle.nn.ExampleLoss', 'paddle.nn.OtherName']);
    expect(['paddle.nn.functional.example_loss', 'paddle.nn.OtherName', 'paddle.nn.Nothing'].map((api) => formOf(ALIASED, api))).toEqual(['functional', 'layer', undefined]);
  });
  it('has only the functional form for a functional-only API', () => {
    expect(apiNamesOf(FUNCTIONAL_ONLY)).toEqual(['paddle.nn.functional.example_loss']);
    expect(formOf(FUNCTIONAL_ONLY, 'paddle.nn.ExampleLoss')).toBeUndefined();
  });
});

describe('tensors and reductions', () => {
  it('orders the optional tensors after the required ones', () => {
    expect(tensorNamesOf(ALIASED)).toEqual(['input', 'label', 'weight', 'pos_weight']);
    expect(tensorNamesOf(BASE)).toEqual(['input', 'label']);
  });
  it("reads the reduction's default, and 'none' for an op that never reduces", () => {
    const request = { api: BASE.functional, inputs: {} };
    expect(reductionOf(BASE, request)).toBe('sum');
    expect(reductionOf(FUNCTIONAL_ONLY, request)).toBe('none');
  });
  it('asks for the unreduced result with reduction none, and leaves an op without a reduction as it is', () => {
    expect(unreducedRequest(BASE, { api: BASE.layer!, inputs: {}, init: { reduction: 'mean' } }).init).toEqual({ reduction: 'none' });
    const plain = { api: FUNCTIONAL_ONLY.functional, inputs: {}, kwargs: {} };
    expect(unreducedRequest(FUNCTIONAL_ONLY, plain)).toBe(plain);
    expect(() => reductionKeyOf(FUNCTIONAL_ONLY)).toThrow(/example_loss has no reduction keyword/);
  });
});
