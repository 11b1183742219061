/**
 * The standard plan of an element-wise regression loss over input and label
 * with a reduction (the absolute or squared error and their kin): one golden file per group, built
 * from the op's hints — its page's example, which dtypes its page lists, and
 * which of its rules each kind of case rests on. The page's example and both
 * forms, every reduction (and bad ones), the dtypes (the page's and those
 * Paddle's kernels refuse), shapes (0-D, empty, 3-D, broadcast), gradients
 * (upstream, and at the kink), NaN, infinities and signed zeros, a large case,
 * Paddle's unit-test scenario and the layer's refused legacy arguments.
 */
import type { KwargJson, PlannedCase, RequestJson } from '../../conformance/case.js';
import type { TensorJson, WireDType } from '../../conformance/wire.js';
import { Prng } from '../prng.js';
import type { Groups } from './plan.js';
import { ParamSet, type ParamValue } from './params.js';
import { CLAUSE_SEPARATOR } from './clauses.js';
import { DEFAULT, opRequest, plannedCase as genericCase } from './planned_case.js';
import { tensor } from './tensor.js';
import { integerInputs, mixedInputs, upstreamValues } from './values.js';

/** The page's clauses a standard loss plan quotes, by role. */
export interface StandardClauses {
  example: string; functional: string; layer: string; input: string; label: string;
  none: string; mean: string; sum: string; reductionDefault: string; outputShape: string;
}

/** What the standard plan needs to know of an op beyond its descriptor: its page and which rule each kind of case rests on. */
export interface StandardLossHints {
  family: string;
  clauses: StandardClauses;
  /** The page's example: float32 input and label of one shape. */
  example: { shape: number[]; input: number[]; label: number[] };
  /** Whether the page lists int32 and int64; when not, the rule under which integer operands compute. */
  integersDocumented: boolean;
  integersRule?: string;
  /** Tensors after input and label (a variance, say), made for each case from its input. */
  moreTensors?: (input: TensorJson) => Record<string, TensorJson>;
  /** The first tensor's parameter name ('input' by default; 'logit' for the logit losses). */
  inputName?: string;
  /** The tensors that have a gradient (both by default; a loss whose label gets none lists input alone). */
  grad?: readonly string[];
  /** Whether the random operands' labels are kept positive (a probability label: what a label ≤ 0 gives is a rule's, not the page's). */
  positiveLabels?: boolean;
  /** Whether the random operands' inputs avoid 0 (where a gradient at 0 is a rule's, not the page's): 0 becomes 0.125. */
  nonzeroInputs?: boolean;
  /** Whether input and label are probabilities in [0, 1] (a loss whose kernel refuses any other input), so the random and exact operands are drawn there. */
  probabilities?: boolean;
  /** Whether a bad reduction raises ValueError (the default) or is not checked at all. */
  badReductionRaises?: boolean;
  rules: {
    badReduction: string;
    legacyArguments: string;
    broadcasts: string;
    gradNegates: string;
    /** The rule under which each refused dtype raises, by dtype. */
    refused: Readonly<Record<string, string>>;
    /** An integer loss's mean: the rule it rests on, and whether it raises. */
    integerMean: { rule: string; raises: boolean };
    integerSum: string;
    emptyMean: string;
    emptySum: string;
    meanGrad: string;
    /** Rules every empty case rests on besides the reduction's (a check that reduces an empty operand, say). */
    empty?: string[];
    /** Rules of NaN, infinite and zero operands, through the loss and both gradients. */
    nan: string[];
    zero: string[];
  };
}

type Clause = keyof StandardClauses;

