/**
 * The case plan: every case the goldens hold, generated deterministically.
 * (Stub: only the documentation page's example until the full plan lands.)
 */
import type { PlannedCase } from '../../conformance/case.js';
import { fromValues, encodeTensor } from '../../conformance/wire.js';

/** Builds the full, deterministic case plan, sorted by id. */
export function buildPlan(): PlannedCase[] {
  const input = encodeTensor(fromValues('float32', [3, 3], [1, -2, 3, 0, -1, 2, 1, 0, 1]));
  const label = encodeTensor(fromValues('float32', [3, 3], [-1, 1, -1, 1, 1, 1, 1, -1, 1]));
  return (['none', 'mean'] as const).map((reduction) => ({
    id: `hinge_embedding_loss/doc_example/reduction=${reduction}`,
    group: 'doc_example',
    level: 'spec',
    spec_clause: 'Example: reduction=none -> [[0, -2, 0], [0, -1, 2], [1, 1, 1]]; reduction=mean -> 0.22222222',
    tags: ['doc'],
    description: `the documentation page's example with reduction=${reduction}`,
    request: { api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input, label }, kwargs: { margin: 1.0, reduction } },
  }));
}
