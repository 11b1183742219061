/**
 * The files of a new op, from its shape: the reference module and its rules
 * (reference/), the descriptor and mutants (conformance/ops/<family>/) and
 * the case plan (scripts/case_plan/<family>/). Each compiles as written; what
 * only a person can write (the transcription of Paddle's source, the page's
 * clauses, the rules each kind of case rests on) fails loudly until written.
 */
import type { KwargSpec } from '../../conformance/op.js';
import { namesOf, type OpShape } from './op_shape.js';

/** The new files, by path from the repository root. */
export function scaffoldFiles(shape: OpShape): Map<string, string> {
  const f = shape.family;
  return new Map([
    [`reference/${f}.ts`, referenceModule(shape)],
    [`reference/${f}_rules.ts`, rulesModule(shape)],
    [`conformance/ops/${f}/descriptor.ts`, descriptorModule(shape)],
    [`conformance/ops/${f}/mutants.ts`, mutantsModule(shape)],
    [`scripts/case_plan/${f}/index.ts`, planIndex(shape)],
    [`scripts/case_plan/${f}/groups.ts`, isStandard(shape) ? standardGroups(shape) : emptyGroups(shape)],
    ...(isStandard(shape) ? [[`scripts/case_plan/${f}/clauses.ts`, clausesModule(shape)] as [string, string]] : []),
  ]);
}

/** Whether the standard plan of an input-label loss fits: tensors (input, label), reduction first, the refused legacy arguments. */
export function isStandard(shape: OpShape): boolean {
  return shape.tensors.join() === 'input,label' && shape.kwargs[0]?.name === 'reduction' && shape.legacy;
}

/** The line the registry's import list gets. */
export function registryImport(shape: OpShape): string {
  return `import { ${namesOf(shape).camel}Op } from './${shape.family}/descriptor.js';`;
}

/** The lines reference/index.ts gets. */
export function referenceExports(shape: OpShape): string {
  const n = namesOf(shape);
  return [
    `export { ${n.camel}, ${n.camel}Grad, ${shape.layerClass ? `${shape.layerClass}, ` : ''}type ${n.pascal}Options, type ${n.pascal}Tensors } from './${shape.family}.js';`,
    `export { ${n.upper}_RULES } from './${shape.family}_rules.js';`,
  ].join('\n');
}

const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const json = (v: unknown): string => (typeof v === 'string' ? quote(v) : JSON.stringify(v));

function referenceModule(shape: OpShape): string {
  const n = namesOf(shape);
  const tensorFields = [...shape.tensors.map((t) => `  ${t}: Tensor;`), ...shape.optionalTensors.map((t) => `  /** Absent is Python's None. */\n  ${t}?: Tensor;`)].join('\n');
  const optionFields = [...shape.kwargs.map((k) => k.name), 'name'].map((k) => `  ${k}?: unknown;`).join('\n');
  const leaves = shape.tensors.map((t) => `${t}: tape.leaf(tensors.${t}, needsGrad)`).join(', ');
  return `/**
 * paddle.nn.functional.${shape.pythonSignature}
 *
 * The documentation page: quote its formula, its arguments and its shapes here.
 *
 * Paddle ${shape.paddle} computes it (python/paddle/nn/functional/loss.py) as
 *
 *     transcribe its source here, one kernel (reference/kernels/) per primitive call
 *
 * and everything beyond the page is then its primitives' rules, or the op's own (${shape.family}_rules.ts).
 */
${errorsImport(shape)}${shape.legacy ? "import { paddleReleaseBefore } from './release.js';\n" : ''}import { Tape, type Var } from './kernels/tape.js';
${shape.reduction ? "import { pythonStr } from './reduction.js';\n" : ''}import { full, type Tensor } from './tensor.js';

/** ${shape.family}'s tensors, by Paddle's parameter names. */
export interface ${n.pascal}Tensors {
${tensorFields}
}

/** ${shape.family}'s keyword arguments; an absent one takes Paddle's default. */
export interface ${n.pascal}Options {
${optionFields}
}

/** ${shape.family}'s forward: the loss as Paddle ${shape.paddle} returns it. */
export function ${n.camel}(tensors: ${n.pascal}Tensors, options: ${n.pascal}Options = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** ${shape.family}'s gradient with respect to each tensor, for upstream \`gradOutput\` (ones of the loss's shape by default). */
export function ${n.camel}Grad(tensors: ${n.pascal}Tensors, options: ${n.pascal}Options = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).map(([name, v]) => [name, grads.get(v.id)!]));
}

${shape.layerClass ? layerClass(shape) : ''}
/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: ${n.pascal}Tensors, options: ${n.pascal}Options, needsGrad: boolean): { loss: Var; leaves: Record<string, Var> } {
${shape.reduction ? `  check${n.pascal}Reduction('reduction' in options ? options.reduction : 'mean');\n` : '  void options;\n'}  const leaves = { ${leaves} };
  // Not transcribed yet: an error, never a value, until Paddle's source is written here over reference/kernels/.
  throw new Error(\`${shape.family} is scaffolded but not transcribed (reference/${shape.family}.ts); \${Object.keys(leaves).length} tensors wait\`);
}
${shape.reduction ? reductionCheck(shape) : ''}`;
}

