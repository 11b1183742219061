/**
 * Random inputs for `npm run accuracy`: one request per dtype of n elements,
 * reduction 'none' with input's gradient, labels ±1, inputs uniform in
 * [-40, 40] so z = -label * input crosses both regimes of log(1 + exp(z)):
 * where 1 + exp(z) rounds to 1 and where the loss is about z.
 */
import type { RequestJson } from '../../../conformance/case.js';
import { encodeTensor, fromValues } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';

/** The random requests, n input elements each. */
export function SAMPLES(n: number): RequestJson[] {
  return (['float32', 'float64'] as const).map((dtype) => {
    const rng = new Prng(`soft_margin_loss/samples/${dtype}`);
    const x = Array.from({ length: n }, () => rng.uniform(-40, 40));
    const label = Array.from({ length: n }, () => rng.sign());
    return {
      api: 'paddle.nn.functional.soft_margin_loss',
      inputs: { input: encodeTensor(fromValues(dtype, [n], x)), label: encodeTensor(fromValues(dtype, [n], label)) },
      kwargs: { reduction: 'none' },
      grad: ['input'],
    };
  });
}
