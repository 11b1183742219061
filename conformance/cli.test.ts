/**
 * The command line (cli.ts): exit codes 0, 1 and 2, help on every command,
 * clear messages for mistakes, and the report files. `main` runs in process;
 * two tests spawn the program as a user runs it, to prove the entry point.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { malformedFixtures, writeMalformedFixture } from './fixtures/malformed.js';
import { bundledGoldenDir, contentHash, loadGoldens } from './golden.js';
import { OPS } from './ops/index.js';
import { stringifyExact } from './wire.js';

const FIXTURE = 'conformance/fixtures/golden';
const NONE = 'hinge_embedding_loss/fixture/reduction=none';
const EMPTY = mkdtempSync(join(tmpdir(), 'cli-empty-'));

interface Outcome { code: number; stdout: string; stderr: string }

/** Runs the CLI in process, collecting what it writes. */
async function cli(...args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false });
  return { code, stdout, stderr };
}

/** Runs node with tsx and these arguments as a separate program, the way a shell would, killed after `timeoutMs`. */
function spawnCli(args: string[], timeoutMs = 30_000): Promise<Outcome> {
  return new Promise((done) => {
    // Node itself with tsx's loader (not npx): a kill on timeout then reaches the process that spins.
    execFile(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A copy of the fixture whose reduction=none expectation is wrong at [2, 2] (1 -> 7), with a correct hash. */
function wrongGoldenDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-golden-'));
  const file = JSON.parse(readFileSync(`${FIXTURE}/hinge_embedding_loss/fixture.json`, 'utf8'));
  const none = file.cases.find((c: { id: string }) => c.id === NONE);
  none.expected.output.data[8] = 7;
  file.provenance.content_sha256 = contentHash(file.cases);
  writeFileSync(join(dir, 'fixture.json'), stringifyExact(file, 1));
  return dir;
}

describe('the program entry point', () => {
  it('running it through a symlink (as npm bin links do) runs main', async () => {
    const link = join(mkdtempSync(join(tmpdir(), 'cli-bin-')), 'paddle-conformance.ts');
    symlinkSync(resolve('conformance/cli.ts'), link);
    const out = await spawnCli([link, 'list', '--golden', FIXTURE, '--tag', 'grad']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('hinge_embedding_loss/fixture/grad,reduction=sum');
  });

  it('importing cli.ts does not run it', async () => {
    // Unguarded, the import would run the whole suite and print its report before "imported".
    const out = await spawnCli(['--eval', "import('./conformance/cli.ts').then(() => console.log('imported'))"]);
    expect(out.stdout).toBe('imported\n');
    expect(out.code).toBe(0);
  });
});

describe('help', () => {
  it('--help lists the commands and exits 0', async () => {
    const out = await cli('--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Commands:');
  });

  it.each(['run', 'list', 'show', 'fuzz'])('%s --help gives usage and examples, exit 0', async (command) => {
    const out = await cli(command, '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Usage: paddle-conformance ${command}`);
    expect(out.stdout).toContain('Examples:');
  });
});

describe('--version', () => {
  it('prints the version in package.json and exits 0', async () => {
    const out = await cli('--version');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect(out.stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  });
});

describe('usage errors exit 2 with a clear message', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['run', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['run', '--level', 'gold', '--golden', FIXTURE], '--level must be spec or paddle, got "gold"'],
    [['run', '--shard', '5/4', '--golden', FIXTURE], '--shard must be k/n'],
    [['run', '--timeout-ms', 'soon', '--golden', FIXTURE], '--timeout-ms must be a positive whole number'],
    // Node's timers hold at most 2^31-1 ms and fire at once beyond it: every case would time out.
    [['run', '--timeout-ms', '3000000000', '--golden', FIXTURE], '--timeout-ms must be at most 86400000 (24 hours), got "3000000000"'],
    [['list', '--golden', EMPTY], `bad golden file: ${EMPTY}: $: holds no golden files (*.json)`],
    [['run', '--port', 'reference', '--port-cmd', 'x'], 'give --port or --port-cmd, not both'],
    [['run', '--filter', 'no/such/case', '--golden', FIXTURE], 'no case matches the selection'],
    [['show', 'no/such/case', '--golden', FIXTURE], 'no case has the id "no/such/case"'],
    [['show', '--golden', FIXTURE], 'expected 1 argument (the case id), got 0'],
    [['run', '--port', 'torch@latest', '--golden', FIXTURE], '--port: "latest" is not a torch release version; use e.g. --port torch@2.15.0'],
    [['run', '--port', 'paddle@', '--golden', FIXTURE], '--port: "" is not a paddle release version'],
    [['run', '--port', 'torch@2.11.0; rm -rf ~', '--golden', FIXTURE], 'is not a torch release version'],
    [['run', '--port', 'reference@1.0', '--golden', FIXTURE], '--port: the bundled reference has no versions'],
    [['show', NONE, '--port', 'paddle@3.x', '--golden', FIXTURE], '--port: "3.x" is not a paddle release version'],
  ])('%j', async (args, message) => {
    const out = await cli(...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('a malformed golden file exits 2 naming the file and the JSON path', async () => {
    const fixture = malformedFixtures().find((f) => f.name === 'bad_data_value')!;
    const file = writeMalformedFixture(fixture, mkdtempSync(join(tmpdir(), 'cli-malformed-')));
    const out = await cli('run', '--golden', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file}: $.cases[3].expected.output.data[2]: expected a number`);
  });

  it('a malformed expectations file exits 2 naming the JSON path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-exp-')), 'known.json');
    writeFileSync(file, JSON.stringify([{ id: NONE }]));
    const out = await cli('run', '--golden', FIXTURE, '--expectations', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file}: $[0].reason: must be a non-empty string`);
  });
});

describe('run', () => {
  it('the reference passes the fixture: exit 0 and the verdict line', async () => {
    const out = await cli('run', '--golden', FIXTURE);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('spec-conformant: yes; Paddle-compatible: 5/5');
  });

  it('a failure exits 1 and prints the command that re-runs just that case', async () => {
    const dir = wrongGoldenDir();
    const out = await cli('run', '--golden', dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`FAIL ${NONE}`);
    expect(out.stdout).toContain('output[2, 2] (flat index 8)');
    expect(out.stdout).toContain(`re-run: npx paddle-conformance run --filter '${NONE}' --golden ${dir}`);
    const again = await cli('run', '--filter', NONE, '--golden', dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('paddle-conformance: 1 cases');
  });

  it('an expectations file turns that failure into an expected one: exit 0; --json and --junit are written', async () => {
    const dir = wrongGoldenDir();
    const known = join(dir, '..', `${Math.random().toString(36).slice(2)}-known.json`);
    writeFileSync(known, JSON.stringify({ expectations: [{ id: NONE, reason: 'the test golden is wrong' }] }));
    const report = join(dir, 'out', 'report.json');
    const junit = join(dir, 'out', 'junit.xml');
    const out = await cli('run', '--golden', dir, '--expectations', known, '--json', report, '--junit', junit);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`created the folder ${join(dir, 'out')} for --json ${report}`);
    expect(JSON.parse(readFileSync(report, 'utf8')).totals.all['expected-fail']).toBe(1);
    expect(readFileSync(junit, 'utf8')).toContain('<skipped message="expected failure: the test golden is wrong"/>');
    expect(existsSync(join(dir, 'out', '.report.json.tmp'))).toBe(false);
  });

  it('with no arguments but a shard, runs the bundled goldens against the reference and exits 0', async () => {
    // One shard of eight: the defaults are what is tested here; reference_goldens.test.ts runs every case, bitwise.
    const out = await cli('--shard', '1/8');
    expect(out.stdout).toContain('port: reference');
    expect(out.stdout).toMatch(/Paddle-compatible: (\d+)\/\1\n/);
    expect(out.code).toBe(0);
  });
});

describe('--port torch@<version>', () => {
  /**
   * A stand-in for a venv's python (named by TORCH_PYTHON): it reports torch
   * 2.11.0 to the version probe and serves the fake echo port for the port script.
   */
  function fakeTorchPython(): string {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-python-')), 'python');
    const echo = resolve('conformance/ports/fixtures/fake_port.mjs');
    writeFileSync(file, `#!/bin/sh\nif [ "$1" = "-c" ]; then printf '\\n@@version 2.11.0+cpu\\n'; exit 0; fi\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(echo)} echo\n`, { mode: 0o755 });
    return file;
  }

  it('runs that release, and the report names the port with its version', async () => {
    const saved = process.env.TORCH_PYTHON;
    process.env.TORCH_PYTHON = fakeTorchPython();
    try {
      const out = await cli('run', '--golden', FIXTURE, '--filter', NONE, '--port', 'torch@2.11.0');
      // The fake echoes its input, which is not the loss: the case fails, judged.
      expect(out.code).toBe(1);
      expect(out.stdout).toContain('port: torch@2.11.0; comparison: value mode');
      expect(out.stdout).toContain(`re-run: npx paddle-conformance run --filter '${NONE}' --port torch@2.11.0`);
    } finally {
      if (saved === undefined) delete process.env.TORCH_PYTHON;
      else process.env.TORCH_PYTHON = saved;
    }
  });

  it('asks for exactly that version: a python with another one cannot be run, exit 2', async () => {
    const saved = process.env.TORCH_PYTHON;
    process.env.TORCH_PYTHON = fakeTorchPython();
    try {
      const out = await cli('run', '--golden', FIXTURE, '--filter', NONE, '--port', 'torch@2.12.0');
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('has torch 2.11.0+cpu, but 2.12.0 is required');
    } finally {
      if (saved === undefined) delete process.env.TORCH_PYTHON;
      else process.env.TORCH_PYTHON = saved;
    }
  });
});

describe('--verbose', () => {
  /** A port module that words every error its own way: the fixture's error case then passes with a note. */
  function rewordingPort(): string {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-port-')), 'port.ts');
    writeFileSync(file, `import { referencePort } from ${JSON.stringify(resolve('conformance/ports/reference.ts'))};
const reference = referencePort();
export async function handle(r: any) {
  const a: any = await reference.handle(r);
  return a.error ? { id: r.id, error: { type: a.error.type, message: 'my own words' } } : a;
}
`);
    return file;
  }

  it('a passing run folds message notes into one line; --verbose lists each', async () => {
    const port = rewordingPort();
    const quiet = await cli('run', '--golden', FIXTURE, '--port', port);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('Passing cases with notes (1; error type matches, message differs): --verbose lists them, and so does --json.');
    const verbose = await cli('run', '--golden', FIXTURE, '--port', port, '--verbose');
    expect(verbose.stdout).toContain('hinge_embedding_loss/fixture/reduction=reduce_mean: message differs from character 0');
  });
});

describe('--strict and stale expectations', () => {
  it('an entry matching no selected case fails --strict, named on stdout; without --strict it passes', async () => {
    const known = join(mkdtempSync(join(tmpdir(), 'cli-stale-')), 'known.json');
    writeFileSync(known, JSON.stringify([{ id: 'hinge_embedding_loss/fixture/no-such-case', reason: 'fixed long ago' }]));
    const strict = await cli('run', '--golden', FIXTURE, '--expectations', known, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('"hinge_embedding_loss/fixture/no-such-case": fixed long ago');
    expect((await cli('run', '--golden', FIXTURE, '--expectations', known)).code).toBe(0);
  });
});

describe('report paths are checked before anything runs', () => {
  it('a --json path under a file is a usage error, exit 2, and nothing runs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-path-')), 'plain-file');
    writeFileSync(file, 'x');
    const out = await cli('run', '--golden', FIXTURE, '--json', join(file, 'report.json'));
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--json: cannot write ${join(file, 'report.json')}: ${file} is not a folder`);
    expect(out.stdout).toBe('');
  });

  it('a --json path that is a folder is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-path-'));
    const out = await cli('run', '--golden', FIXTURE, '--json', dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--json: ${dir} is a folder, not a file`);
  });

  it.skipIf(!existsSync('/proc/self'))('a --junit file that cannot be created (/proc/x.xml) is a usage error', async () => {
    const out = await cli('run', '--golden', FIXTURE, '--junit', '/proc/x.xml');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--junit: cannot write /proc/x.xml: ENOENT');
    expect(out.stdout).toBe('');
  });

  // Spawned, with a time limit: Node's recursive mkdir spins forever on /proc/nope, and a spin in process could not be timed out.
  it.skipIf(!existsSync('/proc/self'))('a --json folder that cannot be created (/proc/nope/x.json) is a usage error, not a hang', async () => {
    const out = await spawnCli(['conformance/cli.ts', 'run', '--golden', FIXTURE, '--json', '/proc/nope/x.json'], 20_000);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--json: cannot write /proc/nope/x.json: ENOENT (no such file or folder) creating the folder /proc/nope');
  });
});

describe('a port that cannot be started', () => {
  it('exits 2 and still writes --json and --junit, every case not run, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-nostart-'));
    const out = await cli('run', '--golden', FIXTURE, '--port-cmd', 'echo cannot load my model >&2; exit 3', '--json', join(dir, 'r.json'), '--junit', join(dir, 'j.xml'));
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('the port cannot be run');
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(json.summary.exit_code).toBe(2);
    expect(json.summary.not_run).toHaveLength(5);
    expect(json.summary.aborted).toContain('the port could not be started: the port exited at startup (exited with code 3)');
    expect(json.summary.aborted).toContain('cannot load my model');
    expect(json.cases).toEqual([]);
    const junit = readFileSync(join(dir, 'j.xml'), 'utf8');
    expect(junit).toContain('tests="5" failures="0" errors="0" skipped="5"');
    expect(junit).toContain('not run: the run stopped before this case: the port could not be started');
  });
});

