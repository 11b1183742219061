/**
 * The op descriptor: the one record that knows an API of Paddle's, as
 * PyTorch's OpInfo or a WebGPU CTS spec file does. Golden validation, the
 * comparison, the oracle and the PyTorch port (through `opTable`), the
 * reference port, the mutants, `list`/`show` and the reports all read it;
 * none of them names an op.
 */
import type { KwargJson, RequestJson, ResponseJson } from './case.js';
import type { ElementExplainer } from './element_context.js';
import type { Variant } from './mutants/variant.js';
import type { TolerancePolicies } from './tolerance.js';
import type { PortRequest } from './port.js';
import type { Arbitrary } from 'fast-check';

/** How a keyword argument's JSON value is read (PROTOCOL.md, "Keyword values"). */
export type KwargKind =
  /** A Python float: a JSON number, or "NaN", "Infinity", "-Infinity". */
  | 'float'
  /** A Python str, passed through (`reduction`, `name`). */
  | 'str'
  /** A Python bool (`log_target`); the page gives True or False. */
  | 'bool'
  /** A Python int (`ignore_index`, `axis`), carried as `{"int": n}`. */
  | 'int'
  /** A Python list of ints (`cutoffs`), a JSON array of numbers (an integral one is a Python int). */
  | 'ints';

/** One keyword parameter of the functional form (and of the layer's constructor). */
export interface KwargSpec {
  /** Paddle's parameter name. */
  readonly name: string;
  /** How its JSON value is decoded. */
  readonly kind: KwargKind;
  /** Paddle's default, as the JSON the protocol would carry (null for None). */
  readonly default: KwargJson;
  /** Only the layer's constructor takes it (a deprecated keyword its decorator intercepts); the functional form raises TypeError for it. */
  readonly layerOnly?: true;
  /** Paddle gives it no default (cutoffs): a call without it raises TypeError; `default` is then null. */
  readonly required?: true;
}

/** Where PyTorch keeps the same op, for the bundled PyTorch port. */
export interface TorchMapping {
  /**
   * The functional form, e.g. `torch.nn.functional.hinge_embedding_loss`; a name in a package beside torch
   * (`torchaudio.functional.rnnt_loss`) is imported from it, and where the venv lacks that package the port skips the op, saying so.
   */
  readonly functional: string;
  /** The module form, e.g. `torch.nn.HingeEmbeddingLoss`; absent when PyTorch has none (or Paddle has no layer to map). */
  readonly layer?: string;
  /** Paddle keyword names PyTorch spells differently: Paddle name → PyTorch name. */
  readonly renames?: Readonly<Record<string, string>>;
  /** Paddle keywords PyTorch lacks, dropped before the call: those that change no value (`name`), or whose effect the expectations name (ctc_loss's norm_by_times, rnnt_loss's fastemit_lambda). */
  readonly drop?: readonly string[];
  /** Keywords PyTorch's counterpart needs where Paddle's API has no such parameter (square_error_cost: mse_loss's reduction='none'), added to every call. */
  readonly fixed?: Readonly<Record<string, KwargJson>>;
  /** Paddle's defaults that the counterpart does not share (rnnt_loss's blank: Paddle 0, torchaudio −1), by Paddle name, passed when a request leaves the keyword out. */
  readonly defaults?: Readonly<Record<string, KwargJson>>;
  /** Inputs PyTorch's counterpart takes as log-probabilities where Paddle takes logits (ctc_loss): the port passes log_softmax over the last axis, and the gradient flows through it. */
  readonly logSoftmax?: readonly string[];
}

/** The reference's answer to a request of this op: its result, or the PaddleError it raised, as a response. */
export type ReferenceAnswer = (request: PortRequest) => ResponseJson;

/**
 * An API's call signature: names, parameters and dtypes, pure data. The
 * modules that make up an op (its reference adapter, explainer, mutants)
 * read this part, so none of them needs the whole descriptor.
 */
