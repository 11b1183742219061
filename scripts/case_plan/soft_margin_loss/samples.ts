/**
 * Random inputs for `npm run accuracy`: one request per dtype of n elements,
 * reduction 'none' with the gradient, z = −label·input mostly in [−20, 20]
 * (where exp and log round differently in two libraries, and where 1 + e
 * stops rounding to 1) and a tenth in [−100, 100] (overflow and absorption).
 */
import type { RequestJson } from '../../../conformance/case.js';
import { encodeTensor, fromValues } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';

/** The random requests, about n input elements each. */
export function SAMPLES(n: number): RequestJson[] {
  return (['float32', 'float64'] as const).map((dtype) => {
    const rng = new Prng(`soft_margin_loss/samples/${dtype}`);
    const input = Array.from({ length: n }, () => (rng.next() < 0.9 ? rng.uniform(-20, 20) : rng.uniform(-100, 100)));
    const label = Array.from({ length: n }, () => rng.sign());
    return {
      api: 'paddle.nn.functional.soft_margin_loss',
      inputs: { input: encodeTensor(fromValues(dtype, [n], input)), label: encodeTensor(fromValues(dtype, [n], label)) },
      kwargs: { reduction: 'none' },
      grad: ['input'],
    };
  });
}