/** Builds the standard groups of an op. */
export function standardLossGroups(h: StandardLossHints): Groups {
  const plannedCase = (spec: { group: string; params: Record<string, ParamValue>; request: RequestJson; description: string; clauses?: Clause[]; rules?: string[]; tags?: string[] }): PlannedCase => {
    const { clauses, ...rest } = spec;
    requireWritten(h, clauses ?? [], spec.rules ?? []);
    return genericCase({ ...rest, family: h.family, ...(clauses?.length ? { clause: clauses.map((c) => h.clauses[c]).join(CLAUSE_SEPARATOR) } : {}) });
  };
  const request = (call: { input: TensorJson; label: TensorJson; form?: 'functional' | 'layer'; reduction?: KwargJson | typeof DEFAULT; extra?: Record<string, KwargJson>; grad?: boolean; gradOutput?: TensorJson }): RequestJson =>
    opRequest(h.family, {
      form: call.form,
      tensors: { [h.inputName ?? 'input']: call.input, label: call.label, ...h.moreTensors?.(call.input) },
      args: { ...call.extra, ...(call.reduction !== undefined && { reduction: call.reduction }) },
      grad: call.grad ? [...(h.grad ?? ['input', 'label'])] : undefined,
      gradOutput: call.gradOutput,
    });
  const reductionClauses = (reduction: ParamValue): Clause[] => (reduction === DEFAULT ? ['reductionDefault', 'mean', 'outputShape'] : [reduction as 'none' | 'mean' | 'sum', 'outputShape']);
  
const REDUCTIONS = ['none', 'mean', 'sum'] as const;
const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Random operands of a float dtype whose differences are never 0 (the kink), from a seed. */
function operands(seed: string, dtype: WireDType, shape: readonly number[]): { input: ReturnType<typeof tensor>; label: ReturnType<typeof tensor> } {
  const rng = new Prng(seed);
  const n = size(shape);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  if (h.probabilities) return { input: tensor(dtype, shape, Array.from({ length: n }, () => round(rng.uniform(0, 1)))), label: tensor(dtype, shape, Array.from({ length: n }, () => round(rng.uniform(0, 1)))) };
  const x = mixedInputs(rng, n, dtype).map((v) => (h.nonzeroInputs && v === 0 ? 0.125 : v));
  const y = x.map((v, i) => round(i % 3 === 0 ? v + 0.75 : rng.uniform(-2, 3)));
  const label = y.map((v, i) => (v === x[i] ? round(v + 0.5) : v)).map((v) => (h.positiveLabels ? round(Math.abs(v) + 0.125) : v));
  return { input: tensor(dtype, shape, x), label: tensor(dtype, shape, label) };
}

/** The page's example through both forms and every reduction. */
function docExampleCases(): PlannedCase[] {
  if (h.example.input.length === 0) throw new Error(`scripts/case_plan/${h.family}/groups.ts: give the page's example (its shape, input and label)`);
  const input = tensor('float32', h.example.shape, h.example.input.map(Math.fround));
  const label = tensor('float32', h.example.shape, h.example.label.map(Math.fround));
  const rows = ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) => plannedCase({
    group: 'doc_example', params: p,
    request: request({ input, label, form: p.form, reduction: p.reduction }),
    description: `the page's example through the ${p.form} form, reduction ${p.reduction}`,
    clauses: ['example', p.form, ...reductionClauses(p.reduction)], tags: ['doc'],
  }));
}

/** Every reduction over both float dtypes and a few shapes; then what the page does not list. */
function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '3' }, { shape: '2x3' }, { shape: '1x7' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  const valid = [...rows].map((p) => plannedCase({
    group: 'reductions', params: p,
    request: request({ ...operands(`reductions/${p.shape},${p.dtype},${p.reduction}`, p.dtype, dims(p.shape)), reduction: p.reduction }),
    description: `${p.dtype} [${p.shape}], reduction '${p.reduction}'`,
    clauses: ['input', 'label', ...reductionClauses(p.reduction)],
  }));
  const bad = ParamSet.of({ reduction: 'MEAN' as string | null }, { reduction: 'avg' }, { reduction: '' }, { reduction: null }).combine('form', ['functional', 'layer'] as const);
  return [...valid, ...[...bad].map((p) => plannedCase({
    group: 'reductions', params: p,
    request: request({ ...operands('reductions/bad', 'float32', [3]), form: p.form, reduction: p.reduction }),
    description: `reduction ${JSON.stringify(p.reduction)} through the ${p.form} form: ${h.badReductionRaises === false ? 'not checked' : 'ValueError'}`,
    rules: [h.rules.badReduction], tags: ['error'],
  }))];
}