describe('control characters from a port or a golden are printed escaped, never sent to the terminal (issue 19, item 15)', () => {
  /** Any control character a terminal acts on, as terminal_text.ts escapes them. */
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  it('a port\'s skip reason, error message and stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-escapes-'));
    const port = join(dir, 'port.cjs');
    // Skips the first case, raises on the second, dies on the third after writing to stderr; again after each restart.
    writeFileSync(port, `let n = 0;
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const { id } = JSON.parse(line);
  n++;
  if (n === 1) console.log(JSON.stringify({ id, skip: 'skip \\x1b[31mred' }));
  else if (n === 2) console.log(JSON.stringify({ id, error: { type: 'ValueError', message: 'error \\x1b[2J\\x9b' } }));
  else { process.stderr.write('stderr \\x1b]0;title\\x07\\n'); process.exit(1); }
});
`);
    const out = await cli('run', '--golden', FIXTURE, '--port-cmd', `${process.execPath} ${port}`);
    expect(out.code).toBe(1);
    expect(out.stdout + out.stderr).not.toMatch(CONTROL);
    expect(out.stdout).toContain('skip \\u001b[31mred');
    expect(out.stdout).toContain('error \\u001b[2J\\u009b');
    expect(out.stdout).toContain('stderr \\u001b]0;title\\u0007');
  });

  it('a golden\'s description in show (a --from counterexample carries the port\'s failure text)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-escapes-'));
    const file = JSON.parse(readFileSync(`${FIXTURE}/hinge_embedding_loss/fixture.json`, 'utf8'));
    file.cases.find((c: { id: string }) => c.id === NONE).description = 'fuzz counterexample: \x1b[2J\x1b[1;1Hall passed';
    file.provenance.content_sha256 = contentHash(file.cases);
    writeFileSync(join(dir, 'fixture.json'), stringifyExact(file, 1));
    const out = await cli('show', NONE, '--golden', dir);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(CONTROL);
    expect(out.stdout).toContain('fuzz counterexample: \\u001b[2J\\u001b[1;1Hall passed');
  });
});

