/**
 * A small autograd tape, as Paddle's eager mode keeps one: each primitive
 * call records its output, its inputs and its backward; `backward` runs the
 * recorded nodes in the order of Paddle's engine (paddle/fluid/eager/backward.cc)
 * and adds the gradients of a tensor used twice in the order they arrive, as
 * Paddle's gradient holder does (the order decides which NaN survives such
 * an addition).
 *
 * The engine is a queue, not the reverse of the recording: a node runs once
 * every node that consumed its output has run, and joins the back of the
 * queue in the order its consumers' inputs name it. So in
 * `where(c1, x, z) + where(c2, relu(m - x), z)` x first gets the first
 * where's gradient, then the one through relu (Paddle 3.3.1: x [1] against
 * labels [1, -1], upstream [+NaN, -NaN], gives x the first where's +NaN;
 * the reverse of the recording would give -NaN).
 */
import { dtypeOf } from '../dtype.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { PaddleAssertionError, PaddleNotImplementedError } from '../errors.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import { castGradient } from './promotion.js';

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
    checkUpstreamShape(out.value, dout);
    const grads = new Map<number, Tensor>([[out.id, dout]]);
    const producers = new Map(this.nodes.map((node) => [node.output.id, node]));
    const pending = consumerCounts(producers.get(out.id), producers);
    const queue = [producers.get(out.id)].filter((node) => node !== undefined);
    for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
      const g = grads.get(node.output.id);
      const inputGrads = g === undefined ? [] : node.backward(received(g, node.output.value));
      node.inputs.forEach((input, i) => {
        if (!input.needsGrad) return;
        const gi = inputGrads[i];
        if (gi !== undefined && gi !== null) grads.set(input.id, accumulate(grads.get(input.id), gi));
        const next = producers.get(input.id);
        if (next === undefined) return;
        pending.set(next, pending.get(next)! - 1);
        if (pending.get(next) === 0) queue.push(next);
      });
    }
    return grads;
  }
}

/** For each node reachable from `root`, how many input slots of reachable nodes it feeds: the engine's in-degrees. */
function consumerCounts(root: Node | undefined, producers: ReadonlyMap<number, Node>): Map<Node, number> {
  const counts = new Map<Node, number>();
  const stack = root === undefined ? [] : [root];
  const seen = new Set(stack);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const input of node.inputs) {
      const next = input.needsGrad ? producers.get(input.id) : undefined;
      if (next === undefined) continue;
      counts.set(next, (counts.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return counts;
}

/**
 * The gradient as the backward of the node that made `output` receives it.
 * Rule `exp-of-integers-in-float32`: a float gradient reaching an integer
 * tensor (exp's at its autocast integer input, exp.ts) is cast to the
 * tensor's dtype by the engine since Paddle 3.3.0 (truncated; NaN gives the
 * integer minimum), before that node runs; before 3.3.0 it arrives as it is
 * (Paddle 3.2.2: scale's backward then computes in float32, multiply's
 * raises ValueError, multiply.ts). An integer leaf keeps the float gradient
 * in every release.
 */
function received(g: Tensor, output: Tensor): Tensor {
  const floatAtInteger = dtypeOf(g.dtype).floating && !dtypeOf(output.dtype).floating;
  return floatAtInteger && !paddleReleaseBefore('3.3.0') ? castGradient(g, output.dtype) : g;
}

/**
 * The gradient so far plus one more, element by element, the earlier first;
 * before Paddle 3.0.0 the holder added the newer first, so where both are
 * NaN the newer's survives (Paddle 2.6.2: x·p + x·q with p = +NaN, q = −NaN
 * gives x's gradient −NaN, 3.0.0 on +NaN; cosine_embedding_loss's input2
 * gets its square's NaN over its product's).
 */
function accumulate(sofar: Tensor | undefined, more: Tensor): Tensor {
  if (sofar === undefined) return more;
  const d = dtypeOf(more.dtype);
  // An empty integer tensor's gradients are added without complaint (Paddle 3.3.1: multi_label_margin_loss of an int64 [0, 1] input).
  if (!d.floating && more.size > 0) throw integerAccumulation(more.dtype);
  const out = d.allocate(more.size);
  const newerFirst = paddleReleaseBefore('3.0.0');
  for (let k = 0; k < more.size; k++) {
    d.set(out, k, newerFirst ? addKeepingFirstNaN(more.at(k), sofar.at(k), d) : addKeepingFirstNaN(sofar.at(k), more.at(k), d));
  }
  return new Tensor(more.dtype, more.shape, out);
}

/**
 * Paddle's refusal to add two gradients of an integer tensor: a tensor of an
 * integer dtype used twice with stop_gradient=False (Paddle 2.6.2 to 3.3.1:
 * cosine_embedding_loss's int32 input2, squared and multiplied, raises it
 * when its gradient is asked for).
 */
function integerAccumulation(dtype: Tensor['dtype']): PaddleNotImplementedError {
  const name = dtype === 'int32' ? 'int' : dtype === 'int64' ? 'int64_t' : dtype;
  return new PaddleNotImplementedError(`(Unimplemented) Gradient accumulation of data type (${name}) on place (Place(cpu)) is not supported in imperative mode`);
}

/**
 * paddle.grad's check of the upstream gradient: its shape must be the
 * output's, else AssertionError (Paddle 3.3.1: an upstream [2, 3] for
 * multi_label_soft_margin_loss's [2] rows; the tensor names are Paddle's
 * generated ones, not reproduced).
 */
function checkUpstreamShape(out: Tensor, dout: Tensor): void {
  if (out.shape.length === dout.shape.length && out.shape.every((v, i) => v === dout.shape[i])) return;
  const show = (s: readonly number[]): string => (paddleReleaseBefore('3.3.0') ? `[${s.join(', ')}]` : `paddle.Size([${s.join(', ')}])`);
  throw new PaddleAssertionError(`Tensor shape not match, Tensor of grad_tensor [ grad_output ] with shape ${show(dout.shape)} mismatch Tensor [ loss ] with shape ${show(out.shape)}`);
}
