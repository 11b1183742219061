/**
 * Random requests for one op, derived from its descriptor alone: forms,
 * dtypes, shapes, values, keyword arguments, reductions and gradients, with
 * the edges a port gets wrong weighted up (specials, subnormals, signed
 * zeros, one ulp either side of the op's kinks, labels within Paddle's 1e-15
 * of ±1, rejected dtypes and arguments). Every request is shrinkable: fast-check
 * reduces a failing one towards a short, plain request.
 */
import fc from 'fast-check';
import type { AnyRequestJson, AnyResponseJson, KwargJson, RequestJson } from '../case.js';
import { MIN_SUBNORMAL, MAX_SUBNORMAL, nextDown, nextUp, roundTo, type UlpDType } from '../floats.js';
import { labelNameOf, layerNameOf, tensorNamesOf, type KwargSpec, type OpDescriptor } from '../op.js';
import { encodeTensor, fromValues, shapeSize, type WireDType } from '../wire.js';

/** How big the generated tensors may get, and whether to stay inside the page's domain. */
export interface RequestOptions {
  /** The most elements any one tensor may have. */
  maxNumel: number;
  /**
   * Draw only what the documentation page speaks of (page_domain.ts): the
   * op's dtypes, one for every operand; sign labels of ±1; float keywords as
   * numbers; a valid reduction; no legacy keyword. For `fuzz --level spec`,
   * which judges nothing else: without it most requests of an op with a ±1
   * label would hold some other label somewhere and be drawn in vain.
   */
  pageDomain?: boolean;
}

/** Dtypes the loss ops reject (or, for a label, may accept): drawn now and then to test the errors. */
const OTHER_DTYPES: readonly WireDType[] = ['float16', 'bfloat16', 'int32', 'int64', 'bool'];

/** Reductions Paddle refuses (with ValueError) or that a port might accept by mistake. */
const BAD_REDUCTIONS: readonly KwargJson[] = ['MEAN', 'reduce_mean', '', null, 'elementwise_mean'];

/** Lets a shrinking choice fall back to the first (plainest) alternative: an absent argument, a plain value, an equal shape. */
const CROSS = { withCrossShrink: true } as const;

/** A request before its tensors are encoded: everything drawn, nothing shaped yet. */
interface Draft {
  layer: boolean;
  /** Whether each optional tensor (weight, pos_weight) is given; absent ones are None. */
  present: boolean[];
  dtypes: WireDType[];
  shapes: number[][];
  pools: number[][];
  args: Record<string, KwargJson>;
  grad: string[] | undefined;
  gradOutputPool: number[] | undefined;
  /** For a class label: the picks its values cycle through (the pool of `label` is then unused). */
  classPicks: ClassPick[];
}

/** Requests of the op, both forms, of tensors with at most `maxNumel` elements each. */
export function requestArbitrary(op: OpDescriptor, options: RequestOptions): fc.Arbitrary<RequestJson> {
  const page = options.pageDomain ?? false;
  const own = op.fuzz?.requests;
  if (own) return op.fuzz?.undefinedBehaviour ? own(options).filter((r) => !op.fuzz!.undefinedBehaviour!(r)) : own(options);
  const draft = fc.record({
    layer: op.layer === undefined ? fc.constant(false) : fc.boolean(),
    present: fc.tuple(...(op.optionalTensors ?? []).map(() => fc.boolean())),
    dtypes: page ? pageDtypesArbitrary(op) : dtypesArbitrary(op),
    shapes: shapesArbitrary(op, options.maxNumel),
    pools: fc.tuple(...tensorNamesOf(op).map((name) => poolArbitrary(op, name, options.maxNumel, page))),
    args: argsArbitrary(op, page),
    grad: gradArbitrary(op),
    gradOutputPool: rarely(poolArbitrary(op, 'grad_output', options.maxNumel), 2),
    classPicks: op.fuzz?.labelDomain === 'class' ? classPicksArbitrary(options.maxNumel, page) : fc.constant<ClassPick[]>([]),
  });
  const requests = draft.map((d) => buildRequest(op, { ...d, gradOutputPool: d.gradOutputPool ?? undefined, grad: d.grad ?? undefined }));
  const undefinedBehaviour = op.fuzz?.undefinedBehaviour;
  return undefinedBehaviour ? requests.filter((r) => !undefinedBehaviour(r)) : requests;
}

