/**
 * The plan of every registered op, found by convention in
 * scripts/case_plan/<family>/, and the properties every op's plan must have.
 * Nothing here names an op: each test runs over the registry.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OutputJson, PlannedCase } from '../../conformance/case.js';
import { OPS } from '../../conformance/ops/index.js';
import { inputKeysOf, inputParameterOf } from '../../conformance/op.js';
import { gradOutputEntries } from '../../conformance/outputs.js';
import { unreduced } from '../../conformance/mutants/transform.js';
import { decodeTensor, shapeSize, stringifyExact, valuesOf, type TensorJson } from '../../conformance/wire.js';
import { buildPlan, buildPlans, loadOpPlan } from './index.js';

const FAMILIES = OPS.map((op) => op.family);
const plans = new Map(await Promise.all(OPS.map(async (op) => [op.family, await buildPlan(op.family)] as const)));
const groupsOf = new Map(await Promise.all(OPS.map(async (op) => [op.family, Object.keys((await loadOpPlan(op.family)).GROUPS)] as const)));

/** Every tensor of a request, with its JSON path for messages. */
function tensorsOf(c: PlannedCase): Array<[string, TensorJson]> {
  const out = Object.entries(c.request.inputs).map(([name, t]): [string, TensorJson] => [`inputs.${name}`, t]);
  // One upstream gradient, or one entry per output (null where the backward does not go through it).
  if (c.request.grad_output) for (const [path, t] of gradOutputEntries(c.request.grad_output)) if (t !== null) out.push([path, t]);
  return out;
}