/** The integer dtypes under every reduction, and the dtypes the kernels refuse. */
function dtypeCases(): PlannedCase[] {
  const ints = ParamSet.of({ dtype: 'int32' as string }, { dtype: 'int64' }).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  const intCases = [...ints].map((p) => {
    const rng = new Prng(`dtypes/${p.dtype},${p.reduction}`);
    const mean = p.reduction === 'mean' || p.reduction === DEFAULT;
    const req = request({ input: tensor(p.dtype as WireDType, [2, 3], integerInputs(rng, 6)), label: tensor(p.dtype as WireDType, [2, 3], integerInputs(rng, 6)), reduction: p.reduction });
    const description = `${p.dtype} operands, reduction ${p.reduction}`;
    if (mean) return plannedCase({ group: 'dtypes', params: p, request: req, description: `${description}: ${h.rules.integerMean.raises ? 'raises' : 'an integer mean'}`, rules: [h.rules.integerMean.rule, ...(h.integersRule ? [h.integersRule] : [])], ...(h.rules.integerMean.raises && { tags: ['error'] }) });
    if (p.reduction === 'sum' && p.dtype === 'int32') return plannedCase({ group: 'dtypes', params: p, request: req, description: `${description}: an int64 sum`, rules: [h.rules.integerSum] });
    if (!h.integersDocumented) return plannedCase({ group: 'dtypes', params: p, request: req, description: `${description} (not on the page)`, rules: [h.integersRule!, ...(p.reduction === 'sum' ? [h.rules.integerSum] : [])] });
    return plannedCase({ group: 'dtypes', params: p, request: req, description, clauses: ['input', 'label', ...reductionClauses(p.reduction)] });
  });
  const refused = ParamSet.of(...Object.keys(h.rules.refused).map((dtype) => ({ dtype }))).combine('reduction', REDUCTIONS);
  const refusedCases = [...refused].map((p) => plannedCase({
    group: 'dtypes', params: p,
    request: request({ input: tensor(p.dtype as WireDType, [3], [1, 0, 1]), label: tensor(p.dtype as WireDType, [3], [0, 0, 1]), reduction: p.reduction }),
    description: `${p.dtype} operands (not on the page): RuntimeError (NotFound)`,
    rules: [h.rules.refused[p.dtype]!], tags: ['error'],
  }));
  return [...intCases, ...refusedCases];
}

/** 0-D, empty and 3-D operands, and labels that broadcast. */
function shapeCases(): PlannedCase[] {
  const same = ParamSet.of({ shape: 'scalar' }, { shape: '0' }, { shape: '2x0x3' }, { shape: '2x3x4' }).combine('reduction', REDUCTIONS);
  const sameCases = [...same].map((p) => {
    const shape = dims(p.shape);
    const empty = size(shape) === 0 && (p.reduction !== 'none' || (h.rules.empty?.length ?? 0) > 0);
    const req = request({ ...operands(`shapes/${p.shape},${p.reduction}`, 'float32', shape), reduction: p.reduction });
    const description = `float32 operands of shape [${shape.join(', ')}], reduction '${p.reduction}'`;
    if (!empty) return plannedCase({ group: 'shapes', params: p, request: req, description, clauses: ['input', 'label', ...reductionClauses(p.reduction)] });
    const reduced = p.reduction === 'none' ? [] : [p.reduction === 'mean' ? h.rules.emptyMean : h.rules.emptySum];
    return plannedCase({ group: 'shapes', params: p, request: req, description: `${description}: ${p.reduction === 'mean' ? 'NaN' : p.reduction === 'sum' ? '+0' : 'empty'}`, rules: [...reduced, ...(h.rules.empty ?? [])] });
  });
  const values = (rng: Prng, n: number): number[] => (h.probabilities ? Array.from({ length: n }, () => Math.fround(rng.uniform(0, 1))) : mixedInputs(rng, n, 'float32'));
  const broadcast = ParamSet.of({ input: '2x3', label: '3' }, { input: '2x3', label: '2x1' }, { input: '3', label: '2x3' }, { input: '2x3', label: 'scalar' }).combine('reduction', REDUCTIONS);
  const broadcastCases = [...broadcast].map((p) => {
    const rng = new Prng(`shapes/broadcast/${p.input},${p.label},${p.reduction}`);
    const [xs, ys] = [dims(p.input), dims(p.label)];
    return plannedCase({
      group: 'shapes', params: p,
      request: request({ input: tensor('float32', xs, values(rng, size(xs))), label: tensor('float32', ys, values(rng, size(ys))), reduction: p.reduction, grad: true }),
      description: `input [${xs.join(', ')}] against label [${ys.join(', ')}], reduction '${p.reduction}', with both gradients: the label broadcasts`,
      rules: [h.rules.broadcasts, h.rules.gradNegates], tags: ['broadcast'],
    });
  });
  const mismatch = plannedCase({
    group: 'shapes', params: { input: '2x3', label: '3x2' },
    request: request({ ...operands('shapes/mismatch', 'float32', [2, 3]), label: tensor('float32', [3, 2], [1, 2, 3, 4, 5, 6]) }),
    description: 'shapes that cannot broadcast: ValueError', rules: [h.rules.broadcasts], tags: ['error'],
  });
  return [...sameCases, ...broadcastCases, mismatch];
}