// ---------------------------------------------------------------- building

/**
 * The request a draft describes. grad_output must have the loss's shape,
 * which depends on broadcasting, reduction and each op's own shape rules; so
 * the draft carries only a pool of values, and the shape is the one the
 * op's reference gives the loss of the same request (in process, pure, so
 * the mapping stays deterministic and shrinkable). When the reference raises,
 * the request keeps its grad without a grad_output (ones are then implied).
 */
function buildRequest(op: OpDescriptor, d: Draft): RequestJson {
  const given = (i: number): boolean => i < op.tensors.length || d.present[i - op.tensors.length]!;
  const pool = (name: string, i: number): number[] => (isClassLabel(op, name) ? classValues(op, d, d.shapes[i]!) : d.pools[i]!);
  const inputs = Object.fromEntries(tensorNamesOf(op).flatMap((name, i) => (given(i) ? [[name, tensorOf(d.dtypes[i]!, d.shapes[i]!, pool(name, i))]] : [])));
  const request: RequestJson = { api: d.layer ? layerNameOf(op) : op.functional, inputs, [d.layer ? 'init' : 'kwargs']: d.args };
  // Gradients only of the tensors the request gives: an absent optional tensor (None) has none to ask for.
  const grad = d.grad?.filter((name) => name in inputs);
  if (!grad?.length) return request;
  request.grad = grad;
  if (!d.gradOutputPool) return request;
  const answer: AnyResponseJson = op.reference({ id: 'fuzz-shape', ...request, grad: undefined });
  if (!answer.output) return request;
  if (!Array.isArray(answer.output)) {
    request.grad_output = tensorOf(answer.output.dtype as WireDType, answer.output.shape, d.gradOutputPool);
    return request;
  }
  // Several outputs: the backward goes through a non-empty subset of them (null for the others), chosen by the pool's
  // length so that the draft stays as it is for every op; each tensor has its output's shape.
  const outputs = answer.output;
  const upstreamPool = d.gradOutputPool;
  const through = (upstreamPool.length % (2 ** outputs.length - 1)) + 1;
  const upstream = outputs.map((t, i) => ((through >> i) & 1 ? tensorOf(t.dtype as WireDType, t.shape, upstreamPool) : null));
  return { ...request, grad_output: upstream } as AnyRequestJson as RequestJson;
}

/** A tensor of the dtype and shape whose values cycle through the pool (zeros when it is empty), encoded for the wire. */
function tensorOf(dtype: WireDType, shape: readonly number[], pool: readonly number[]): ReturnType<typeof encodeTensor> {
  const count = shapeSize(shape);
  const values = Array.from({ length: count }, (_, i) => (pool.length ? fitDtype(pool[i % pool.length]!, dtype) : 0));
  return encodeTensor(fromValues(dtype, shape, values));
}

/** A drawn value made representable: integers for integer dtypes (NaN and infinities become 0 and the extremes), 0/1 for bool. */
function fitDtype(v: number, dtype: WireDType): number {
  if (dtype === 'bool') return v !== 0 && !Number.isNaN(v) ? 1 : 0;
  if (dtype === 'int32') return Number.isNaN(v) ? 0 : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(v)));
  // int64 within ±2^20: the reference keeps int64 in float64, exact to 2^53, so squares and sums of a drawn tensor must stay
  // below it (four values of 2^51 summed to 2^53 + 1 are not; int64 arithmetic beyond 2^53 is not what the reference claims).
  if (dtype === 'int64') return Number.isNaN(v) ? 0 : Math.max(-(2 ** 20), Math.min(2 ** 20, Math.trunc(v)));
  return v;
}

// ---------------------------------------------------------------- dtypes

