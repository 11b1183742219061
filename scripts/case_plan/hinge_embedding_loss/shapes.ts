/**
 * Group `shapes`: 0-D, [N], [N,D] up to 5-D, and a zero-size dimension in
 * each position, each with every reduction. Input and label share the shape
 * here; the `broadcast` group varies that.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { shapeSize } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { reductionClause } from './clauses.js';
import { formatShape, ParamSet } from '../params.js';
import { caseId, type CaseSpec, plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import { mixedInputs, signLabels } from '../values.js';

const GROUP = 'shapes';

/** Non-empty shapes from 0-D to 5-D. */
const SHAPES = [[2, 3], [], [1], [5], [2, 3, 2], [2, 1, 3, 2], [2, 2, 1, 2, 2]];

/** Zero-size shapes: a 0 in every position of 1-D to 3-D, and in a 5-D shape. */
const ZERO_SIZE_SHAPES = [[0], [0, 3], [2, 0], [0, 3, 2], [2, 0, 2], [2, 3, 0], [0, 0], [2, 1, 1, 2, 0]];

/** One case per shape and reduction. */
export function shapeCases(): PlannedCase[] {
  const shapes = [...SHAPES, ...ZERO_SIZE_SHAPES];
  const rows = ParamSet.of(...shapes.map((s) => ({ shape: formatShape(s) }))).combine('reduction', ['none', 'mean', 'sum'] as const);
  return [...rows].map((p) => {
    const shape = shapes.find((s) => formatShape(s) === p.shape)!;
    const n = shapeSize(shape);
    const rng = new Prng(caseId(GROUP, p));
    const input = tensor('float32', shape, mixedInputs(rng, n, 'float32'));
    const label = tensor('float32', shape, signLabels(rng, n));
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input, label, reduction: p.reduction }),
      description: `float32 input and label of shape [${shape.join(', ')}], reduction='${p.reduction}'`,
      ...justification(shape, p.reduction),
    });
  });
}

function justification(shape: number[], reduction: 'none' | 'mean' | 'sum'): Pick<CaseSpec, 'clauses' | 'rules'> {
  // The page's shapes are [N, *]; a 0-D tensor is outside them, and Paddle's
  // `zero_` of shape [1] is what decides its shape.
  if (shape.length === 0) return { rules: ['hinge-zero-d-none-is-shape-1'] };
  if (shapeSize(shape) === 0 && reduction === 'mean') return { rules: ['mean-of-empty-is-nan'] };
  if (shapeSize(shape) === 0 && reduction === 'sum') return { rules: ['sum-of-empty-is-zero'] };
  return { clauses: ['formula', 'shapes', reductionClause(reduction), 'outputShape'] };
}