/** Both gradients under every reduction, with and without an upstream gradient, and at the kink. */
function gradientCases(): PlannedCase[] {
  const rows = ParamSet.control({ dtype: 'float32' as 'float32' | 'float64' }).vary('dtype', ['float64']).combine('reduction', REDUCTIONS).combine('upstream', [false, true]);
  const cases = [...rows].map((p) => {
    const shape = p.reduction === 'none' ? [2, 3] : [];
    const rng = new Prng(`gradients/${p.dtype},${p.reduction},${p.upstream}`);
    // For mean, an upstream g where g / 6 and g · (1 / 6) round apart (float32 7/997, float64 19/997): the order of the division shows.
    const meanUpstream = p.dtype === 'float32' ? Math.fround(7 / 997) : 19 / 997;
    const gradOutput = p.upstream ? tensor(p.dtype, shape, p.reduction === 'none' ? upstreamValues(rng, 6) : [meanUpstream]) : undefined;
    const req = request({ ...operands(`gradients/${p.dtype},${p.reduction}`, p.dtype, [2, 3]), reduction: p.reduction, grad: true, ...(gradOutput && { gradOutput }) });
    const description = `both gradients, ${p.dtype} [2, 3], reduction '${p.reduction}'${p.upstream ? ', with an upstream gradient' : ''}`;
    if (p.reduction === 'mean') return plannedCase({ group: 'gradients', params: p, request: req, description, rules: [h.rules.meanGrad], tags: ['grad'] });
    return plannedCase({ group: 'gradients', params: p, request: req, description, clauses: ['input', 'label', ...reductionClauses(p.reduction)], tags: ['grad'] });
  });
  const kink = ParamSet.of({ at: 'equal', upstream: 'ones' }, { at: 'equal', upstream: 'negative_zero' });
  return [...cases, ...meanExactCases(), ...[...kink].map((p) => plannedCase({
    group: 'gradients', params: p,
    request: request({
      input: tensor('float32', [4], [0, 1, -0, 2]), label: tensor('float32', [4], [0, 1, 0, 3]), reduction: 'none', grad: true,
      ...(p.upstream === 'negative_zero' && { gradOutput: tensor('float32', [4], [-0, -0, -0, -0]) }),
    }),
    description: `gradients where input = label (and one place where not), upstream ${p.upstream}`,
    rules: [...h.rules.zero, h.rules.gradNegates], tags: ['grad'],
  }))];
}

