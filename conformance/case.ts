/**
 * The shapes of the data the suite moves around: requests and responses of
 * the port protocol (PROTOCOL.md), and golden cases (golden/README.md).
 * Everything here is plain JSON once tensors are encoded with wire.ts.
 */
import type { TensorJson } from './wire.js';

/**
 * A keyword-argument value. `margin` decodes numbers, "NaN", "Infinity" and
 * "-Infinity" as Python floats; anywhere, `{"int": n}` is a Python int and
 * `{"str": s}` a Python str (so a float parameter can still be given text);
 * `reduction` and `name` pass strings through; `null` is Python's None.
 */
export type KwargJson = number | string | boolean | null | { int: number } | { str: string };

/**
 * A result: one tensor, or, for an op that returns several (OpSignature.outputs:
 * softmax_with_cross_entropy's loss and softmax), a list of tensors in Paddle's return order.
 */
export type OutputJson = TensorJson | TensorJson[];

/**
 * The upstream gradient: a tensor for an op with one output; for an op with
 * several, a list with one entry per output, `null` for an output the
 * backward does not go through.
 */
export type GradOutputJson = TensorJson | Array<TensorJson | null>;

// RequestJson, ResponseJson and ExpectedJson take the form of their result as a
// type parameter: the wide one (GradOutputJson, OutputJson) in code that handles
// any op (validation, comparison, reports, the oracle's bridge); the default, one
// tensor, in the code of an op that has one output. conformance/outputs.ts reads
// both forms.

/** A request of any op: its upstream gradient may be a list. */
export type AnyRequestJson = RequestJson<GradOutputJson>;
/** A response of any op: its output may be a list. */
export type AnyResponseJson = ResponseJson<OutputJson>;
/** An expectation of any op: its output may be a list. */
export type AnyExpectedJson = ExpectedJson<OutputJson>;

/** One call of an API, as JSON: what a port receives (plus an `id`) and what a golden case stores. */
export interface RequestJson<G extends GradOutputJson = TensorJson> {
  /** The dotted Paddle name of the form to call, e.g. `paddle.nn.functional.hinge_embedding_loss` or `paddle.nn.HingeEmbeddingLoss`. */
  api: string;
  /** The tensors, by Paddle's parameter names, in Paddle's positional order (passed positionally). */
  inputs: Record<string, TensorJson>;
  /** Keyword arguments of the functional form; an absent key means Paddle's default. */
  kwargs?: Record<string, KwargJson>;
  /** Constructor arguments of the layer; an absent key means Paddle's default. */
  init?: Record<string, KwargJson>;
  /** The inputs whose gradients to return, by name (each one of the op's differentiable inputs). */
  grad?: string[];
  /** The upstream gradient for backward; ones of each output's shape, through every output, when absent. */
  grad_output?: G;
}

/** An error as Paddle raised it: the Python exception type and its message. */
export interface ErrorJson {
  /** The Python exception class name, e.g. "ValueError". */
  type: string;
  /** The exception's text. */
  message: string;
}

/** What a port (or the oracle) answers for one request. */
export interface ResponseJson<O extends OutputJson = TensorJson> {
  /** The request's id, echoed. */
  id: string;
  /** The loss (a list of tensors for an op with several outputs); null when the call returned Python's None (cosine_embedding_loss with an unknown reduction). */
  output?: O | null;
  /** The requested gradients, by input name. */
  grad?: Record<string, TensorJson>;
  /** The error raised instead of a result. */
  error?: ErrorJson;
  /** The port declines this case, with a reason. */
  skip?: string;
}

/**
 * Facts the oracle records beside a reduced result so the suite can bound the
 * rounding error of any summation order: the element count and Σ|l_i|,
 * computed by Paddle's own unreduced loss and summed exactly.
 */
export interface ReductionBasisJson {
  /** Number of elements reduced. */
  count: number;
  /** Σ|l_i| over the unreduced loss, as float64 (exactly rounded). */
  abs_sum: number | string;
}

/** What Paddle did for a case. Exactly one of `output` or `error` is present. */
export interface ExpectedJson<O extends OutputJson = TensorJson> {
  /** The loss (a list of tensors for an op with several outputs); null when Paddle's call returned None. */
  output?: O | null;
  /** The gradients, by input name, when the request asked for them (a name Paddle gave no gradient is absent). */
  grad?: Record<string, TensorJson>;
  /** The error Paddle raised. */
  error?: ErrorJson;
  /** Present for mean and sum results: the basis of the rounding-error bound. */
  reduction_basis?: ReductionBasisJson;
}

/** Whether a case's expectation is fixed by the documentation page or only by what Paddle does. */
export type Level = 'spec' | 'paddle';

/** A planned case, before any oracle has run it. */
export interface PlannedCase {
  /** Stable readable id, `<family>/<group>/<axis=value,...>`. */
  id: string;
  /** The group, which names the golden file. */
  group: string;
  /** `spec` when the documentation page fixes the result, `paddle` otherwise. */
  level: Level;
  /** For `spec` cases, the clause of the documentation page relied on, quoted. */
  spec_clause?: string;
  /** Named rules of the reference this case exercises (see README's behaviour table). */
  rules?: string[];
  /** Free-form tags for filtering, e.g. "grad", "nan", "large". */
  tags: string[];
  /** One line on what the case checks. */
  description: string;
  /** The call. */
  request: RequestJson;
}

/** A golden case: the plan plus Paddle's result. */
export interface GoldenCase extends PlannedCase {
  /** What Paddle did. */
  expected: ExpectedJson;
}

/** Where a golden file's expectations came from. */
export interface ProvenanceJson {
  /** The oracle that produced the expectations. */
  oracle: {
    paddle_version: string;
    paddle_commit: string;
    python: string;
    numpy: string;
    os: string;
    /** The CPU's model name. */
    cpu: string;
    /** The CPU's vendor id (`AuthenticAMD`, `GenuineIntel`); absent in recordings made before it was kept. */
    cpu_vendor?: string;
    /** The instruction-set features of machine.ts's DECISIVE_FEATURES that the CPU has. */
    cpu_features?: string[];
    machine: string;
    /** The machine class derived from vendor, features and machine (machine.ts). */
    machine_class?: string;
    /** The thread count the oracle pinned Paddle's CPU kernels to. */
    threads?: number;
    /** The Paddle flags in force that can change a CPU kernel's result, by name (those the release has). */
    paddle_flags?: Record<string, string | number | boolean>;
  };
  /** The generator that planned the cases. */
  generator: { name: string; version: string };
  /** sha256 of the canonical JSON text of `cases`. */
  content_sha256: string;
}

/** The format tag every golden file carries. */
export const GOLDEN_FORMAT = 'paddle-conformance/golden@1';

/** One golden file: one group of cases for one API. */
export interface GoldenFileJson {
  /** Always GOLDEN_FORMAT. */
  format: typeof GOLDEN_FORMAT;
  /** The op's family name, e.g. "hinge_embedding_loss". */
  api: string;
  /** The group name; the file is golden/<api>/<group>.json. */
  group: string;
  /** Where the expectations came from. */
  provenance: ProvenanceJson;
  /** The cases, sorted by id. */
  cases: GoldenCase[];
}
