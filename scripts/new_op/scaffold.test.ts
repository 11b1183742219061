import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScaffoldError, opShape, type Introspection } from './op_shape.js';
import { registered, writeScaffold } from './scaffold.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// introspect.py's report for Paddle 3.3.1's poisson_nll_loss, as it printed it.
const POISSON: Introspection = {
  paddle: '3.3.1',
  functional: [
    { name: 'input', annotation: 'Tensor' }, { name: 'label', annotation: 'Tensor' },
    { name: 'log_input', annotation: 'bool', default: true }, { name: 'full', annotation: 'bool', default: false },
    { name: 'epsilon', annotation: 'float', default: 1e-8 }, { name: 'reduction', annotation: '_ReduceMode', default: 'mean' },
    { name: 'name', annotation: 'str | None', default: null },
  ],
  layer: { name: 'PoissonNLLLoss', params: [{ name: 'log_input', annotation: 'bool', default: true }, { name: 'size_average', annotation: 'bool | None', default: null }, { name: 'reduce', annotation: 'bool | None', default: null }] },
};

// A functional-only loss with an optional tensor and no reduction (as log_loss and square_error_cost are).
const FUNCTIONAL_ONLY: Introspection = {
  paddle: '3.3.1',
  functional: [
    { name: 'input', annotation: 'Tensor' }, { name: 'label', annotation: 'Tensor' }, { name: 'weight', annotation: 'Tensor | None', default: null },
    { name: 'epsilon', annotation: 'float', default: 1e-4 }, { name: 'name', annotation: 'str | None', default: null },
  ],
  layer: null,
};

// An input-label loss with an own float keyword and an optional tensor: the standard plan's shape.
const STANDARD: Introspection = {
  paddle: '3.3.1',
  functional: [
    { name: 'input', annotation: 'Tensor' }, { name: 'label', annotation: 'Tensor' }, { name: 'weight', annotation: 'Tensor | None', default: null },
    { name: 'reduction', annotation: '_ReduceMode', default: 'mean' }, { name: 'delta', annotation: 'float', default: 1 },
    { name: 'name', annotation: 'str | None', default: null },
  ],
  layer: { name: 'ExampleLoss', params: [{ name: 'size_average', annotation: '', default: null }, { name: 'reduce', annotation: '', default: null }] },
};

describe('opShape', () => {
  it("reads tensors, keywords (floats by annotation), the layer and its refused legacy arguments from Paddle's signatures", () => {
    const shape = opShape('poisson_nll_loss', POISSON);
    expect(shape.tensors).toEqual(['input', 'label']);
    expect(shape.kwargs.map((k) => `${k.name}:${k.kind}:${String(k.default)}`)).toEqual(['log_input:bool:true', 'full:bool:false', 'epsilon:float:1e-8', 'reduction:str:mean']);
    expect([shape.layerClass, shape.reduction, shape.legacy]).toEqual(['PoissonNLLLoss', true, true]);
    expect(shape.pythonSignature).toBe("poisson_nll_loss(input, label, log_input=True, full=False, epsilon=1e-8, reduction='mean', name=None)");
  });

  it('sets optional tensors apart, to be passed by keyword', () => {
    expect(opShape('example_loss', STANDARD).optionalTensors).toEqual(['weight']);
  });

  it('makes a functional-only op when Paddle has no layer of that name', () => {
    const shape = opShape('log_loss', { ...POISSON, layer: null });
    expect([shape.layerClass, shape.legacy, shape.reduction]).toEqual([undefined, false, true]);
  });

  it('notes a functional form without name (square_error_cost takes input and label only)', () => {
    const bare = opShape('square_error_cost', { paddle: '3.3.1', functional: POISSON.functional.slice(0, 2), layer: null });
    expect([bare.name, bare.reduction, bare.kwargs.length]).toEqual([false, false, 0]);
    expect(opShape('log_loss', { ...FUNCTIONAL_ONLY }).name).toBe(true);
  });
});

describe('registered', () => {
  const registry = "import { a } from './a/descriptor.js';\n\nexport const OPS: readonly X[] = [\n  a,\n];\n";

  it("adds the op's import after the last one and its entry at the end of OPS", () => {
    expect(registered(registry, opShape('poisson_nll_loss', POISSON))).toBe(
      "import { a } from './a/descriptor.js';\nimport { poissonNllLossOp } from './poisson_nll_loss/descriptor.js';\n\nexport const OPS: readonly X[] = [\n  a,\n  poissonNllLossOp,\n];\n",
    );
  });

  it('refuses a family that is registered', () => {
    const once = registered(registry, opShape('poisson_nll_loss', POISSON));
    expect(() => registered(once, opShape('poisson_nll_loss', POISSON))).toThrow(ScaffoldError);
  });
});

describe('writeScaffold', () => {
  // A copy of the sources with two scaffolded ops must typecheck: the scaffold's promise is a compiling op.
  it('writes ops that compile, registered, and refuses to write over them', { timeout: 180_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'new-op-'));
    try {
      for (const part of ['reference', 'conformance', 'scripts', 'bench', 'tsconfig.json', 'vitest.config.ts', 'package.json']) {
        cpSync(join(ROOT, part), join(root, part), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
      // Families and layer classes no op has: the registry holds the real poisson_nll_loss and its PoissonNLLLoss.
      writeScaffold(root, opShape('example_poisson_loss', { ...POISSON, layer: { ...POISSON.layer!, name: 'ExamplePoissonLoss' } }));
      writeScaffold(root, opShape('example_functional_loss', FUNCTIONAL_ONLY));
      const written = writeScaffold(root, opShape('example_loss', STANDARD));
      expect(written.created).toContain('scripts/case_plan/example_loss/clauses.ts');
      expect(readFileSync(join(root, 'conformance/ops/index.ts'), 'utf8')).toMatch(/examplePoissonLossOp,\n {2}exampleFunctionalLossOp,\n {2}exampleLossOp,\n\];/);
      expect(readFileSync(join(root, 'conformance/ops/example_functional_loss/descriptor.ts'), 'utf8')).toMatch(/functional: 'paddle\.nn\.functional\.example_functional_loss',\n {2}tensors: \['input', 'label'\],\n {2}optionalTensors: \['weight'\],/);
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');
      const before = readFileSync(join(root, 'reference/index.ts'), 'utf8');
      expect(() => writeScaffold(root, opShape('example_loss', STANDARD))).toThrow(/already has files/);
      expect(readFileSync(join(root, 'reference/index.ts'), 'utf8')).toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