/**
 * mean over N = 1, 2 and 4 elements with upstream 1 or 3: g / N is exact, so
 * g / N and g · round(1/N) agree and the page's mean fixes both gradients.
 * Every value is a multiple of 1/4, so each residual and every product is
 * exact; the residuals 2.5, -0.25, 0.5 and -3 are apart from 0 and from ±1
 * (the kinks of the absolute error and of the Huber loss with delta 1).
 * A port that never divides by N fails N = 2 and 4.
 */
function meanExactCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const).combine('dtype', ['float32', 'float64'] as const);
  const [x, y] = h.probabilities ? [[0.5, 0.25, 0.75, 0.125], [1, 0, 0.5, 0.25]] : [[2, -0.5, 0.75, -1], [-0.5, -0.25, 0.25, 2].map((v) => (h.positiveLabels ? Math.abs(v) : v))];
  return [...rows].map((p) => plannedCase({
    group: 'gradients', params: { at: 'mean_exact', ...p },
    request: request({
      input: tensor(p.dtype, [p.n], x.slice(0, p.n)), label: tensor(p.dtype, [p.n], y.slice(0, p.n)), reduction: 'mean', grad: true,
      ...(p.upstream === 'given' && { gradOutput: tensor(p.dtype, [], [3]) }),
    }),
    description: `both gradients, ${p.dtype}, mean over ${p.n} element(s) with upstream ${p.upstream === 'ones' ? '1' : '3'} (g / ${p.n} exact), residuals apart from the kinks`,
    clauses: ['input', 'label', ...reductionClauses('mean')], tags: ['grad'],
  }));
}

/** NaN of both signs, infinities and signed zeros, through the loss and both gradients. */
function specialValueCases(): PlannedCase[] {
  // float32 bits: a NaN's sign is part of the probe, and a JavaScript array may not keep it.
  const [NAN, NEG_NAN, INF, NEG_INF, ZERO, NEG_ZERO] = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0, 0x80000000];
  const [ONE, TWO, THREE, FOUR, FIVE] = [0x3f800000, 0x40000000, 0x40400000, 0x40800000, 0x40a00000];
  const probes: Record<string, [number[], number[]]> = {
    nan_input: [[NAN, NEG_NAN, ONE, TWO], [ONE, ONE, TWO, THREE]],
    nan_label: [[ONE, TWO, THREE, FOUR], [NAN, NEG_NAN, ONE, FIVE]],
    nan_both: [[NAN, NEG_NAN, NAN, NEG_NAN], [NEG_NAN, NAN, NAN, NEG_NAN]],
    infinities: [[INF, NEG_INF, INF, ONE], [INF, ONE, NEG_INF, NEG_INF]],
    signed_zeros: [[ZERO, NEG_ZERO, ZERO, NEG_ZERO], [ZERO, ZERO, NEG_ZERO, NEG_ZERO]],
  };
  const f32 = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);
  const rows = ParamSet.of(...Object.keys(probes).map((probe) => ({ probe }))).combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const [x, y] = probes[p.probe]!;
    const nan = p.probe.startsWith('nan') || p.probe === 'infinities';
    return plannedCase({
      group: 'special_values', params: p,
      request: request({ input: tensor('float32', [4], f32(x)), label: tensor('float32', [4], f32(y)), reduction: p.reduction, grad: true }),
      description: `${p.probe.replace('_', ' ')}: input bits [${x.map((b) => `0x${b.toString(16)}`).join(', ')}], label bits [${y.map((b) => `0x${b.toString(16)}`).join(', ')}], reduction '${p.reduction}', both gradients`,
      rules: nan ? [...h.rules.nan, h.rules.gradNegates] : [...h.rules.zero, h.rules.gradNegates],
      tags: nan ? ['nan'] : ['zero'],
    });
  });
}

/**
 * 2e4 float32 elements: Eigen's summation order shows; a port's other order
 * must stay within the summation bound. Then 1500 elements (1500 = 5·256 +
 * 220) with reduction 'none' and both gradients, every element exact, so a
 * port that loses the last elements of a block shows, as no sum's bound could show it.
 */