describe('list and show', () => {
  it('list --json gives id, group, level and tags of the selection', async () => {
    const out = await cli('list', '--golden', FIXTURE, '--level', 'spec', '--json');
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout);
    expect(rows.map((r: { id: string }) => r.id)).toEqual([
      'hinge_embedding_loss/fixture/api=layer,reduction=sum',
      'hinge_embedding_loss/fixture/reduction=mean',
      'hinge_embedding_loss/fixture/reduction=none',
    ]);
    expect(rows[0]).toMatchObject({ group: 'fixture', level: 'spec', tags: ['doc', 'layer'] });
  });

  it('--api selects an op by its family or either Paddle name, and refuses an unknown one', async () => {
    for (const api of ['hinge_embedding_loss', 'paddle.nn.functional.hinge_embedding_loss', 'paddle.nn.HingeEmbeddingLoss']) {
      const out = await cli('list', '--golden', FIXTURE, '--api', api, '--json');
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout)).toHaveLength(5);
    }
    const bad = await cli('list', '--golden', FIXTURE, '--api', 'hinge');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--api "hinge" names no registered op; known: hinge_embedding_loss (paddle.nn.functional.hinge_embedding_loss, paddle.nn.HingeEmbeddingLoss)');
  });

  it('list --ops gives one row per op of the loaded set, counted by level and by form', async () => {
    const out = await cli('list', '--golden', FIXTURE, '--ops');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^hinge_embedding_loss +paddle\.nn\.functional\.hinge_embedding_loss +paddle\.nn\.HingeEmbeddingLoss +5 +3 +2 +4 +1$/);
    expect(lines[2]).toBe('1 functions, 1 layers (aliases counted), 5 cases');
    const spec = JSON.parse((await cli('list', '--golden', FIXTURE, '--ops', '--level', 'spec', '--json')).stdout);
    expect(spec).toEqual([{ op: 'hinge_embedding_loss', functional: 'paddle.nn.functional.hinge_embedding_loss', layers: ['paddle.nn.HingeEmbeddingLoss'], since: {}, spec: 3, paddle: 0, functionalCases: 2, layerCases: 1 }]);
  });

  it('list prints one line per case', async () => {
    const out = await cli('list', '--golden', FIXTURE, '--tag', 'grad');
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
    expect(out.stdout).toContain('hinge_embedding_loss/fixture/grad,reduction=sum  fixture  paddle  grad');
  });

  it('show prints the inputs, the expected result, the provenance and the re-run snippets', async () => {
    const out = await cli('show', NONE, '--golden', FIXTURE, '--port-cmd', 'python3 my port.py');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('input: float32[3, 3] = [[1, -2, 3], [0, -1, 2], [1, 0, 1]]');
    expect(out.stdout).toContain('output: float32[3, 3] = [[0, -2, 0], [0, -1, 2], [1, 1, 1]]');
    expect(out.stdout).toContain('generator: hand-written test fixture');
    expect(out.stdout).toContain(`npx paddle-conformance run --filter '${NONE}' --port-cmd 'python3 my port.py' --golden ${FIXTURE}`);
    expect(out.stdout).toContain(`{"id":"${NONE}","api":"paddle.nn.functional.hinge_embedding_loss"`);
  });
});