export interface OpSignature {
  /** The family name: the golden folder, the id prefix, the `api` of a golden file. */
  readonly family: string;
  /** The functional form's dotted Paddle name. */
  readonly functional: string;
  /** The layer's dotted Paddle name; absent for a functional-only API (log_loss). */
  readonly layer?: string;
  /** Other names Paddle gives the same layer class (`paddle.nn.HuberLoss` is `paddle.nn.SmoothL1Loss`). */
  readonly layerAliases?: readonly string[];
  /** The required tensor parameters, in Paddle's positional order (passed positionally). */
  readonly tensors: readonly string[];
  /**
   * Tensor parameters that default to None (`weight`, `pos_weight`), in Paddle's
   * order: a request holds one in `inputs` only when it gives it; the functional
   * form takes it by keyword, the layer's constructor takes it.
   */
  readonly optionalTensors?: readonly string[];
  /**
   * Tensor parameters that take a list of lists of tensors (adaptive_log_softmax_with_loss's
   * `tail_weights`, `[[proj, out], …]`), in Paddle's order. Each element travels in `inputs` as a tensor
   * of its own named `<name>.<i>.<j>`, after the required tensors; the call gets the nested list
   * by keyword, `[]` when the request gives none (PROTOCOL.md, "Lists of tensors").
   */
  readonly tensorLists?: readonly string[];
  /** The keyword parameters, in Paddle's order, with kinds and defaults. */
  readonly kwargs: readonly KwargSpec[];
  /** The tensor parameters that have a gradient. */
  readonly differentiable: readonly string[];
  /**
   * The names of the results, in Paddle's return order, for an API that returns
   * several tensors (adaptive_log_softmax_with_loss: output, loss): its `output`
   * is then a list of tensors and its `grad_output` a list with one entry per
   * output (PROTOCOL.md, "Several outputs"). Absent: one tensor.
   */
  readonly outputs?: readonly string[];
  /**
   * For an op with `outputs` whose call can return the first output alone
   * (softmax_with_cross_entropy without return_softmax=True): whether this
   * request does. Its `output` and `grad_output` are then one tensor.
   */
  readonly singleOutput?: (request: Pick<RequestJson, 'api' | 'kwargs' | 'init'>) => boolean;
  /** The keyword that selects the reduction ('none' | 'mean' | 'sum'); absent when the result is never reduced (square_error_cost). */
  readonly reduction?: string;
  /** The reductions the page names, when not 'none', 'mean' and 'sum' (kl_div adds 'batchmean'). */
  readonly reductions?: readonly string[];
  /** The dtypes the documentation page names for the tensors. */
  readonly dtypes: readonly string[];
  /**
   * The release each API name first appeared in, for names younger than the
   * oldest release the suite runs (`paddle.nn.HuberLoss`: '3.3.0'). An older
   * release answers them with Paddle's AttributeError.
   */
  readonly since?: Readonly<Record<string, string>>;
}

/** Everything the suite knows about one API: its signature, its reference, its rules and its mutants. */
export interface OpDescriptor extends OpSignature {
  /** The named rules of the reference for this op, each with its one-line summary. */
  readonly rules: Readonly<Record<string, string>>;
  /** The reference, answering a request as a port would. */
  readonly reference: ReferenceAnswer;
  /** PyTorch's counterpart, when it has one. */
  readonly torch?: TorchMapping;
  /** The inputs behind a differing element of an element-wise result, for failure reports. */
  readonly explain?: ElementExplainer;
  /** How far from Paddle's value a correct result may lie, per kind of result, with each bound's derivation (tolerance.ts). */
  readonly tolerance: TolerancePolicies;
  /** Broken ports (and rules' alternatives) the suite must catch for this op. */
  readonly mutants: readonly Variant[];
  /** Where the fuzzer (fuzz/generators.ts) should look hardest: the op's kinks and overflow points. */
  readonly fuzz?: FuzzHints;
  /** The results whose bits depend on the CPU Paddle runs on, and why (README, "Machine classes"). */
  readonly cpuDependent?: CpuDependence;
}

/**
 * Results of an op that Paddle computes differently on different CPUs (the
 * golden files' machine overlays show which cases). A bitwise comparison
 * against a live Paddle judges them in value mode, within the op's derived
 * bound: their sign of zero and of NaN is the CPU's, not Paddle's.
 */