function largeCases(): PlannedCase[] {
  const reduced = REDUCTIONS.filter((r) => r !== 'none').map((reduction) => plannedCase({
    group: 'large', params: { n: 20000, dtype: 'float32', reduction },
    request: request({ ...operands(`large/${reduction}`, 'float32', [20000]), reduction, grad: true }),
    description: `2e4 float32 elements, reduction '${reduction}', both gradients`,
    ...(reduction === 'mean' ? { rules: [h.rules.meanGrad] } : { clauses: ['input' as const, 'label' as const, ...reductionClauses(reduction)] }),
    tags: ['large', 'grad'],
  }));
  return [...reduced, plannedCase({
    group: 'large', params: { n: 1500, dtype: 'float32', reduction: 'none' },
    request: request({ ...operands('large/none', 'float32', [1500]), reduction: 'none', grad: true }),
    description: "1500 float32 elements, reduction 'none', both gradients: every element on its own",
    clauses: ['input', 'label', ...reductionClauses('none')],
    tags: ['large', 'grad'],
  })];
}

/** Paddle's own tests' scenario (test/legacy_test/test_<op>.py): float32 [10, 10, 5] in [0, 1), every reduction and both forms. */
function paddleUnittestCases(): PlannedCase[] {
  const rows = ParamSet.of({ form: 'functional' as 'functional' | 'layer' }, { form: 'layer' as const }).combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const rng = new Prng(`paddle_unittest/${p.form},${p.reduction}`);
    const values = (): number[] => Array.from({ length: 500 }, () => Math.fround(rng.uniform(0, 1)));
    return plannedCase({
      group: 'paddle_unittest', params: p,
      request: request({ input: tensor('float32', [10, 10, 5], values()), label: tensor('float32', [10, 10, 5], values()), form: p.form, reduction: p.reduction }),
      description: `Paddle's unit-test scenario through the ${p.form} form, reduction '${p.reduction}'`,
      clauses: [p.form, 'input', 'label', ...reductionClauses(p.reduction)],
    });
  });
}

/** The layer's constructor refuses PyTorch's removed size_average and reduce. */
function legacyArgumentCases(): PlannedCase[] {
  const rows = ParamSet.of({ argument: 'size_average' }, { argument: 'reduce' }).combine('value', [true, false]);
  return [...rows].map((p) => plannedCase({
    group: 'forms', params: p,
    request: request({ ...operands('forms/legacy', 'float32', [3]), form: 'layer', extra: { [p.argument]: p.value } }),
    description: `the layer with ${p.argument}=${p.value ? 'True' : 'False'}: refused`,
    rules: [h.rules.legacyArguments], tags: ['error'],
  }));
}

/** A bad reduction and a dtype no kernel has, at once: the reduction is reported. */
function errorCases(): PlannedCase[] {
  return [plannedCase({
    group: 'errors', params: { faults: 'reduction+float16' },
    request: request({ input: tensor('float16', [2], [1, 2]), label: tensor('float16', [2], [0, 0]), reduction: 'MEAN' }),
    description: "reduction 'MEAN' with float16 operands: which of the two errors is raised",
    rules: [h.rules.badReduction, h.rules.refused.float16!], tags: ['error'],
  })];
}

  return {
    doc_example: docExampleCases,
    dtypes: dtypeCases,
    errors: errorCases,
    forms: legacyArgumentCases,
    gradients: gradientCases,
    large: largeCases,
    paddle_unittest: paddleUnittestCases,
    reductions: reductionCases,
    shapes: shapeCases,
    special_values: specialValueCases,
  };
}

/** Refuses a case that would quote an empty clause or cite an empty rule: a scaffold's blanks (npm run new-op), not yet written. */
function requireWritten(h: StandardLossHints, clauses: readonly Clause[], rules: readonly string[]): void {
  const blank = clauses.find((c) => h.clauses[c].trim() === '');
  if (blank) throw new Error(`scripts/case_plan/${h.family}/clauses.ts: quote the page's '${blank}' clause`);
  if (rules.some((r) => r === '')) throw new Error(`scripts/case_plan/${h.family}/groups.ts: name the rule each kind of case rests on (a rule is '')`);
}
