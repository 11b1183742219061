import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from '../../conformance/golden.js';
import { OPS } from '../../conformance/ops/index.js';
import { groupsTable, opsTable, protocolOpsTable, pythonLiteral, withProtocolTables, withTables } from './readme_tables.js';
import { REPO_ROOT } from './regeneration.js';

describe("the README's ops and groups tables", () => {
  it('README.md holds the tables the registry and the goldens give (run npm run golden:tables -- --write)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(withTables(readme)).toBe(readme);
  });

  it('lists every registered op, each with at least one spec case (but an op Paddle\'s CPU never computes)', () => {
    const table = opsTable();
    // An op that raises on every CPU call has no spec case: what its page fixes needs a GPU, so all its cases are Paddle's.
    const goldens = loadGoldens([bundledGoldenDir()]);
    const computes = (family: string): boolean => goldens.some((c) => c.golden.id.startsWith(`${family}/`) && c.golden.expected.error === undefined);
    for (const op of OPS) {
      const spec = computes(op.family) ? '[1-9][0-9]*' : '0';
      expect(table).toMatch(new RegExp(`\\| \`${op.family}\` \\| .* \\| [0-9]+ \\(${spec} \\+ [0-9]+\\) \\|`));
    }
    expect(groupsTable().split('\n')[0]).toBe(`| group | ${OPS.map((op) => op.family).join(' | ')} |`);
  });
});

describe("PROTOCOL.md's table of ops", () => {
  it('PROTOCOL.md holds the table the registry gives (run npm run golden:tables -- --write)', () => {
    const protocol = readFileSync(join(REPO_ROOT, 'conformance/PROTOCOL.md'), 'utf8');
    expect(withProtocolTables(protocol)).toBe(protocol);
  });

  it("gives every op's tensors in order (optional ones as name=None), its gradients and its keywords' defaults as Python writes them", () => {
    const rows = protocolOpsTable().split('\n').slice(2);
    expect(rows).toHaveLength(OPS.length);
    for (const [i, op] of OPS.entries()) {
      // A tensor list's elements as <name>.<i>.<j>, after the required tensors (PROTOCOL.md, "Lists of tensors").
      const lists = (op.tensorLists ?? []).map((t) => `${t}.<i>.<j>`);
      expect(rows[i]).toContain(`| ${[...op.tensors, ...lists, ...(op.optionalTensors ?? []).map((t) => `${t}=None`)].map((t) => `\`${t}\``).join(', ')} | ${op.differentiable.map((t) => `\`${t}\``).join(', ')} |`);
      const reduction = op.kwargs.find((k) => k.name === op.reduction);
      if (reduction) expect(rows[i]).toContain(`\`${reduction.name}=${pythonLiteral(reduction)}\``);
    }
    expect([0, 1.5, 'mean', true, false, null].map((d) => pythonLiteral({ name: 'k', kind: typeof d === 'number' ? 'float' : 'str', default: d }))).toEqual(['0.0', '1.5', "'mean'", 'True', 'False', 'None']);
    expect(pythonLiteral({ name: 'p', kind: 'int', default: { int: 1 } })).toBe('1');
  });
});