function layerClass(shape: OpShape): string {
  const n = namesOf(shape);
  const optional = shape.optionalTensors.length ? ` & Partial<Pick<${n.pascal}Tensors, ${shape.optionalTensors.map(quote).join(' | ')}>>` : '';
  return `/** paddle.nn.${shape.layerClass}: the functional form behind a constructor that checks its arguments at once${optional ? ' (and takes the optional tensors)' : ''}. */
export class ${shape.layerClass} {
  private readonly options: ${n.pascal}Options${optional};

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: ${n.pascal}Options${optional} & Record<string, unknown> = {}) {
${shape.legacy ? legacyCheck(shape) : ''}${shape.reduction ? `    check${n.pascal}Reduction('reduction' in options ? options.reduction : 'mean');\n` : ''}    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: ${n.pascal}Tensors): Tensor {
    return ${n.camel}(tensors, this.options);
  }
}
`;
}

function reductionCheck(shape: OpShape): string {
  const n = namesOf(shape);
  return `
/**
 * ${shape.family}'s own check. Rule \`${n.prefix}-reduction-checked-first\`: a reduction other than
 * 'none', 'mean' or 'sum' raises ValueError before any kernel runs (confirm the order and the message against Paddle).
 */
function check${n.pascal}Reduction(reduction: unknown): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(\`The value of 'reduction' in ${shape.layerClass ?? shape.family} should be 'sum', 'mean' or 'none', but received \${pythonStr(reduction)}, which is not allowed.\`);
}
`;
}

function errorsImport(shape: OpShape): string {
  const names = [...(shape.reduction || shape.legacy ? ['PaddleValueError'] : []), ...(shape.legacy ? ['PaddleTypeError'] : [])];
  return names.length ? `import { ${names.join(', ')} } from './errors.js';\n` : '';
}

function legacyCheck(shape: OpShape): string {
  const n = namesOf(shape);
  return `    // Rule \`${n.prefix}-layer-legacy-arguments\`: PyTorch's removed size_average and reduce are refused.
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(\`${shape.layerClass}.__init__() got an unexpected keyword argument '\${legacy}'\`);
      throw new PaddleValueError("[Deprecated] '${shape.layerClass}' no longer supports 'reduce' or 'size_average'.");
    }
`;
}