export interface CpuDependence {
  /** Why, in a sentence: which kernel, which hardware difference. */
  readonly why: string;
  /** Whether this request's results are among them. */
  readonly applies: (request: RequestJson) => boolean;
}

/** Hints for the differential fuzzer: an op's interesting values and the shape its label takes. */
export interface FuzzHints {
  /** Input values where the op's result turns, overflows or is absorbed; the fuzzer draws them and their float neighbours. */
  readonly values?: readonly number[];
  /** `rows`: the label has the inputs' shape without its last dimension (one label per row), not the inputs' shape. */
  readonly labelShape?: 'rows';
  /** `column`: the tensors are [N, 1] columns (log_loss), so the fuzzer draws that base shape mostly, any other now and then; `matrix`: [N, C] (multi_margin_loss's scores). */
  readonly shape?: 'column' | 'matrix';
  /**
   * What the `label` tensor holds. `sign`: ±1 (a ranking or margin loss), so
   * the fuzzer draws ±1 mostly, floats within Paddle's 1e-15 of ±1, and other
   * values now and then. `class`: class indices (a classification loss), so the
   * fuzzer draws valid indices mostly, and now and then one out of range, a
   * negative one or the ignored class. Absent: labels are values like the inputs (a regression loss).
   */
  readonly labelDomain?: 'sign' | 'class';
  /**
   * For a `class` label: the input's class axis (default -1). The label has the input's shape without
   * that axis, and its values are class indices in [0, C), C the input's size along it.
   */
  readonly classAxis?: number;
  /** For a `class` label: the int keyword that moves the class axis (cross_entropy's `axis`), its default the descriptor's. */
  readonly classAxisKeyword?: string;
  /**
   * For a `class` label: the bool keyword that makes it soft (cross_entropy's `soft_label`): a tensor of the
   * input's shape and dtype (probabilities, not indices), with the ignore keyword left at its default.
   */
  readonly softLabelKeyword?: string;
  /** For a `class` label: whether it keeps a 1 where the class axis was (`always`: dice_loss's [N, …, 1]; `sometimes`: cross_entropy's [N] or [N, 1]). */
  readonly classLabelTrailingOne?: 'always' | 'sometimes';
  /** For a `class` label: whether it keeps the class axis, so it has the input's own shape and the input the axis's rank (multi_label_margin_loss's [N, C] rows of indices, classAxis 1). */
  readonly classLabelKeepsAxis?: true;
  /** For a `class` label with no ignore keyword: the index that ends a row's list (multi_label_margin_loss's −1), drawn as the ignored class is. */
  readonly classTerminator?: number;
  /** For a `class` label: the keyword naming the class to ignore (`ignore_index`), whose value the fuzzer also draws as a label. */
  readonly ignoreIndex?: string;
  /** The tensor the label hints apply to, when it is not named `label` (npair_loss's `labels`). */
  readonly labelName?: string;
  /** The dtypes the page names for the label when they differ from the inputs' (class indices: int64). */
  readonly labelDtypes?: readonly string[];
  /**
   * The dtypes the page (or its example) gives integer tensors other than the label, by name (rnnt_loss's
   * lengths: int64 in its text, int32 in its example); such a tensor is no operand of the formula's dtype.
   */
  readonly tensorDtypes?: Readonly<Record<string, readonly string[]>>;
  /**
   * The op's own request arbitrary, for arguments the generic draft cannot make (lists of tensors whose
   * shapes chain, lists of ints that must rise): the fuzzer draws from it in place of the draft.
   */
  readonly requests?: (options: { maxNumel: number }) => Arbitrary<RequestJson>;
  /**
   * Whether the fuzzer draws finite input values only: where a NaN's sign or payload follows an order of
   * operations the reference does not read (MKL's matmul edge tiles), which the goldens' NaN cases show.
   */
  readonly finite?: true;
  /** Requests on which Paddle's behaviour is undefined (its process may crash, or answer garbage): the fuzzer never draws them. */
  readonly undefinedBehaviour?: (request: RequestJson) => boolean;
  /**
   * Tensors the page holds to an interval, by name (a probability: [0, 1]). The fuzzer draws most of
   * such a tensor inside it, its ends, their neighbours and the kinks within weighted up; now and then a
   * tensor of any values. Inside the page's domain every value lies in it. A float keyword named here is
   * held to its interval by the page domain alone (cross_entropy's label_smoothing in [0, 1]).
   */
  readonly intervals?: Readonly<Record<string, readonly [number, number]>>;
}

