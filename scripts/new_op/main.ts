/**
 * `npm run new-op -- <family> [--layer <Class>]`: scaffolds a compiling op from
 * its Paddle names. Paddle's own signatures (read by introspect.py in the
 * pinned release's environment) give the tensors, keywords, defaults and the
 * layer; the templates give the reference module, its rules, the descriptor,
 * the mutants and the case plan; the registry gets its one line.
 *
 * Exit codes: 0 written; 2 a usage error, a family that exists, or Paddle's
 * environment unavailable (nothing is written).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePaddlePython, PINNED_PADDLE } from '../../conformance/python_env.js';
import { ScaffoldError, opShape, type Introspection } from './op_shape.js';
import { writeScaffold } from './scaffold.js';

const HELP = `Usage: npm run new-op -- <family> [--layer <Class>] [--signatures <file>]

Scaffolds paddle.nn.functional.<family> and its layer paddle.nn.<Class> as a
registered op that compiles: reference/<family>.ts and <family>_rules.ts,
conformance/ops/<family>/{descriptor,mutants}.ts, scripts/case_plan/<family>/.
The signatures are read from Paddle ${PINNED_PADDLE} (its environment is made on first use).

  --layer <Class>       the layer's class under paddle.nn, when its name is not the family's
  --signatures <file>   read the signatures from introspect.py's JSON instead of running Paddle
  -h, --help            this text`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INTROSPECT = fileURLToPath(new URL('./introspect.py', import.meta.url));

async function signatures(family: string, layer: string | undefined, file: string | undefined): Promise<Introspection> {
  const text = file !== undefined ? readFileSync(file, 'utf8') : execFileSync(await ensurePaddlePython(), [INTROSPECT, family, ...(layer ? [layer] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  const found = JSON.parse(text) as Introspection & { error?: string };
  if (found.error) throw new ScaffoldError(found.error);
  return found;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { layer: { type: 'string' }, signatures: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return (console.log(HELP), 0);
  const family = positionals[0];
  if (positionals.length !== 1 || !family || !/^[a-z][a-z0-9_]*$/.test(family)) throw new ScaffoldError(`give one family name in snake_case, as Paddle spells it (e.g. poisson_nll_loss)\n\n${HELP}`);
  const shape = opShape(family, await signatures(family, values.layer, values.signatures));
  const written = writeScaffold(ROOT, shape);
  console.log(`Scaffolded ${family} (${shape.layerClass ? `paddle.nn.${shape.layerClass}` : 'functional only'}) from Paddle ${shape.paddle}'s signatures:`);
  for (const path of written.created) console.log(`  created ${path}`);
  for (const path of written.edited) console.log(`  edited  ${path}`);
  if (shape.optionalTensors.length) console.log(`Not carried: the optional tensors ${shape.optionalTensors.join(', ')} (the protocol has none yet).`);
  console.log('Next: transcribe Paddle\'s source in the reference module, quote the page in the plan, then npm run golden:generate -- --op ' + family);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const known = e instanceof ScaffoldError || (e instanceof Error && e.name === 'PythonEnvError') || (e instanceof TypeError && 'code' in e);
    console.error(`new-op: ${known ? (e as Error).message : String((e as Error).stack ?? e)}`);
    process.exit(2);
  },
);