/** One dtype per tensor: mostly all the same documented dtype; sometimes a rejected one, or a label of another dtype. */
function dtypesArbitrary(op: OpDescriptor): fc.Arbitrary<WireDType[]> {
  const documented = fc.constantFrom(...(op.dtypes as WireDType[]));
  const main = fc.oneof(CROSS, { weight: 9, arbitrary: documented }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_DTYPES) });
  const override = rarely(fc.constantFrom(...(op.dtypes as WireDType[]), ...OTHER_DTYPES), 12);
  const label = labelDtypeArbitrary(op);
  return fc.tuple(main, fc.tuple(...tensorNamesOf(op).map(() => override)), label).map(([dtype, others, labelDtype]) =>
    tensorNamesOf(op).map((name, i) => others[i] ?? (name === labelNameOf(op) && labelDtype !== null ? labelDtype : dtype)));
}

/** A label of its own dtypes (class indices): one of them mostly, now and then any other; null when the label shares the inputs' dtype. */
function labelDtypeArbitrary(op: OpDescriptor): fc.Arbitrary<WireDType | null> {
  const own = op.fuzz?.labelDtypes as readonly WireDType[] | undefined;
  if (!own?.length) return fc.constant(null);
  return fc.oneof(CROSS, { weight: 9, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom<WireDType>('float32', 'float64', ...OTHER_DTYPES) });
}

/** One documented dtype for every tensor (the label included: the page's label dtypes differ from op to op), a label of its own dtypes in them. */
function pageDtypesArbitrary(op: OpDescriptor): fc.Arbitrary<WireDType[]> {
  const own = (op.fuzz?.labelDtypes ?? []) as readonly WireDType[];
  const label = own.length ? fc.constantFrom(...own) : fc.constant(null);
  return fc.tuple(fc.constantFrom(...(op.dtypes as WireDType[])), label).map(([dtype, labelDtype]) =>
    tensorNamesOf(op).map((name) => (name === labelNameOf(op) && labelDtype !== null ? labelDtype : dtype)));
}

// ---------------------------------------------------------------- shapes

/** How each tensor's shape relates to the drawn base shape. */
type ShapeRelation = { kind: 'same' } | { kind: 'broadcast'; keep: boolean[]; drop: number } | { kind: 'other'; shape: number[] };

/** One shape per tensor: equal mostly, then broadcastable, then anything (mostly unbroadcastable); the label per the op's hint. */
function shapesArbitrary(op: OpDescriptor, maxNumel: number): fc.Arbitrary<number[][]> {
  const relation: fc.Arbitrary<ShapeRelation> = fc.oneof(CROSS, 
    { weight: 30, arbitrary: fc.constant({ kind: 'same' as const }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('broadcast' as const), keep: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), drop: fc.nat(4) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('other' as const), shape: shapeArbitrary(maxNumel, 4) }) },
  );
  const rows = op.fuzz?.labelShape === 'rows';
  const classes = op.fuzz?.labelDomain === 'class';
  // A class axis needs the input to have it: rank 1 at least, and more for an axis counted from the front (nll_loss's 1).
  const classRank = classes ? classAxisOf(op) + 1 : 0;
  // A label keeping its class axis has the input's shape: the input's rank is that axis's (now and then another, by the relations).
  const keeps = classes && op.fuzz?.classLabelKeepsAxis === true;
  const any = shapeArbitrary(maxNumel, rows ? 2 : keeps ? classRank : Math.max(4, classRank), rows ? 1 : classRank);
  const column = fc.integer({ min: 0, max: maxNumel }).map((n) => [n, 1]);
  const matrix = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 8 })).map(([n, c]) => fitNumel([n, c], maxNumel));
  const mostly = { column, matrix }[op.fuzz?.shape ?? 'none' as never];
  const base = mostly ? fc.oneof(CROSS, { weight: 4, arbitrary: mostly }, { weight: 1, arbitrary: any }) : any;
  // Drawn only for a class label, so the other ops' draws (and their seeds' findings) stay as they were.
  const trailing = classes && op.fuzz?.classLabelTrailingOne === 'sometimes' ? fc.boolean() : fc.constant(false);
  return fc.tuple(base, fc.tuple(...tensorNamesOf(op).map(() => relation)), trailing).map(([base, relations, trailingOne]) =>
    tensorNamesOf(op).map((name, i) => shapeFor(isClassLabel(op, name) ? classLabelShape(op, base, trailingOne) : labelBase(op, name, base), relations[i]!)));
}