/** The name of the op's label tensor, which the fuzz hints shape and type: `label` unless the hints name another. */
export function labelNameOf(op: { readonly fuzz?: FuzzHints }): string {
  return op.fuzz?.labelName ?? 'label';
}

/** The two forms of an op a request can call. */
export type Form = 'functional' | 'layer';

/** The names of an op a request can call: its functional form, its layer and the layer's aliases. */
export type OpNames = Pick<OpSignature, 'functional' | 'layer' | 'layerAliases'>;

/** Every Paddle name of the op: functional form first, then the layer and its aliases. */
export function apiNamesOf(op: OpNames): string[] {
  return [op.functional, ...(op.layer === undefined ? [] : [op.layer]), ...(op.layerAliases ?? [])];
}

/** The layer's names: the layer and its aliases (none for a functional-only API). */
export function layerNamesOf(op: OpNames): string[] {
  return apiNamesOf(op).slice(1);
}

/** Every tensor parameter's name: the required ones in positional order, then the optional ones. */
export function tensorNamesOf(op: Pick<OpSignature, 'tensors' | 'optionalTensors'>): string[] {
  return [...op.tensors, ...(op.optionalTensors ?? [])];
}

/** The parameter an `inputs` key belongs to: `tail_weights` for the list element `tail_weights.0.1`, else the key. */
export function inputParameterOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

/** The [i, j] of a list element's key (`tail_weights.0.1`), or undefined when the key is no element of the list `list`. */
export function listIndexOf(key: string, list: string): [number, number] | undefined {
  const m = /^([^.]+)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(key);
  return m && m[1] === list ? [Number(m[2]), Number(m[3])] : undefined;
}

/**
 * A request's `inputs` keys in the protocol's order: the required tensors, then each tensor list's
 * elements by index ([0][0], [0][1], [1][0], …), then the optional tensors it gives. Keys of no
 * parameter are left out (the caller that validates reports them).
 */
export function inputKeysOf(op: Pick<OpSignature, 'tensors' | 'optionalTensors' | 'tensorLists'>, inputs: Readonly<Record<string, unknown>>): string[] {
  const lists = (op.tensorLists ?? []).flatMap((list) =>
    Object.keys(inputs)
      .map((key) => [key, listIndexOf(key, list)] as const)
      .filter((e): e is readonly [string, [number, number]] => e[1] !== undefined)
      .sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1])
      .map(([key]) => key));
  return [...op.tensors.filter((t) => t in inputs), ...lists, ...(op.optionalTensors ?? []).filter((t) => t in inputs)];
}

/** A list parameter's elements from tensors keyed as in `inputs`: the nested list the call takes. */
export function nestedList<T>(list: string, tensors: Readonly<Record<string, T>>): T[][] {
  const out: T[][] = [];
  for (const [key, t] of Object.entries(tensors)) {
    const at = listIndexOf(key, list);
    if (at) (out[at[0]] ??= [])[at[1]] = t;
  }
  return Array.from(out, (row) => Array.from(row ?? []));
}

/** The form a Paddle name is of, for this op; undefined when the name is neither. */
export function formOf(op: OpNames, api: string): Form | undefined {
  return api === op.functional ? 'functional' : layerNamesOf(op).includes(api) ? 'layer' : undefined;
}

/** The field holding a request's keyword arguments: `init` for the layer, `kwargs` for the functional form. */
export function argsField(op: OpNames, api: string): 'init' | 'kwargs' {
  return formOf(op, api) === 'layer' ? 'init' : 'kwargs';
}

