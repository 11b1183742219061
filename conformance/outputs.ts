/**
 * Results with several outputs (PROTOCOL.md, "Several outputs"): an op whose
 * descriptor names its outputs (`outputs: ['loss', 'softmax']`) returns, and
 * its goldens record, a JSON list of tensors in Paddle's return order; its
 * upstream gradient is a list with one entry per output, `null` for an output
 * the backward does not go through. Every other op has one tensor. These
 * helpers are the one place that tells the two apart.
 */
import type { GradOutputJson, OutputJson, RequestJson } from './case.js';
import type { OpSignature } from './op.js';
import type { TensorJson } from './wire.js';

/** The part of a signature that says how many outputs an op has. */
export type OpOutputs = Pick<OpSignature, 'outputs' | 'singleOutput'>;

/** The names of the outputs one request returns, as a list; undefined when it returns one tensor. */
export function outputNamesFor(op: OpOutputs | undefined, request: Pick<RequestJson, 'api' | 'kwargs' | 'init'>): readonly string[] | undefined {
  if (op?.outputs === undefined || op.singleOutput?.(request)) return undefined;
  return op.outputs;
}

/** The part of a signature that says how many outputs a request returns: the names, or none for one tensor. */
export interface OutputNames {
  /** The names of the outputs, in Paddle's return order; absent for one output. */
  readonly outputs?: readonly string[];
}

/** The field a report names output i by: `output.<name>` for an op with named outputs, `output[i]` when the op is not known. */
export function outputField(i: number, names?: readonly string[]): string {
  return names?.[i] !== undefined ? `output.${names[i]}` : `output[${i}]`;
}

/** A result's tensors with the fields that name them: `[['output', T]]` for one tensor, one entry per output for a list. */
export function outputTensors(output: OutputJson, names?: readonly string[]): Array<[string, TensorJson]> {
  if (!Array.isArray(output)) return [['output', output]];
  return output.map((t, i) => [outputField(i, names), t]);
}

/** What is wrong with a result's form for the op (a list where one tensor belongs, or the wrong count), or undefined. */
export function outputFormProblem(output: OutputJson, op: OutputNames): string | undefined {
  const names = op.outputs;
  if (names === undefined) return Array.isArray(output) ? `is a list of ${output.length} tensors, but the op returns one tensor` : undefined;
  const want = `a list of ${names.length} tensors (${names.join(', ')}, in Paddle's return order)`;
  if (!Array.isArray(output)) return `is one tensor, but the op returns ${want}`;
  return output.length === names.length ? undefined : `has ${output.length} tensors, but the op returns ${want}`;
}

/** The entries of an upstream gradient with their fields: `[['grad_output', T]]`, or per output (`grad_output.<name>`), a null entry kept as null. */
export function gradOutputEntries(gradOutput: GradOutputJson, names?: readonly string[]): Array<[string, TensorJson | null]> {
  if (!Array.isArray(gradOutput)) return [['grad_output', gradOutput]];
  return gradOutput.map((t, i) => [`grad_${outputField(i, names)}`, t]);
}

/** What is wrong with an upstream gradient's form for the op, or undefined: one tensor for one output; else one entry per output, not all null. */
export function gradOutputFormProblem(gradOutput: GradOutputJson, op: OutputNames): string | undefined {
  const names = op.outputs;
  if (names === undefined) return Array.isArray(gradOutput) ? 'is a list, but the op has one output: give one tensor' : undefined;
  if (!Array.isArray(gradOutput)) return `is one tensor, but the op has ${names.length} outputs (${names.join(', ')}): give a list with one entry per output, null where the backward does not go through it`;
  if (gradOutput.length !== names.length) return `has ${gradOutput.length} entries, but the op has ${names.length} outputs (${names.join(', ')})`;
  if (gradOutput.every((t) => t === null)) return 'is null for every output: the backward would go through none; leave "grad_output" out for ones through every output';
  return undefined;
}

/** A result with each of its tensors passed through `f` (with its index, or -1 for one tensor); null stays null. */
export function mapOutput<O extends OutputJson | null | undefined>(output: O, f: (t: TensorJson, i: number) => TensorJson): O {
  if (output === null || output === undefined) return output;
  return (Array.isArray(output) ? output.map((t, i) => f(t, i)) : f(output as TensorJson, -1)) as O;
}

/** An upstream gradient with each tensor passed through `f` (with its index, or -1 for one tensor); null entries stay null. */
export function mapGradOutput<G extends GradOutputJson | undefined>(gradOutput: G, f: (t: TensorJson, i: number) => TensorJson): G {
  if (gradOutput === undefined) return gradOutput;
  return (Array.isArray(gradOutput) ? gradOutput.map((t, i) => (t === null ? null : f(t, i))) : f(gradOutput as TensorJson, -1)) as G;
}

/** The JSON path suffix of tensor i of a result or upstream gradient: `[i]` in a list, nothing for one tensor (index -1). */
export function indexPath(i: number): string {
  return i < 0 ? '' : `[${i}]`;
}