/** Whether the tensor holds class indices (the `label` of an op whose descriptor says `class`). */
function isClassLabel(op: OpDescriptor, name: string): boolean {
  return name === labelNameOf(op) && op.fuzz?.labelDomain === 'class';
}

/** The class axis counted from the front for a positive axis, from the back (as -1 - k) for a negative one; its rank need. */
function classAxisOf(op: OpDescriptor): number {
  const axis = op.fuzz?.classAxis ?? -1;
  return axis >= 0 ? axis : -axis - 1;
}

/** The input's shape without its class axis, with a trailing 1 always, sometimes (drawn) or never, as the op's hint says. */
function classLabelShape(op: OpDescriptor, base: number[], trailingOne: boolean): number[] {
  const axis = op.fuzz?.classAxis ?? -1;
  const k = axis >= 0 ? axis : base.length + axis;
  const rest = k >= 0 && k < base.length ? [...base.slice(0, k), ...base.slice(k + 1)] : base;
  if (op.fuzz?.classLabelKeepsAxis) return base;
  const keep = op.fuzz?.classLabelTrailingOne === 'always' || (op.fuzz?.classLabelTrailingOne === 'sometimes' && trailingOne);
  return keep ? [...rest, 1] : rest;
}

/** The base shape a tensor relates to: the inputs' own, or, for a per-row label, the inputs' without the last dimension. */
function labelBase(op: OpDescriptor, name: string, base: number[]): number[] {
  if (name !== labelNameOf(op) || op.fuzz?.labelShape !== 'rows') return base;
  // A single row ([D]) still takes a 1-D label, of one element.
  return base.length > 1 ? base.slice(0, -1) : [1];
}

function shapeFor(base: number[], relation: ShapeRelation): number[] {
  if (relation.kind === 'same') return base;
  if (relation.kind === 'other') return relation.shape;
  // Broadcastable: some dimensions become 1 and leading ones may go.
  return base.map((d, k) => (relation.keep[k] ? d : 1)).slice(Math.min(relation.drop, base.length));
}

/** A shape of rank minRank to maxRank with at most maxNumel elements; a dimension of 0 (an empty tensor) now and then. */
function shapeArbitrary(maxNumel: number, maxRank: number, minRank = 0): fc.Arbitrary<number[]> {
  const dim = fc.oneof(CROSS, { weight: 12, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 7, max: maxNumel }) });
  return fc.array(dim, { minLength: minRank, maxLength: maxRank }).map((dims) => fitNumel(dims, maxNumel));
}

/**
 * The shape with its largest dimensions halved until it holds at most maxNumel
 * elements, counting a 0 as 1: a broadcast of an empty shape turns its zeros
 * into ones, and must fit too.
 */
function fitNumel(dims: number[], maxNumel: number): number[] {
  const out = [...dims];
  while (shapeSize(out.map((d) => Math.max(d, 1))) > maxNumel) {
    const k = out.indexOf(Math.max(...out));
    out[k] = Math.floor(out[k]! / 2);
  }
  return out;
}

// ---------------------------------------------------------------- values

/** A pool of values a tensor cycles through; short pools repeat, so shrinking the pool shrinks every value at once. */
function poolArbitrary(op: OpDescriptor, name: string, maxNumel: number, pageDomain = false): fc.Arbitrary<number[]> {
  const sign = name === labelNameOf(op) && op.fuzz?.labelDomain === 'sign';
  const interval = op.fuzz?.intervals?.[name];
  const value = sign ? (pageDomain ? fc.constantFrom(1, -1) : signLabelValue()) : inputValue(op);
  const pool = (v: fc.Arbitrary<number>) => fc.array(v, { minLength: 1, maxLength: Math.max(1, maxNumel) });
  if (!interval) return pool(value);
  // A whole tensor inside its interval, or (1 in 8) one of any values: one value outside makes most ops raise for all.
  const inside = pool(intervalValue(op, interval));
  return pageDomain ? inside : fc.oneof(CROSS, { weight: 7, arbitrary: inside }, { weight: 1, arbitrary: pool(value) });
}

