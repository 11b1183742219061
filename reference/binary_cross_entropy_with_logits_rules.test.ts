/**
 * One describe block per rule of binary_cross_entropy_with_logits that is its own or its sigmoid_cross_entropy_with_logits
 * kernel's (reference/binary_cross_entropy_with_logits_rules.ts). Expected values are Paddle 3.3.1's literal results
 * (2.6.2's where marked), each probe stated beside its values: logit [[1, −2, 0.5], [3, −1, 0]] and label
 * [[1, 0, 0.5], [0, 1, 1]] unless given.
 */
import { describe, expect, it } from 'vitest';
import { BCEWithLogitsLoss, binaryCrossEntropyWithLogits as bce, binaryCrossEntropyWithLogitsGrad as bceGrad } from './binary_cross_entropy_with_logits.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { raised, values } from './test_support.js';

const X = { logit: tensor([[1, -2, 0.5], [3, -1, 0]]), label: tensor([[1, 0, 0.5], [0, 1, 1]]) };
const none = { reduction: 'none' };
const POS_WEIGHT_2 = [0.6265233159065247, 0.12692809104919434, 0.9611154794692993, 3.0485873222351074, 2.62652325630188, 1.3862943649291992];

describe('Rule `bce-logits-reduction-checked-first`', () => {
  it("raises for 'MEAN' before the int32 operands' kernel error; the layer at construction", () => {
    const message = "The value of 'reduction' in binary_cross_entropy_with_logits should be 'sum', 'mean' or 'none', but received MEAN, which is not allowed.";
    expect(raised(() => bce({ logit: tensor([1, 2], { dtype: 'int32' }), label: tensor([1, 0], { dtype: 'int32' }) }, { reduction: 'MEAN' }))).toEqual(['ValueError', message]);
    expect(raised(() => new BCEWithLogitsLoss({ reduction: 'MEAN' }))).toEqual(['ValueError', message.replace('binary_cross_entropy_with_logits', 'BCEWithLogitsLoss')]);
  });
});

