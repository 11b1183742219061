/**
 * The plan covers every axis value issue 3 asks for. Each requirement is its
 * own test, stated as a property of the requests (what is sent), so a case
 * dropped or changed by mistake names the requirement it leaves uncovered.
 */
import { describe, expect, it } from 'vitest';
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import { decodeTensor, valuesOf, type WireDType } from '../../../conformance/wire.js';
import { MAX_FINITE, MAX_SUBNORMAL, MIN_SUBNORMAL, nextDown, nextUp } from '../../../conformance/floats.js';
import { buildPlan } from '../index.js';
import { FAMILY } from './case.js';

const plan = await buildPlan(FAMILY);

interface View {
  c: PlannedCase;
  x: number[];
  y: number[];
  xDtype: string;
  yDtype: string;
  xShape: number[];
  yShape: number[];
  args: Record<string, KwargJson> | undefined;
  reduction: KwargJson | undefined;
  margin: KwargJson | undefined;
}

const views: View[] = plan.map((c) => {
  const input = decodeTensor(c.request.inputs.input!);
  const label = decodeTensor(c.request.inputs.label!);
  const args = c.request.kwargs ?? c.request.init;
  return {
    c,
    x: valuesOf(input),
    y: valuesOf(label),
    xDtype: input.dtype,
    yDtype: label.dtype,
    xShape: [...input.shape],
    yShape: [...label.shape],
    args,
    reduction: args && 'reduction' in args ? args.reduction : undefined,
    margin: args && 'margin' in args ? args.margin : undefined,
  };
});

function some(pred: (v: View) => boolean): boolean {
  return views.some(pred);
}

const functional = (v: View) => v.c.request.api === 'paddle.nn.functional.hinge_embedding_loss';
const layer = (v: View) => v.c.request.api === 'paddle.nn.HingeEmbeddingLoss';
const has = (xs: number[], want: number) => xs.some((x) => Object.is(x, want));
// SameValue for numbers, so margin -0.0 is not mistaken for 0; structural for the rest.
const sameKwarg = (a: KwargJson | undefined, b: KwargJson) => (typeof b === 'number' ? Object.is(a, b) : JSON.stringify(a) === JSON.stringify(b));

describe('coverage: dtypes', () => {
  it.each(['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64'] as WireDType[])('has an input of dtype %s', (d) => {
    expect(some((v) => v.xDtype === d)).toBe(true);
  });
  it.each(['int32', 'int64', 'bool'] as WireDType[])('has a float input with a %s label', (d) => {
    expect(some((v) => v.yDtype === d && v.xDtype.startsWith('float'))).toBe(true);
  });
  it('has a float64 label with a float32 input', () => {
    expect(some((v) => v.xDtype === 'float32' && v.yDtype === 'float64')).toBe(true);
  });
});

describe('coverage: shapes', () => {
  it.each([0, 1, 2, 3, 4, 5])('has a non-empty input of rank %i', (rank) => {
    expect(some((v) => v.xShape.length === rank && v.x.length > 0 && v.xShape.join() === v.yShape.join())).toBe(true);
  });
  it.each([
    [1, 0], [2, 0], [2, 1], [3, 0], [3, 1], [3, 2],
  ])('has a zero-size input of rank %i with the 0 at position %i', (rank, pos) => {
    expect(some((v) => v.xShape.length === rank && v.xShape[pos] === 0)).toBe(true);
  });
  it.each(['none', 'mean', 'sum'])('has a zero-size case with reduction %s and the gradient', (r) => {
    expect(some((v) => v.x.length === 0 && v.reduction === r && v.c.request.grad !== undefined)).toBe(true);
  });
  it('has a label [N,1] against an input [N,D]', () => {
    expect(some((v) => v.yShape.length === 2 && v.yShape[1] === 1 && v.xShape[0] === v.yShape[0] && v.xShape[1]! > 1)).toBe(true);
  });
  it('has a 0-D label against an input [N]', () => {
    expect(some((v) => v.yShape.length === 0 && v.xShape.length === 1 && v.xShape[0]! > 1)).toBe(true);
  });
  it('has a label [N,D] against an input [N,1]', () => {
    expect(some((v) => v.xShape.length === 2 && v.xShape[1] === 1 && v.yShape[0] === v.xShape[0] && v.yShape[1]! > 1)).toBe(true);
  });
  it('has shapes that cannot broadcast, tagged as errors', () => {
    expect(some((v) => v.xShape.join() === '3,2' && v.yShape.join() === '2,3' && v.c.tags.includes('error'))).toBe(true);
  });
  it('has at least two large cases of about 1e5 elements, mean and sum', () => {
    const large = views.filter((v) => v.x.length >= 1e5);
    expect(large.map((v) => v.reduction).sort()).toEqual(['mean', 'sum']);
  });
});

describe('coverage: reductions', () => {
  it.each(['none', 'mean', 'sum'])('has reduction %s in both forms', (r) => {
    expect(some((v) => functional(v) && v.reduction === r)).toBe(true);
    expect(some((v) => layer(v) && v.reduction === r)).toBe(true);
  });
  it.each([['reduce_mean'], [''], ['MEAN'], [null], [1]] as KwargJson[][])('has invalid reduction %j in both forms', (r) => {
    expect(some((v) => functional(v) && v.args !== undefined && 'reduction' in v.args && v.reduction === r)).toBe(true);
    expect(some((v) => layer(v) && v.args !== undefined && 'reduction' in v.args && v.reduction === r)).toBe(true);
  });
  it('has calls with no keyword arguments at all, in both forms', () => {
    expect(some((v) => functional(v) && v.c.request.kwargs === undefined)).toBe(true);
    expect(some((v) => layer(v) && v.c.request.init === undefined)).toBe(true);
  });
  it('has a default reduction with an explicit margin', () => {
    expect(some((v) => v.args !== undefined && !('reduction' in v.args) && 'margin' in v.args)).toBe(true);
  });
});