/** Values in [lo, hi]: evenly spread, within 2^-160 to 1/2 of either end (a probability's log), and the op's kinks inside one ulp either side. */
function intervalValue(op: Pick<OpDescriptor, 'fuzz'>, [lo, hi]: readonly [number, number]): fc.Arbitrary<number> {
  const within = (v: number): boolean => v >= lo && v <= hi;
  const nearEnd = fc.tuple(fc.boolean(), fc.integer({ min: -160, max: -1 }), fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }))
    .map(([top, e, m]) => (top ? hi - (hi - lo) * m * 2 ** e : lo + (hi - lo) * m * 2 ** e));
  return fc.oneof(CROSS,
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((i) => lo + ((hi - lo) * i) / 2 ** 30) },
    { weight: 3, arbitrary: nearEnd },
    { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
    { weight: 2, arbitrary: nearKink([lo, hi, ...(op.fuzz?.values ?? [])]).filter(within) },
  );
}

/** One value of a class label, resolved once the class count C and the ignored class are known. */
type ClassPick =
  /** A valid class: ⌊u·C⌋ for u in [0, 1). */
  | { kind: 'valid'; u: number }
  /** C itself, the first index past the end. */
  | { kind: 'past' }
  /** The class the request's ignore keyword names (its default when not given). */
  | { kind: 'ignored' }
  /** A fixed index: negative, or far out of range. */
  | { kind: 'fixed'; index: number };

/** Class picks: valid ones mostly, the ignored class, and now and then C, a negative index or a huge one (never outside the page's domain at `pageDomain`). */
function classPicksArbitrary(maxNumel: number, pageDomain: boolean): fc.Arbitrary<ClassPick[]> {
  const valid = fc.integer({ min: 0, max: 2 ** 20 - 1 }).map((i): ClassPick => ({ kind: 'valid', u: i / 2 ** 20 }));
  const ignored = fc.constant<ClassPick>({ kind: 'ignored' });
  const invalid = fc.oneof(CROSS, fc.constant<ClassPick>({ kind: 'past' }), fc.constantFrom(-1, -2, -100, 2 ** 20).map((index): ClassPick => ({ kind: 'fixed', index })));
  const pick = pageDomain
    ? fc.oneof(CROSS, { weight: 8, arbitrary: valid }, { weight: 1, arbitrary: ignored })
    : fc.oneof(CROSS, { weight: 12, arbitrary: valid }, { weight: 2, arbitrary: ignored }, { weight: 1, arbitrary: invalid });
  return fc.array(pick, { minLength: 1, maxLength: Math.max(1, maxNumel) });
}

/** The class label's values: its picks resolved against the input's class count and the request's ignored class. */
function classValues(op: OpDescriptor, d: Pick<Draft, 'shapes' | 'args' | 'classPicks'>, labelShape: readonly number[]): number[] {
  const input = d.shapes[0]!;
  const axis = op.fuzz?.classAxis ?? -1;
  const classes = input[axis >= 0 ? axis : input.length + axis] ?? 1;
  const ignored = ignoredClass(op, d.args);
  const resolve = (pick: ClassPick): number => {
    if (pick.kind === 'valid') return Math.floor(pick.u * classes);
    if (pick.kind === 'past') return classes;
    return pick.kind === 'ignored' ? ignored : pick.index;
  };
  return Array.from({ length: shapeSize(labelShape) }, (_, i) => resolve(d.classPicks[i % d.classPicks.length]!));
}

/** The index the op's ignore keyword names in these arguments (its default when absent, or when given as no int). */
function ignoredClass(op: OpDescriptor, args: Record<string, KwargJson>): number {
  const name = op.fuzz?.ignoreIndex;
  const spec = op.kwargs.find((k) => k.name === name);
  const asInt = (v: KwargJson | undefined): number | undefined => (typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'int' in v ? v.int : undefined);
  return asInt(name === undefined ? undefined : args[name]) ?? asInt(spec?.default) ?? op.fuzz?.classTerminator ?? -100;
}

