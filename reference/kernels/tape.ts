/**
 * A small autograd tape, as Paddle's eager mode keeps one: each primitive
 * call records its output, its inputs and its backward; `backward` runs the
 * recorded nodes in reverse order and adds the gradients of a tensor used
 * twice in the order they arrive, as Paddle's gradient holder does (the
 * order decides which NaN survives such an addition).
 */
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';

/** A tensor on a tape: its value, its identity, and whether a gradient flows to it. */
export class Var {
  /** @param value the tensor; @param id its place on the tape; @param needsGrad whether backward reaches it */
  constructor(readonly value: Tensor, readonly id: number, readonly needsGrad: boolean) {}
}

/** A primitive's backward: the gradient of each input (null for one that gets none) from the output's. */
export type Backward = (dout: Tensor) => readonly (Tensor | null)[];

interface Node {
  readonly output: Var;
  readonly inputs: readonly Var[];
  readonly backward: Backward;
}

/** The record of one loss computation. */
export class Tape {
  private readonly nodes: Node[] = [];
  private count = 0;

  /** An input tensor of the computation; `needsGrad` as `stop_gradient=False`. */
  leaf(value: Tensor, needsGrad = false): Var {
    return new Var(value, this.count++, needsGrad);
  }

  /** Records a primitive's output; its backward runs only when some input needs a gradient. */
  record(output: Tensor, inputs: readonly Var[], backward: Backward): Var {
    const out = new Var(output, this.count++, inputs.some((v) => v.needsGrad));
    if (out.needsGrad) this.nodes.push({ output: out, inputs, backward });
    return out;
  }

  /** Runs the backward from `out` with upstream `dout`; the gradient of every Var reached, by id. */
  backward(out: Var, dout: Tensor): Map<number, Tensor> {
    const grads = new Map<number, Tensor>([[out.id, dout]]);
    for (let n = this.nodes.length - 1; n >= 0; n--) {
      const node = this.nodes[n]!;
      const g = grads.get(node.output.id);
      if (g === undefined) continue;
      node.backward(g).forEach((gi, i) => {
        const input = node.inputs[i]!;
        if (gi !== null && input.needsGrad) grads.set(input.id, accumulate(grads.get(input.id), gi));
      });
    }
    return grads;
  }
}

/** The gradient so far plus one more, element by element, the earlier first. */
function accumulate(sofar: Tensor | undefined, more: Tensor): Tensor {
  if (sofar === undefined) return more;
  const d = dtypeOf(more.dtype);
  const out = d.allocate(more.size);
  for (let k = 0; k < more.size; k++) d.set(out, k, addKeepingFirstNaN(sofar.at(k), more.at(k), d));
  return new Tensor(more.dtype, more.shape, out);
}