describe('case plan: discovery', () => {
  it.each(FAMILIES)('op %s has a plan folder with cases', (family) => {
    expect(plans.get(family)!.length).toBeGreaterThan(0);
  });

  it('fails for a registered op without a plan folder, naming the folder to create', async () => {
    const root = pathToFileURL(`${mkdtempSync(join(tmpdir(), 'case-plan-'))}/`);
    await expect(loadOpPlan(FAMILIES[0]!, root)).rejects.toThrow(`op ${FAMILIES[0]} is registered but has no case plan: create ${join(root.pathname, FAMILIES[0]!, 'index.ts')} exporting GROUPS`);
  });

  it('fails for a plan folder whose index exports no GROUPS, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-plan-'));
    mkdirSync(join(dir, 'some_op'));
    writeFileSync(join(dir, 'some_op', 'index.js'), 'export const groups = {};\n');
    await expect(loadOpPlan('some_op', pathToFileURL(`${dir}/`))).rejects.toThrow(`${join(dir, 'some_op', 'index.js')} must export GROUPS`);
  });

  it('refuses a family that is not registered, and one that is not a folder name', async () => {
    await expect(buildPlan('no_such_op')).rejects.toThrow('no op of family "no_such_op" is registered in conformance/ops/index.ts');
    await expect(loadOpPlan('../golden')).rejects.toThrow(/family name "..\/golden" must be lower-case letters/);
  });

  it.each([
    ['says another group', { group: 'other' }, 'is built by group g but says group other'],
    ['has an id outside <family>/<group>/', { id: 'elsewhere/g/a=1' }, 'so its id must start with'],
    ['calls another API', { api: 'paddle.add' }, 'calls paddle.add, which is none of'],
  ] as Array<[string, { id?: string; group?: string; api?: string }, string]>)('refuses a case that %s', async (_what, change, message) => {
    // A plan folder of the first registered op, in a temporary root, building one bad case.
    const op = OPS[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'case-plan-'));
    mkdirSync(join(dir, op.family));
    const bad = {
      id: change.id ?? `${op.family}/g/a=1`, group: change.group ?? 'g', level: 'spec', spec_clause: 'x', tags: [], description: 'd',
      request: { api: change.api ?? op.functional, inputs: {} },
    };
    writeFileSync(join(dir, op.family, 'index.js'), `export const GROUPS = { g: () => [${JSON.stringify(bad)}] };\n`);
    await expect(buildPlan(op.family, pathToFileURL(`${dir}/`))).rejects.toThrow(message);
  });

  it.each(FAMILIES)('names op %s nowhere in the generic plan and golden modules, only in its own folder', (family) => {
    const scripts = join(import.meta.dirname, '..');
    // oracle.ts and its test start the Python oracle and test it on literal requests; they are not part of the per-op layout.
    const generic = [
      ...readdirSync(join(scripts, 'case_plan')).filter((f) => f.endsWith('.ts')).map((f) => join(scripts, 'case_plan', f)),
      ...readdirSync(join(scripts, 'golden')).filter((f) => f.endsWith('.ts') && !f.startsWith('oracle.')).map((f) => join(scripts, 'golden', f)),
      join(scripts, 'prng.ts'),
    ];
    expect(generic.filter((path) => readFileSync(path, 'utf8').includes(family))).toEqual([]);
  });

  it('builds all plans as one list sorted by id, each op with its own cases', async () => {
    const all = await buildPlans();
    expect(all.map((c) => c.id)).toEqual([...plans.values()].flat().map((c) => c.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe.each(FAMILIES)('case plan of %s: ids', (family) => {
  const plan = plans.get(family)!;

  it('has ids of the form <family>/<group>/<key=value,...> naming the case group', () => {
    const pattern = /^([a-z0-9_]+)\/([a-z0-9_]+)\/[a-z][a-z0-9_]*=[^,=/\s]+(,[a-z][a-z0-9_]*=[^,=/\s]+)*$/;
    const bad = plan.filter((c) => {
      const m = pattern.exec(c.id);
      return m?.[1] !== family || m[2] !== c.group;
    });
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('has unique ids, sorted in code-unit order', () => {
    const ids = plan.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('builds byte-identically twice', async () => {
    expect(stringifyExact(await buildPlan(family))).toBe(stringifyExact(plan));
  });

  it('has cases in every group and no group outside GROUPS', () => {
    expect([...new Set(plan.map((c) => c.group))].sort()).toEqual([...groupsOf.get(family)!].sort());
  });
});

describe.each(FAMILIES)('case plan of %s: requests', (family) => {
  const plan = plans.get(family)!;
  const op = OPS.find((o) => o.family === family)!;

  it("sends the op's tensors by name, in Paddle's order", () => {
    // The required tensors, then the optional ones a case gives (weight, pos_weight), in the signature's order.
    const bad = plan.filter((c) => Object.keys(c.request.inputs).join() !== [...new Set([...op.tensors, ...inputKeysOf(op, c.request.inputs)])].join());
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('asks only for gradients of differentiable inputs', () => {
    const bad = plan.filter((c) => (c.request.grad ?? []).some((name) => !op.differentiable.includes(inputParameterOf(name))));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('has tensors that decodeTensor accepts', () => {
    const failures: string[] = [];
    for (const c of plan) {
      for (const [path, t] of tensorsOf(c)) {
        try {
          decodeTensor(t, `${c.id}:${path}`);
        } catch (e) {
          failures.push(String(e));
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe.each(FAMILIES)('case plan of %s: levels', (family) => {
  const plan = plans.get(family)!;
  const rules = Object.keys(OPS.find((o) => o.family === family)!.rules);

  it('has spec cases that quote a clause and name no rules', () => {
    expect(plan.filter((c) => c.level === 'spec' && (c.rules !== undefined || !c.spec_clause)).map((c) => c.id)).toEqual([]);
  });

  it("has paddle cases that name at least one of the op's rules (fuzz regressions, found by search, name none), and quote no clause", () => {
    const ruled = (c: (typeof plan)[number]): boolean => (c.group === 'regressions' ? !c.rules?.length : Boolean(c.rules?.length) && c.rules!.every((r) => rules.includes(r)));
    const bad = plan.filter((c) => c.level === 'paddle' && (c.spec_clause !== undefined || !ruled(c)));
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it("cites every rule of the op's descriptor, so each has a golden", () => {
    const cited = new Set(plan.flatMap((c) => c.rules ?? []));
    expect(rules.filter((r) => !cited.has(r)).sort()).toEqual([]);
  });

  it('gives every case a one-line description and sorted, unique tags', () => {
    const bad = plan.filter((c) => !c.description || c.description.includes('\n') || c.tags.join() !== [...new Set(c.tags)].sort().join());
    expect(bad.map((c) => c.id)).toEqual([]);
  });
});

/** The number of loss elements a case's call gives before its reduction (the reference's answer with reduction 'none'); undefined when it raises. */
function lossCount(family: string, c: PlannedCase): number | undefined {
  const op = OPS.find((o) => o.family === family)!;
  const out: OutputJson | null | undefined = unreduced(op, { id: c.id, ...c.request }).output;
  // Several outputs: the loss is the first.
  const loss = Array.isArray(out) ? out[0] : out;
  return loss ? shapeSize(loss.shape) : undefined;
}

/** The reduction a case asks for, its default when left out. */
function reductionOf(family: string, c: PlannedCase): unknown {
  const op = OPS.find((o) => o.family === family)!;
  const args = c.request.kwargs ?? c.request.init ?? {};
  if (op.reduction === undefined) return 'none';
  return op.reduction in args ? args[op.reduction] : op.kwargs.find((k) => k.name === op.reduction)?.default;
}

describe.each(FAMILIES)('case plan of %s: what the page fixes of gradients and of large results', (family) => {
  const plan = plans.get(family)!;

  // The page's 'mean' fixes the gradient g / N only where it is exact, so that
  // dividing once and multiplying by round(1/N) agree: a port that never
  // divides by N must then fail a spec case (mutants/spec_kills.test.ts).
  // An op that never reduces has no mean: nothing to fix.
  it.skipIf(OPS.find((o) => o.family === family)!.reduction === undefined).each([1, 2, 4])("has a spec case of reduction 'mean' with a gradient over %i loss element(s), the upstream g with g / N exact", (n) => {
    const found = plan.filter((c) => {
      if (c.level !== 'spec' || !c.request.grad?.length || reductionOf(family, c) !== 'mean' || lossCount(family, c) !== n) return false;
      const g = c.request.grad_output ? valuesOf(decodeTensor(c.request.grad_output))[0]! : 1;
      return Number.isFinite(g) && (g / n) * n === g && Math.abs(g / n) >= 2 ** -126;
    });
    expect(found.map((c) => c.id)).not.toEqual([]);
  });

  // A sum's bound (2γ_{n+1}·S) can hide a few lost losses among thousands;
  // element-wise results cannot, so every op has a large 'none' case whose
  // size leaves a remainder after blocks of 256.
  // An op without a reduction keyword whose result is always reduced (a 0-D mean) counts its element-wise gradient
  // instead; one whose every call raises on Paddle's CPU has no result to count.
  it.skipIf(plan.every((c) => lossCount(family, c) === undefined))("has a case of over 1000 loss elements, not a multiple of 256, with reduction 'none' and a gradient", () => {
    const op = OPS.find((o) => o.family === family)!;
    const found = plan.filter((c) => {
      const gradCount = op.reduction === undefined ? shapeSize(decodeTensor(c.request.inputs[op.differentiable[0]!]!).shape) : 0;
      const n = c.request.grad?.length && reductionOf(family, c) === 'none' ? Math.max(lossCount(family, c) ?? 0, gradCount) : undefined;
      return n !== undefined && n > 1000 && n % 256 !== 0;
    });
    expect(found.map((c) => c.id)).not.toEqual([]);
  });
});