/** Values for an input: uniform, log-uniform, specials, subnormals, signed zeros and the op's kinks one ulp either side. */
function inputValue(op: Pick<OpDescriptor, 'fuzz'>): fc.Arbitrary<number> {
  return fc.oneof(CROSS, 
    { weight: 5, arbitrary: uniform(4) },
    { weight: 1, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
    { weight: 3, arbitrary: logUniform() },
    { weight: 1, arbitrary: op.fuzz?.finite ? fc.constantFrom(0, -0) : fc.constantFrom(NaN, Infinity, -Infinity, 0, -0) },
    { weight: 1, arbitrary: subnormal() },
    { weight: 3, arbitrary: nearKink(op.fuzz?.values ?? [0]) },
  );
}

/**
 * Evenly spread over [-a, a] (fc.double spreads over bit patterns, so nearly
 * all its draws are tiny); shrinks towards 0.
 */
function uniform(a: number): fc.Arbitrary<number> {
  return fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((i) => (a * i) / 2 ** 30);
}

/** ±m·2^e with e spread evenly from -60 to 60 and m in [1, 2): every magnitude equally likely. */
function logUniform(): fc.Arbitrary<number> {
  return fc.tuple(fc.boolean(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true })).map(([neg, e, m]) => (neg ? -1 : 1) * m * 2 ** e);
}

/** Subnormals of both dtypes and the edges of their range. */
function subnormal(): fc.Arbitrary<number> {
  return fc.constantFrom(MIN_SUBNORMAL.float32, MAX_SUBNORMAL.float32, MIN_SUBNORMAL.float64, MAX_SUBNORMAL.float64, -MIN_SUBNORMAL.float32, -MIN_SUBNORMAL.float64);
}

/** A kink of the op, or one ulp (of float32 or float64) either side of it. */
function nearKink(kinks: readonly number[]): fc.Arbitrary<number> {
  return fc.tuple(fc.constantFrom(...kinks), fc.constantFrom<UlpDType>('float32', 'float64'), fc.constantFrom(-1, 0, 1)).map(([k, dtype, step]) => ulpStep(k, dtype, step));
}

/** The value rounded to the dtype and moved `step` ulps (-1, 0 or 1). */
function ulpStep(value: number, dtype: UlpDType, step: number): number {
  const v = roundTo(value, dtype);
  return step > 0 ? nextUp(v, dtype) : step < 0 ? nextDown(v, dtype) : v;
}

/** ±1 labels: ±1 mostly, then float64 ±1 within 1e-15 (1 to 4 ulps; 5 is outside), other values, NaN and infinities. */
function signLabelValue(): fc.Arbitrary<number> {
  const offUlps = fc.tuple(fc.constantFrom(1, -1), fc.integer({ min: -5, max: 5 })).map(([sign, k]) => sign * stepUlps(1, k));
  return fc.oneof(CROSS, 
    { weight: 8, arbitrary: fc.constantFrom(1, -1) },
    { weight: 3, arbitrary: offUlps },
    { weight: 2, arbitrary: fc.constantFrom(0, -0, 2, 0.5, -0.5, -2, NaN, Infinity, -Infinity) },
    { weight: 1, arbitrary: uniform(3) },
  );
}

/** x moved k float64 ulps (negative k: down). */
function stepUlps(x: number, k: number): number {
  let v = x;
  for (let i = 0; i < Math.abs(k); i++) v = k > 0 ? nextUp(v, 'float64') : nextDown(v, 'float64');
  return v;
}

// ---------------------------------------------------------------- keyword arguments

/** The keyword arguments: each absent (Paddle's default) or drawn by its kind; the reduction mostly a valid one. */
function argsArbitrary(op: OpDescriptor, pageDomain = false): fc.Arbitrary<Record<string, KwargJson>> {
  // Inside the page's domain a legacy keyword is never given.
  const specs = pageDomain ? op.kwargs.filter((spec) => !spec.layerOnly) : op.kwargs;
  const entries = specs.map((spec) => rarely(pageDomain ? pageKwargValue(op, spec) : kwargValue(op, spec), spec.name === op.reduction ? 1.25 : absentOdds(spec)).map((v) => [spec.name, v] as const));
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== null).map(([k, v]) => [k, v === NONE ? null : v])));
}

/** How rarely (1 in n) a keyword is given: the seldom useful ones (name, removed arguments) mostly are left out. */
function absentOdds(spec: KwargSpec): number {
  if (spec.kind === 'float') return 1.5;
  return spec.layerOnly ? 30 : 8;
}

