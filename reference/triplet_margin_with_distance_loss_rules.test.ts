/**
 * One describe block per rule of triplet_margin_with_distance_loss that is its own (the shared ones are held in
 * triplet_margin_loss_rules.test.ts). Expected values are Paddle 3.3.1's literal results (3.1.0's where marked).
 */
import { describe, expect, it } from 'vitest';
import { withPaddleRelease } from './release.js';
import { raised, values } from './test_support.js';
import { tensor } from './tensor.js';
import { TripletMarginWithDistanceLoss, tripletMarginWithDistanceLoss } from './triplet_margin_with_distance_loss.js';

describe('Rule `triplet-distance-negative-or-nan-refused`', () => {
  const message = 'The positive distance or negative distance should be greater than 0, The distance functions should be checked.';
  it('a NaN distance raises; a zero one (x − y = −1e-6) gives loss 0 in 3.3.1 and raises in 3.1.0', () => {
    expect(raised(() => tripletMarginWithDistanceLoss({ input: tensor([[NaN, 1]]), positive: tensor([[0, 0]]), negative: tensor([[3, 3]]) }))).toEqual(['ValueError', message]);
    const f64 = (v: number[]) => tensor([v], { dtype: 'float64' });
    const zero = { input: f64([0, 0]), positive: f64([1e-6, 1e-6]), negative: f64([3, 0]) };
    expect(values(tripletMarginWithDistanceLoss(zero, { reduction: 'none' }))).toEqual([0]);
    expect(withPaddleRelease('3.1.0', () => raised(() => tripletMarginWithDistanceLoss(zero, { reduction: 'none' })))).toEqual(['ValueError', message]);
  });
});

describe('Rule `triplet-distance-layer-no-legacy-arguments`', () => {
  it('TripletMarginWithDistanceLoss(reduce=False) is a TypeError', () => {
    expect(raised(() => new TripletMarginWithDistanceLoss({ reduce: false }))).toEqual(['TypeError', "TripletMarginWithDistanceLoss.__init__() got an unexpected keyword argument 'reduce'"]);
  });
});