function rulesModule(shape: OpShape): string {
  const n = namesOf(shape);
  const legacy = shape.legacy
    ? `  '${n.prefix}-layer-legacy-arguments':\n    "${shape.layerClass}(size_average=…) or reduce=… raise ValueError ([Deprecated] '${shape.layerClass}' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",\n`
    : '';
  return `/**
 * The named rules of ${apiPhrase(shape)}: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every ${shape.family} rule, with the one line a failure report prints for it. */
export const ${n.upper}_RULES = {
${shape.reduction ? `  '${n.prefix}-reduction-checked-first':\n    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any dtype or shape check; the layer raises it at construction",\n` : ''}${legacy}  ...kernelRules(),
} as const satisfies Record<string, string>;
`;
}

/** "paddle.nn.functional.<family> and paddle.nn.<Layer>", or the functional form alone. */
function apiPhrase(shape: OpShape): string {
  return `paddle.nn.functional.${shape.family}${shape.layerClass ? ` and paddle.nn.${shape.layerClass}` : ' (functional only)'}`;
}

function signatureLiteral(shape: OpShape): string {
  const n = namesOf(shape);
  const optional = shape.optionalTensors.length ? `optionalTensors: [${shape.optionalTensors.map(quote).join(', ')}]` : '';
  if (isStandard(shape)) {
    const own = shape.kwargs.slice(1);
    const ownLine = own.length ? `\n  ownKwargs: [\n${own.map((k) => `    ${kwargLiteral(k)},`).join('\n')}\n  ],` : '';
    const literal = `lossSignature({\n  family: '${shape.family}',\n  layerClass: '${shape.layerClass}',${ownLine}\n  differentiable: ['input', 'label'],\n  dtypes: ['float32', 'float64'],\n})`;
    return `const SIGNATURE: OpSignature = ${optional ? `{ ...${literal}, ${optional} }` : literal};`;
  }
  const kwargs = [...shape.kwargs, ...(shape.name === false ? [] : [{ name: 'name', kind: 'str', default: null } as KwargSpec])];
  const legacy = shape.legacy ? "\n    { name: 'size_average', kind: 'str', default: null, layerOnly: true },\n    { name: 'reduce', kind: 'str', default: null, layerOnly: true }," : '';
  return `const SIGNATURE: OpSignature = {
  family: '${shape.family}',
  functional: 'paddle.nn.functional.${shape.family}',${shape.layerClass ? `\n  layer: 'paddle.nn.${shape.layerClass}',` : ''}
  tensors: [${shape.tensors.map(quote).join(', ')}],${optional ? `\n  ${optional},` : ''}
  kwargs: [
${kwargs.map((k) => `    ${kwargLiteral(k)},`).join('\n')}${legacy}
  ],
  differentiable: [${shape.tensors.map(quote).join(', ')}],
${shape.reduction ? "  reduction: 'reduction',\n" : ''}  dtypes: ['float32', 'float64'],
};
// ${n.camel}: the page's dtypes and the differentiable tensors are a first guess; take them from the page.`;
}

function kwargLiteral(k: KwargSpec): string {
  return `{ name: '${k.name}', kind: '${k.kind}', default: ${json(k.default)} }`;
}

function descriptorModule(shape: OpShape): string {
  const n = namesOf(shape);
  const optional = shape.optionalTensors.length ? `\n *\n * The optional tensors ${shape.optionalTensors.join(', ')} are keywords: the reference gets them with the others, when given.` : '';
  return `/**
 * paddle.nn.functional.${shape.pythonSignature}${shape.layerClass ? `\n * and paddle.nn.${shape.layerClass}` : ' (functional only)'}: the registry's entry, with names, parameters and dtypes from the documentation page.${optional}
 */
import { ${shape.layerClass ? `${shape.layerClass}, ` : ''}${n.upper}_RULES, ${n.camel}, ${n.camel}Grad, type ${n.pascal}Tensors, type Tensor } from '../../../reference/index.js';
${isStandard(shape) ? "import { lossSignature } from '../../loss_signature.js';\n" : ''}import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { ${n.camel}Mutants } from './mutants.js';

${signatureLiteral(shape)}

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as ${n.pascal}Tensors;
  const output = ${shape.layerClass ? layerCall(shape) : `${n.camel}(tensors, call.args)`};
  if (grad.length === 0) return { output };
  const g = ${n.camel}Grad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: ${n.upper}_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // PyTorch's counterpart, when it has one: torch: { functional: 'torch.nn.functional.…', layer: 'torch.nn.…', drop: ['name'] }.
  // Derive the bound of each kind of result from the transcription's roundings (tolerance.ts); this is the bound of
  // ops whose every element-wise step is one IEEE rounding.
  tolerance: EXACT_WITH_SUMMATION,
  // The values the fuzzer draws near: the loss's kinks and domain edges.
  fuzz: { values: [0, 1, -1] },
};

/** The descriptor of ${shape.family}. */
export const ${n.camel}Op: OpDescriptor = { ...OP, mutants: ${n.camel}Mutants(OP) };
`;
}