/** The value about once in `n` draws, null (absent) otherwise; null is the smaller value, so shrinking drops it. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> {
  return fc.oneof(CROSS, { weight: Math.round(10 * (n - 1)), arbitrary: fc.constant(null) }, { weight: 10, arbitrary });
}

/** Stands for an explicit None: `rarely`'s own null means "absent". */
const NONE = '\u0000None';

function kwargValue(op: OpDescriptor, spec: KwargSpec): fc.Arbitrary<KwargJson> {
  if (spec.name === op.reduction) return reductionValue(op);
  if (spec.kind === 'float') return floatKwarg(op);
  if (spec.kind === 'bool') return fc.constantFrom<KwargJson>(true, false, NONE, { int: 1 }, 'loss');
  if (spec.kind === 'int') return intKwarg();
  return fc.constantFrom<KwargJson>('loss', NONE, true);
}

/** A keyword as the page gives it: a valid reduction, a float as a number, a str. */
function pageKwargValue(op: OpDescriptor, spec: KwargSpec): fc.Arbitrary<KwargJson> {
  if (spec.name === op.reduction) return fc.constantFrom<KwargJson>(...(op.reductions ?? ['none', 'mean', 'sum']));
  if (spec.kind === 'float') return floatNumber(op);
  if (spec.kind === 'bool') return fc.boolean();
  if (spec.kind === 'int') return intNumber();
  return fc.constant<KwargJson>('loss');
}

/** The page's reductions ('none', 'mean' or 'sum') mostly; sometimes a spelling Paddle refuses. */
function reductionValue(op: OpDescriptor): fc.Arbitrary<KwargJson> {
  return fc.oneof(CROSS, { weight: 12, arbitrary: fc.constantFrom<KwargJson>(...(op.reductions ?? ['none', 'mean', 'sum'])) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_REDUCTIONS.map((r) => (r === null ? NONE : r))) });
}

/** A float keyword: plain values, kink neighbours and specials mostly; now and then a str, None, an int or a bool. */
function floatKwarg(op: OpDescriptor): fc.Arbitrary<KwargJson> {
  const number = fc.oneof(CROSS, 
    { weight: 4, arbitrary: uniform(2) },
    { weight: 2, arbitrary: nearKink([...(op.fuzz?.values ?? []), 0, 0.5, 1]) },
    { weight: 1, arbitrary: logUniform() },
    { weight: 1, arbitrary: fc.constantFrom<KwargJson>('NaN', 'Infinity', '-Infinity') },
  );
  const odd = fc.constantFrom<KwargJson>({ str: '0.5' }, NONE, { int: 2 }, true);
  return fc.oneof(CROSS, { weight: 12, arbitrary: number as fc.Arbitrary<KwargJson> }, { weight: 1, arbitrary: odd });
}

/** An int keyword as Python takes it: a small int, an axis from the back, the usual ignore_index. */
function intNumber(): fc.Arbitrary<KwargJson> {
  return fc.oneof(CROSS, fc.integer({ min: -3, max: 3 }), fc.constant(-100)).map((n): KwargJson => ({ int: n }));
}

/** An int keyword: ints mostly; now and then a float, None, a str or a bool. */
function intKwarg(): fc.Arbitrary<KwargJson> {
  const odd = fc.constantFrom<KwargJson>(1.5, NONE, 'loss', true);
  return fc.oneof(CROSS, { weight: 12, arbitrary: intNumber() }, { weight: 1, arbitrary: odd });
}

/** A float keyword as a finite number: plain values, kink neighbours, magnitudes across the range. */
function floatNumber(op: OpDescriptor): fc.Arbitrary<KwargJson> {
  return fc.oneof(CROSS,
    { weight: 4, arbitrary: uniform(2) },
    { weight: 2, arbitrary: nearKink([...(op.fuzz?.values ?? []), 0, 0.5, 1]) },
    { weight: 1, arbitrary: logUniform() },
  );
}

// ---------------------------------------------------------------- gradients

/** Mostly no gradient; otherwise a non-empty subset of the differentiable inputs in Paddle's order. */
function gradArbitrary(op: OpDescriptor): fc.Arbitrary<string[] | null> {
  if (op.differentiable.length === 0) return fc.constant(null);
  const subset = fc.subarray([...op.differentiable], { minLength: 1 });
  return rarely(subset, 2.5);
}