describe('Rule `bce-logits-layer-legacy-arguments`', () => {
  it('BCEWithLogitsLoss(size_average=True) is a ValueError; in Paddle 2.6.2 a TypeError', () => {
    expect(raised(() => new BCEWithLogitsLoss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'BCEWithLogitsLoss' no longer supports 'reduce' or 'size_average'."]);
    expect(withPaddleRelease('2.6.2', () => raised(() => new BCEWithLogitsLoss({ size_average: true })))).toEqual(['TypeError', "BCEWithLogitsLoss.__init__() got an unexpected keyword argument 'size_average'"]);
  });
});

describe('Rule `bce-logits-pos-weight-broadcasts`', () => {
  it('takes pos_weight 2 as [1], [1, 1] or 0-D alike, and [[2], [3]] per row', () => {
    for (const w of [tensor([2]), tensor([[2]]), tensor(2)]) expect(values(bce({ ...X, pos_weight: w }, none))).toEqual(POS_WEIGHT_2);
    expect(values(bce({ ...X, pos_weight: tensor([[2], [3]]) }, none)).slice(4)).toEqual([3.9397850036621094, 2.079441547393799]);
  });
  it("refuses [2, 3] against the label's [2, 3] columns (multiply's broadcast error)", () => {
    expect(raised(() => bce({ ...X, pos_weight: tensor([2, 3]) }))[1]).toMatch(/^\(InvalidArgument\) Broadcast dimension mismatch\./);
  });
});

describe('Rule `bce-logits-weight-mean-over-count`', () => {
  const weight = tensor([0.5, 2, 4]);
  it("weights each element (weight [3] per column), then 'mean' divides by 6, not by Σ weight", () => {
    expect(values(bce({ ...X, weight }, none))).toEqual([0.15663082897663116, 0.2538560926914215, 2.896307945251465, 1.5242936611175537, 2.62652325630188, 2.7725887298583984]);
    expect(values(bce({ ...X, weight }))).toEqual([1.7050334215164185]);
  });
  it('a float64 weight gives a float64 loss; a [2, 2, 3] weight a [2, 2, 3] loss', () => {
    expect(bce({ ...X, weight: tensor([0.5, 2, 4], { dtype: 'float64' }) }, none).dtype).toBe('float64');
    expect(bce({ ...X, weight: tensor(Array(12).fill(1), { shape: [2, 2, 3] }) }, none).shape).toEqual([2, 2, 3]);
  });
});

describe('Rule `sigmoid-ce-two-stable-forms`', () => {
  const t = { logit: tensor([-Infinity, Infinity, -Infinity, Infinity, 20]), label: tensor([1, 0.5, 1, 0, 0]) };
  it('logit ±inf: NaN and inf swap places between the forms; 20 gives exactly 20 (1 + e rounds to 1)', () => {
    expect(values(bce({ ...t, pos_weight: tensor([2]) }, none))).toEqual([NaN, Infinity, NaN, Infinity, 20]);
    expect(values(bce(t, none))).toEqual([Infinity, NaN, Infinity, NaN, 20]);
  });
  it('x = −3, y = 1, pos_weight 2: 6.097 since 3.0.0; 3.097 in Paddle 2.6.2 (only the log term weighted)', () => {
    const u = { logit: tensor([-3]), label: tensor([1]), pos_weight: tensor([2]) };
    expect(values(bce(u, none))).toEqual([6.097174644470215]);
    expect(withPaddleRelease('2.6.2', () => values(bce(u, none)))).toEqual([3.097174644470215]);
  });
});

describe('Rule `sigmoid-ce-ignore-index`', () => {
  const t = { logit: tensor([1, 1, 1, 1, 1]), label: tensor([-100, -100.5, -99.5, -99, -101]) };
  it('labels that truncate to −100 give 0 and a 0 gradient; −99.5, −99, −101 and NaN are computed', () => {
    expect(values(bce({ logit: tensor([1, 1, 1, 1, 1, 1]), label: tensor([-100, -100.5, -99.5, -99, -101, NaN]) }, none))).toEqual([0, 0, 100.81326293945312, 100.31326293945312, 102.31326293945312, NaN]);
    expect(values(bceGrad(t, { reduction: 'sum' }).logit!)).toEqual([0, 0, 100.2310562133789, 99.7310562133789, 101.7310562133789]);
  });
});

describe('Rule `sigmoid-ce-kernel-dtype-of-last-input`', () => {
  const notFound = (dtype: string): string => `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`sigmoid_cross_entropy_with_logits\` is not registered.`;
  it("a float16 or int32 label picks an unregistered kernel; a float64 logit or pos_weight is refused when read", () => {
    expect(raised(() => bce({ logit: tensor([1, 2]), label: tensor([1, 0], { dtype: 'float16' }) }))[1]).toMatch(notFound('float16'));
    expect(raised(() => bce({ logit: tensor([1, 2]), label: tensor([1, 0], { dtype: 'int32' }) }))[1]).toMatch(notFound('int32'));
    expect(raised(() => bce({ logit: tensor([1, 2], { dtype: 'float64' }), label: tensor([1, 0]) }))).toEqual(['ValueError', '(InvalidArgument) The type of data we are trying to retrieve (float32) does not match the type of data (float64) currently contained in the container.']);
    expect(raised(() => bce({ logit: tensor([1, 2]), label: tensor([1, 0]), pos_weight: tensor([2], { dtype: 'float64' }) }))).toEqual(['ValueError', '(InvalidArgument) The type of data we are trying to retrieve (float64) does not match the type of data (float32) currently contained in the container.']);
  });
});

describe('Rule `sigmoid-ce-shapes-must-equal`', () => {
  it('refuses a label of another rank, then of another shape, without broadcasting', () => {
    expect(raised(() => bce({ logit: X.logit, label: tensor([1, 0, 1]) }))[1]).toBe('(InvalidArgument) Input(X) and Input(Label) shall have the same rank.But received: the rank of Input(X) is [2], the rank of Input(Label) is [1].');
    expect(raised(() => bce({ logit: X.logit, label: tensor([[1], [0]]) }))[1]).toBe('(InvalidArgument) Input(X) and Input(Label) shall have the same shape except the last dimension. But received: the shape of Input(X) is [2, 3], the shape of Input(Label) is [2, 1].');
  });
  it('a 0-D label takes a pos_weight of [2] and uses its first element (x = −1, y = 1, pos_weight [3, 5])', () => {
    expect(values(bce({ logit: tensor(-1), label: tensor(1), pos_weight: tensor([3, 5]) }, none))).toEqual([3.9397850036621094]);
  });
});

describe('Rule `sigmoid-ce-grad-at-zero`', () => {
  const t = { logit: tensor([0, -0, 0]), label: tensor([0.5, 0.5, 1]) };
  it('gives −y − 0.5 at logit ±0 without pos_weight, p·(σ(0) − 1) + 1 − y with it, p = 1 + y(w − 1); 2.6.2 σ(0) − y without', () => {
    expect(values(bceGrad(t, { reduction: 'sum' }).logit!)).toEqual([-1, -1, -1.5]);
    expect(values(bceGrad({ ...t, pos_weight: tensor([3]) }, { reduction: 'sum' }).logit!)).toEqual([-0.5, -0.5, -1.5]);
    expect(withPaddleRelease('2.6.2', () => values(bceGrad(t, { reduction: 'sum' }).logit!))).toEqual([0, 0, -0.5]);
  });
});
