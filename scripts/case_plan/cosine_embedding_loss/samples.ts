/**
 * Random inputs for `npm run accuracy`: one request per dtype of about n
 * input elements in rows of 16 (two float32 packets), reduction 'none' with
 * both gradients, margin 0.2, labels ±1. input2 is input1 plus noise of a
 * random scale, so cosines spread over (−1, 1) and crowd near 1.
 */
import type { RequestJson } from '../../../conformance/case.js';
import { encodeTensor, fromValues } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';

const D = 16;

/** The random requests, about n input elements each. */
export function SAMPLES(n: number): RequestJson[] {
  const rows = Math.max(1, Math.floor(n / D));
  return (['float32', 'float64'] as const).map((dtype) => {
    const rng = new Prng(`cosine_embedding_loss/samples/${dtype}`);
    const x = Array.from({ length: rows * D }, () => rng.uniform(-1, 1));
    const noise = Array.from({ length: rows }, () => 10 ** rng.uniform(-4, 1));
    const y = x.map((v, i) => v + noise[Math.floor(i / D)]! * rng.uniform(-1, 1));
    const label = Array.from({ length: rows }, () => rng.sign());
    return {
      api: 'paddle.nn.functional.cosine_embedding_loss',
      inputs: { input1: encodeTensor(fromValues(dtype, [rows, D], x)), input2: encodeTensor(fromValues(dtype, [rows, D], y)), label: encodeTensor(fromValues('int64', [rows], label)) },
      kwargs: { margin: 0.2, reduction: 'none' },
      grad: ['input1', 'input2'],
    };
  });
}