describe('show prints the request line the port receives (issue 19, item 16)', () => {
  it('negative zero stays -0.0, as the runner writes it', async () => {
    const id = 'hinge_embedding_loss/special_values/x=-0.0,label=-1,dtype=float32';
    const out = await cli('show', id);
    expect(out.code).toBe(0);
    const line = out.stdout.trimEnd().split('\n').at(-1)!.trim();
    expect(line).toContain('"input":{"dtype":"float32","shape":[1],"data":[-0.0]}');
    const request = loadGoldens([bundledGoldenDir()]).find((c) => c.golden.id === id)!.golden.request;
    expect(line).toBe(stringifyExact({ id, ...request }));
  });
});

describe('fuzz', () => {
  /** A fresh counterexample file in a folder of its own. */
  const counterexamples = (): string => join(mkdtempSync(join(tmpdir(), 'cli-fuzz-')), 'found.jsonl');

  it('the reference against itself: one "no disagreement" line per op, exit 0, nothing appended', async () => {
    const file = counterexamples();
    const out = await cli('fuzz', '--runs', '50', '--seed', '3', '--counterexamples', file);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(OPS.length);
    expect(out.stdout).toContain('hinge_embedding_loss: 50 cases in ');
    expect(out.stdout).toMatch(/cosine_embedding_loss: 50 cases in .* \(seed 3\) against reference: no disagreement/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('a port that disagrees: the shrunk request as show prints it, the failure, a re-run command, one appended line, exit 1', async () => {
    const file = counterexamples();
    const out = await cli('fuzz', '--api', 'hinge_embedding_loss', '--port', 'conformance/examples/port_example.mjs', '--seed', '5', '--runs', '300', '--counterexamples', file);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^hinge_embedding_loss: \d+ cases in .* DISAGREEMENT after \d+ cases \(\d+ ms\), shrunk in \d+ steps\n/);
    expect(out.stdout).toContain('Request:\n  api: paddle.nn.functional.hinge_embedding_loss\n');
    expect(out.stdout).toContain('  failure: output: shape [], expected [1]');
    expect(out.stdout).toMatch(/re-run: npx paddle-conformance fuzz --api hinge_embedding_loss --seed 5 --path [\d:]+ --runs 1 --port conformance\/examples\/port_example.mjs/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line.found).toMatchObject({ port: expect.stringContaining('port_example.mjs'), oracle: 'reference', seed: 5, failure: 'output: shape [], expected [1]' });
  });

  it('the re-run command replays the same shrunk request', async () => {
    const file = counterexamples();
    await cli('fuzz', '--api', 'hinge_embedding_loss', '--port', 'conformance/examples/port_example.mjs', '--seed', '5', '--runs', '300', '--counterexamples', file);
    const first = JSON.parse(readFileSync(file, 'utf8').trimEnd());
    const replay = await cli('fuzz', '--api', 'hinge_embedding_loss', '--port', 'conformance/examples/port_example.mjs', '--seed', '5', '--path', first.found.path, '--runs', '1', '--counterexamples', file);
    expect(replay.code).toBe(1);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[1].request).toEqual(lines[0].request);
  });

  it.each([
    [['--oracle', 'torch'], '--oracle must be reference or paddle, got "torch"'],
    [['--path', '1:2'], '--path replays one finding: give its --seed and exactly one --api'],
    [['--runs', '0'], '--runs must be a whole number from 1 to 10000000, got "0"'],
    [['--time-budget', 'soon'], '--time-budget must be a positive number of seconds, got "soon"'],
    [['--api', 'nope'], '--api "nope" names no registered op'],
  ])('fuzz %j is a usage error, exit 2', async (args, message) => {
    const out = await cli('fuzz', ...args, '--counterexamples', counterexamples());
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('a port that cannot start is exit 2, or with --skip-unavailable one SKIPPED line and exit 0 (for CI)', async () => {
    const args = ['fuzz', '--port-cmd', '/nonexistent/python3 port.py', '--runs', '3', '--seed', '1', '--counterexamples', counterexamples()];
    expect((await cli(...args)).code).toBe(2);
    const skipped = await cli(...args, '--skip-unavailable');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/^SKIPPED: fuzz — the port exited at startup .*not found\n$/);
  });

  it('an unwritable counterexample file is a usage error before anything runs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-fuzz-')), 'missing', 'found.jsonl');
    const out = await cli('fuzz', '--runs', '1', '--counterexamples', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--counterexamples: cannot append to ${file}`);
    expect(out.stdout).toBe('');
  });
});

describe('--paddle <release>', () => {
  it('run --paddle 3.0.0 judges by 3.0.0: a case its overlay changes expects the old result, and the reference reproduces it', async () => {
    const id = 'hinge_embedding_loss/labels/label=1+5ulp,dtype=float64';
    const shown = await cli('show', id, '--paddle', '3.0.0');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('releases/3.0.0/hinge_embedding_loss.json');
    const run = await cli('run', '--filter', id, '--paddle', '3.0.0');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('port: reference (Paddle 3.0.0)');
  });

  it('without --paddle the same case comes from the 3.3.1 golden file', async () => {
    const id = 'hinge_embedding_loss/labels/label=1+5ulp,dtype=float64';
    const base = await cli('show', id);
    expect(base.stdout).not.toContain('releases/3.0.0');
    expect(base.stdout).toContain('golden/hinge_embedding_loss/labels.json');
  });

  it('a golden directory without the release\'s overlays is refused, rather than its cases judged by 3.3.1 (issue 19, item 13)', async () => {
    const out = await cli('list', '--golden', 'bundled', '--golden', FIXTURE, '--paddle', '3.0.0');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^paddle-conformance: bad golden file: conformance\/fixtures\/golden\/releases\/3\.0\.0: \$: no expectations for Paddle 3\.0\.0 here; record them with: npm run golden:generate -- --paddle 3\.0\.0\n$/);
  });

  it('a release without expectations is a usage error naming the known ones', async () => {
    const out = await cli('list', '--paddle', '2.5.2');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--paddle: no expectations are kept for Paddle "2\.5\.2"; choose one of 2\.6\.2, .*3\.3\.1/);
  });
});

describe('run --paddle 2.6.2 and the cases that release crashed on', () => {
  it('leaves them out and says so on the CLI stderr', async () => {
    const out = await cli('list', '--paddle', '2.6.2', '--api', 'margin_ranking_loss');
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/4 case\(s\) not judged: Paddle 2\.6\.2 crashes on them \(margin_ranking_loss\/shapes\/shape=0,margin=0,reduction=mean/);
    expect(out.stdout).not.toContain('margin_ranking_loss/shapes/shape=0,margin=0,reduction=mean');
  });
});

describe('report outputs are regular files or standard output (issue 19, items 7 and 9)', () => {
  /** A FIFO in a folder of its own. */
  function fifo(name: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'cli-fifo-')), name);
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    return path;
  }

  it('--json - prints the JSON report alone on stdout and the summary on stderr', async () => {
    const out = await cli('run', '--golden', FIXTURE, '--json', '-');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).summary.paddle_compatible).toEqual({ passed: 5, total: 5 });
    expect(out.stderr).toContain('paddle-conformance: 5 cases against port "reference"');
  });

  it('--json - with --junit - is a usage error', async () => {
    const out = await cli('run', '--golden', FIXTURE, '--json', '-', '--junit', '-');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--json - and --junit - would mix two reports on standard output');
  });

  it('a --junit FIFO is refused before anything runs, and stays a FIFO', async () => {
    const path = fifo('junit.xml');
    const out = await cli('run', '--golden', FIXTURE, '--junit', path);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--junit: ${path} is a FIFO (named pipe), not a regular file; refusing to write over it: give the path of a regular file, or --junit - for standard output`);
    expect(out.stdout).toBe('');
    expect(statSync(path).isFIFO()).toBe(true);
  });

  it('a --json symbolic link to a device is refused and stays a link', async () => {
    const link = join(mkdtempSync(join(tmpdir(), 'cli-link-')), 'r.json');
    symlinkSync('/dev/null', link);
    const out = await cli('run', '--golden', FIXTURE, '--json', link);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--json: ${link} is a symbolic link to a character device (/dev/null), not a regular file`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('report --out - prints the page on stdout and the closing line on stderr', async () => {
    const run = join(mkdtempSync(join(tmpdir(), 'cli-page-')), 'reference.json');
    expect((await cli('run', '--golden', FIXTURE, '--json', run)).code).toBe(0);
    const out = await cli('report', run, '--out', '-');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^<!doctype html>/);
    expect(out.stderr).toMatch(/^wrote -: 5 cases x 1 ports \(reference\)/);
  });

  it('report --out <FIFO> is a usage error', async () => {
    const run = join(mkdtempSync(join(tmpdir(), 'cli-page-')), 'reference.json');
    await cli('run', '--golden', FIXTURE, '--json', run);
    const path = fifo('page.html');
    const out = await cli('report', run, '--out', path);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--out: ${path} is a FIFO (named pipe), not a regular file`);
  });

  // Spawned, with a time limit: opening a FIFO for appending waited for a reader forever, in process as well.
  it('fuzz --counterexamples <FIFO> is a usage error at once, not a hang', async () => {
    const path = fifo('cx.jsonl');
    const out = await spawnCli(['conformance/cli.ts', 'fuzz', '--runs', '1', '--counterexamples', path], 30_000);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--counterexamples: ${path} is a FIFO (named pipe), not a regular file`);
  });

  it('fuzz --counterexamples - is a usage error: standard output carries the fuzz report', async () => {
    const out = await cli('fuzz', '--runs', '1', '--counterexamples', '-');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--counterexamples: - (standard output) carries the fuzz report; give a file to append the counterexamples to');
  });
});