/** The descriptor's call of the layer or the functional form; the optional tensors go to the layer's constructor. */
function layerCall(shape: OpShape): string {
  const n = namesOf(shape);
  const optional = shape.optionalTensors.map((t) => `${t}: tensors.${t}`).join(', ');
  return `call.layer ? new ${shape.layerClass}({ ...call.args${optional ? `, ${optional}` : ''} }).forward(tensors) : ${n.camel}(tensors, call.args)`;
}

function mutantsModule(shape: OpShape): string {
  const n = namesOf(shape);
  const items = [
    ...(shape.reduction ? [`reductionCheckedLast(OP, '${n.prefix}-reduction-checked-last', '${n.prefix}-reduction-checked-first')`, `sumAndMeanSwapped(OP, '${n.prefix}-sum-and-mean-swapped')`] : []),
    ...(shape.legacy ? [`layerIgnoresLegacyArguments(OP, '${n.prefix}-layer-ignores-legacy-arguments', '${n.prefix}-layer-legacy-arguments')`] : []),
  ];
  const common = shape.reduction ? "import { reductionCheckedLast, sumAndMeanSwapped } from '../../mutants/common.js';\n" : '';
  const kernel = shape.legacy ? "import { layerIgnoresLegacyArguments } from '../../mutants/kernel_alternatives.js';\n" : '';
  return `/**
 * ${shape.family}'s mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss.
 */
${common}${kernel}import type { OpDescriptor } from '../../op.js';
import type { Variant } from '../../mutants/variant.js';

/** ${shape.family}'s mutants, over its descriptor. */
export function ${n.camel}Mutants(${items.length ? 'OP' : '_OP'}: Omit<OpDescriptor, 'mutants'>): readonly Variant[] {
  return [
${items.length ? items.map((i) => `    ${i},`).join('\n') : "    // The rules' alternatives and the loss's natural bugs, as functions of OP."}
  ];
}
`;
}

function planIndex(shape: OpShape): string {
  return `/**
 * The case plan of ${shape.family} (${apiPhrase(shape)}),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
`;
}

function clausesModule(shape: OpShape): string {
  const roles = ['none', 'mean', 'sum', 'input', 'label', 'reductionDefault', 'outputShape', 'layer', 'functional', 'example'];
  return `/** The clauses of ${shape.family}'s page (Paddle ${shape.paddle}, English page of ${apiPhrase(shape)}), by role. */
import type { StandardClauses } from '../standard_loss.js';

/** The page's clauses that cases rely on, by short name: quote each from the page (the plan refuses an empty one). */
export const CLAUSES: StandardClauses = {
${roles.map((r) => `  ${r}: '',`).join('\n')}
};
`;
}

function standardGroups(shape: OpShape): string {
  const n = namesOf(shape);
  return `/**
 * ${shape.family}'s groups: the standard plan of a regression loss
 * (scripts/case_plan/standard_loss.ts) with this op's page and rules.
 */
import type { Groups } from '../plan.js';
import { standardLossGroups } from '../standard_loss.js';
import { CLAUSES } from './clauses.js';

/** Each group's case builder, by group name; the primitives' rules ('') come from the transcription (the plan refuses an empty one). */
export const GROUPS: Groups = standardLossGroups({
  family: '${shape.family}',
  clauses: CLAUSES,
  example: { shape: [], input: [], label: [] },
  integersDocumented: false,
  rules: {
    badReduction: '${n.prefix}-reduction-checked-first',
    legacyArguments: '${n.prefix}-layer-legacy-arguments',
    broadcasts: '',
    gradNegates: '',
    refused: {},
    integerMean: { rule: '', raises: true },
    integerSum: '',
    emptyMean: '',
    emptySum: '',
    meanGrad: '',
    nan: [],
    zero: [],
  },
});
`;
}

function emptyGroups(shape: OpShape): string {
  return `/**
 * ${shape.family}'s groups: write each group's builder (scripts/case_plan/cosine_embedding_loss/ shows an op with
 * three tensors); the standard plan fits only (input, label, reduction) losses.
 */
import type { Groups } from '../plan.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {};
`;
}