/** A request's keyword arguments, from whichever field its form uses ({} when absent). */
export function argsOf(op: OpNames, request: Pick<RequestJson, 'api' | 'kwargs' | 'init'>): Record<string, KwargJson> {
  return request[argsField(op, request.api)] ?? {};
}

/** The layer's Paddle name, for code that builds layer requests; an error for a functional-only API. */
export function layerNameOf(op: Pick<OpSignature, 'family' | 'layer'>): string {
  if (op.layer === undefined) throw new Error(`${op.family} has no layer form (Paddle has only its functional form)`);
  return op.layer;
}

/** The reduction keyword's name, for code that only makes sense for an op that reduces (its mutants' reduction bugs). */
export function reductionKeyOf(op: Pick<OpSignature, 'family' | 'reduction'>): string {
  if (op.reduction === undefined) throw new Error(`${op.family} has no reduction keyword: a reduction mutant or case does not apply to it`);
  return op.reduction;
}

/** The request asking for its unreduced result ('none'); unchanged for an op that never reduces. */
export function unreducedRequest<R extends RequestJson>(op: OpSignature, request: R): R {
  return op.reduction === undefined ? request : withArgs(op, request, { [op.reduction]: 'none' });
}

/** The request with some keyword arguments replaced; `undefined` removes one (so Paddle's default applies). */
export function withArgs<R extends RequestJson>(op: OpSignature, request: R, patch: Record<string, KwargJson | undefined>): R {
  const args: Record<string, KwargJson> = { ...argsOf(op, request) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete args[key];
    else args[key] = value;
  }
  return { ...request, [argsField(op, request.api)]: args };
}

/** The reduction a request asks for: its reduction keyword, or the op's default ('none' for an op that never reduces). */
export function reductionOf(op: OpNames & Pick<OpSignature, 'kwargs' | 'reduction'>, request: Pick<RequestJson, 'api' | 'kwargs' | 'init'>): KwargJson {
  if (op.reduction === undefined) return 'none';
  const args = argsOf(op, request);
  if (op.reduction in args) return args[op.reduction]!;
  return op.kwargs.find((k) => k.name === op.reduction)?.default ?? null;
}

/** The op's names as JSON for the Python processes (oracle, PyTorch port), which read no TypeScript. */
export interface OpTableEntry {
  family: string;
  functional: string;
  layer: string | null;
  layer_aliases?: string[];
  tensors: string[];
  optional_tensors?: string[];
  tensor_lists?: string[];
  float_kwargs: string[];
  differentiable: string[];
  reduction: string | null;
  outputs?: string[];
  since?: Record<string, string>;
  torch?: { functional: string; layer: string | null; renames: Record<string, string>; drop: string[]; fixed?: Record<string, KwargJson>; defaults?: Record<string, KwargJson>; log_softmax?: string[] };
}

/** One op's entry of the table the Python processes are started with. */
export function opTableEntry(op: OpDescriptor): OpTableEntry {
  return {
    family: op.family,
    functional: op.functional,
    layer: op.layer ?? null,
    layer_aliases: [...(op.layerAliases ?? [])],
    tensors: [...op.tensors],
    optional_tensors: [...(op.optionalTensors ?? [])],
    ...(op.tensorLists && { tensor_lists: [...op.tensorLists] }),
    float_kwargs: op.kwargs.filter((k) => k.kind === 'float').map((k) => k.name),
    differentiable: [...op.differentiable],
    reduction: op.reduction ?? null,
    ...(op.outputs && { outputs: [...op.outputs] }),
    ...(op.since && { since: { ...op.since } }),
    ...(op.torch && { torch: { functional: op.torch.functional, layer: op.torch.layer ?? null, renames: { ...op.torch.renames }, drop: [...(op.torch.drop ?? [])], ...(op.torch.fixed && { fixed: { ...op.torch.fixed } }), ...(op.torch.defaults && { defaults: { ...op.torch.defaults } }), ...(op.torch.logSoftmax && { log_softmax: [...op.torch.logSoftmax] }) } }),
  };
}