describe('coverage: margins', () => {
  it.each([
    ['0', 0], ['-0.0', -0], ['negative', -1], ['0.1', 0.1], ['1e30', 1e30], ['1e39', 1e39],
    ['Infinity', 'Infinity'], ['-Infinity', '-Infinity'], ['NaN', 'NaN'], ['an int', { int: 2 }], ['None', null],
  ] as Array<[string, KwargJson]>)('has margin %s in float32 and float64', (_name, m) => {
    for (const d of ['float32', 'float64']) {
      expect(some((v) => v.xDtype === d && v.args !== undefined && 'margin' in v.args && sameKwarg(v.margin, m))).toBe(true);
    }
  });
  it('has the default margin with an explicit reduction', () => {
    expect(some((v) => v.args !== undefined && !('margin' in v.args) && 'reduction' in v.args)).toBe(true);
  });
  it.each([
    ['float32', 0.1], ['float64', 0.1], ['float32', 1], ['float64', 1],
  ] as Array<['float32' | 'float64', number]>)('places %s inputs at margin %d and one ulp either side, label -1, with the gradient', (d, margin) => {
    const m = d === 'float32' ? Math.fround(margin) : margin;
    for (const x of [nextDown(m, d), m, nextUp(m, d)]) {
      expect(some((v) => v.xDtype === d && v.margin === margin && has(v.x, x) && v.y[v.x.indexOf(x)] === -1 && v.c.request.grad !== undefined)).toBe(true);
    }
  });
});

describe('coverage: special values', () => {
  it.each([NaN, Infinity, -Infinity, -0])('has input %d in float32 and float64 under both labels', (x) => {
    for (const d of ['float32', 'float64']) {
      for (const y of [1, -1]) expect(some((v) => v.xDtype === d && v.x.length === 1 && has(v.x, x) && v.y[0] === y)).toBe(true);
    }
  });
  it.each(['float32', 'float64'] as const)('has subnormal and ±max finite %s inputs', (d) => {
    for (const x of [MIN_SUBNORMAL[d], -MIN_SUBNORMAL[d], MAX_SUBNORMAL[d], MAX_FINITE[d], -MAX_FINITE[d]]) {
      expect(some((v) => v.xDtype === d && has(v.x, x))).toBe(true);
    }
  });
  it.each(['float32', 'float64'] as const)('has a %s margin - x that overflows to infinity', (d) => {
    expect(some((v) => v.xDtype === d && has(v.x, -MAX_FINITE[d]) && v.margin === MAX_FINITE[d] && v.y[0] === -1)).toBe(true);
  });
});

describe('coverage: labels', () => {
  it.each([1, -1, 0, 2, 0.5, -0.5, NaN, Infinity, -Infinity, -0])('has label %d in float32 and float64', (y) => {
    for (const d of ['float32', 'float64']) expect(some((v) => v.yDtype === d && has(v.y, y))).toBe(true);
  });
});

describe('coverage: gradients', () => {
  it.each(['none', 'mean', 'sum'])('has the gradient for reduction %s with and without an upstream gradient, in both dtypes', (r) => {
    for (const d of ['float32', 'float64']) {
      const grads = views.filter((v) => v.xDtype === d && v.reduction === r && v.c.request.grad !== undefined);
      expect(grads.some((v) => v.c.request.grad_output === undefined)).toBe(true);
      expect(grads.some((v) => v.c.request.grad_output !== undefined)).toBe(true);
    }
  });
  it('has the gradient at x == margin (1.0) under label -1 for every reduction', () => {
    for (const r of ['none', 'mean', 'sum']) {
      expect(some((v) => v.reduction === r && v.margin === undefined && v.c.request.grad !== undefined && v.x.some((x, i) => x === 1 && v.y[i] === -1))).toBe(true);
    }
  });
  it('has the gradient at a NaN input under label -1 and 1 for every reduction', () => {
    for (const r of ['none', 'mean', 'sum']) {
      for (const y of [1, -1]) expect(some((v) => v.reduction === r && v.c.request.grad !== undefined && v.x.some((x, i) => Number.isNaN(x) && v.y[i] === y))).toBe(true);
    }
  });
  it('has the layer gradient', () => {
    expect(some((v) => layer(v) && v.c.request.grad !== undefined)).toBe(true);
  });
});

describe('coverage: the page and the unit test', () => {
  it.each(['none', 'mean', 'sum'])('has the page example with reduction %s', (r) => {
    expect(some((v) => v.c.group === 'doc_example' && v.reduction === r && v.x.join() === '1,-2,3,0,-1,2,1,0,1')).toBe(true);
  });
  it.each(['none', 'mean', 'sum'])("has Paddle's unit test scenario (10,10,5) float64, labels ±1, reduction %s", (r) => {
    expect(some((v) => v.xShape.join() === '10,10,5' && v.xDtype === 'float64' && v.reduction === r && v.y.every((y) => y === 1 || y === -1) && v.x.every((x) => x >= 0 && x < 1))).toBe(true);
  });
  it('has the unit test zero-size (0,10,5) with backward', () => {
    expect(some((v) => v.xShape.join() === '0,10,5' && v.c.request.grad !== undefined)).toBe(true);
  });
});
