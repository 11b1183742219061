import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cacheDir,
  compareVersions,
  ensurePaddlePython,
  ensureTorchPython,
  findBasePython,
  findPaddlePython,
  pipFailure,
  PythonEnvError,
  torchaudioFor,
  venvDir,
} from '../../conformance/python_env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fake python: a shell script whose behaviour is given as a shell snippet. */
function fakePython(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-python-'));
  const path = join(dir, 'python');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<PythonEnvError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PythonEnvError) return error;
    throw error;
  }
  throw new Error('expected a PythonEnvError');
}

describe('cache directory', () => {
  it('honours PADDLE_CONFORMANCE_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(cacheDir({ PADDLE_CONFORMANCE_CACHE: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(cacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/paddle-conformance');
    expect(cacheDir({ HOME: '/h' })).toBe('/h/.cache/paddle-conformance');
  });

  it('keys venvs by library and version', () => {
    expect(venvDir('paddle', '3.3.1', { PADDLE_CONFORMANCE_CACHE: '/c' })).toBe('/c/paddle-3.3.1');
    expect(venvDir('torch', '2.15.0', { PADDLE_CONFORMANCE_CACHE: '/c' })).toBe('/c/torch-2.15.0');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('2.6.2', '2.6.10')).toBeLessThan(0);
    expect(compareVersions('3.3.1', '2.6.2')).toBeGreaterThan(0);
    expect(compareVersions('2.6.2', '2.6.2')).toBe(0);
  });
});

describe('finding a Paddle python without installing', () => {
  it('finds nothing in an empty cache and a missing PADDLE_PYTHON', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cache-'));
    expect(findPaddlePython('3.3.1', { PADDLE_CONFORMANCE_CACHE: empty })).toBeUndefined();
    expect(findPaddlePython('3.3.1', { PADDLE_PYTHON: '/no/such/python' })).toBeUndefined();
  });

  it('finds the venv python of the cache', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    mkdirSync(join(cache, 'paddle-3.3.1', 'bin'), { recursive: true });
    writeFileSync(join(cache, 'paddle-3.3.1', 'bin', 'python'), '');
    expect(findPaddlePython('3.3.1', { PADDLE_CONFORMANCE_CACHE: cache })).toBe(join(cache, 'paddle-3.3.1', 'bin', 'python'));
  });
});

describe('ensurePaddlePython error messages', () => {
  it('names a PADDLE_PYTHON that does not exist', async () => {
    const e = await failure(ensurePaddlePython('3.3.1', { env: { PADDLE_PYTHON: '/no/such/python' } }));
    expect(e.kind).toBe('bad-python');
    expect(e.message).toBe('PADDLE_PYTHON=/no/such/python does not exist; point it at a python executable that can import paddle, or unset it');
  });

  it('quotes Python when PADDLE_PYTHON cannot import paddle', async () => {
    const python = fakePython(`echo "ModuleNotFoundError: No module named 'paddle'" >&2; exit 1`);
    const e = await failure(ensurePaddlePython('3.3.1', { env: { PADDLE_PYTHON: python } }));
    expect(e.kind).toBe('bad-python');
    expect(e.message).toContain(`PADDLE_PYTHON=${python} cannot import paddle; install it there or unset PADDLE_PYTHON. Python said:`);
    expect(e.message).toContain("ModuleNotFoundError: No module named 'paddle'");
  });

  it('rejects a PADDLE_PYTHON with another Paddle version, and accepts it with anyVersion', async () => {
    const python = fakePython('printf "\\n@@version 3.2.0\\n"');
    const e = await failure(ensurePaddlePython('3.3.1', { env: { PADDLE_PYTHON: python } }));
    expect(e.kind).toBe('wrong-version');
    expect(e.message).toContain('has paddle 3.2.0, but 3.3.1 is required');
    await expect(ensurePaddlePython('3.3.1', { env: { PADDLE_PYTHON: python }, anyVersion: true })).resolves.toBe(python);
  });

  it('says how to create the venv when installing is not allowed', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const e = await failure(ensurePaddlePython('3.3.1', { install: false, env: { PADDLE_CONFORMANCE_CACHE: cache } }));
    expect(e.kind).toBe('not-installed');
    expect(e.message).toBe(`paddle 3.3.1 is not installed: no venv at ${join(cache, 'paddle-3.3.1')}. ` +
      'Run `npm run golden:generate` (it creates the venv) or set PADDLE_PYTHON to a python that has it.');
  });

  it('reports a python that is too old, and leaves the cache empty', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const old = fakePython('echo 3.8');
    const env = { PADDLE_CONFORMANCE_CACHE: cache, PADDLE_CONFORMANCE_BASE_PYTHON: old, PATH: process.env.PATH };
    const e = await failure(ensurePaddlePython('3.3.1', { env, log: () => undefined }));
    expect(e.kind).toBe('no-python');
    expect(e.message).toContain(`no python3 >= 3.9 found to build the venv (${old}: Python 3.8 is too old)`);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('reports a python without the venv module, and leaves no half venv behind', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const noVenv = fakePython('case "$*" in *"-m venv"*) echo "Error: ensurepip is not available" >&2; exit 1;; *) echo 3.11;; esac');
    const env = { PADDLE_CONFORMANCE_CACHE: cache, PADDLE_CONFORMANCE_BASE_PYTHON: noVenv, PATH: process.env.PATH };
    const e = await failure(ensurePaddlePython('3.3.1', { env, log: () => undefined }));
    expect(e.kind).toBe('no-venv');
    expect(e.message).toContain('apt-get install python3-venv');
    expect(e.message).toContain('ensurepip is not available');
    expect(readdirSync(cache)).toEqual([]);
  });

  it('reports a failed pip install and leaves no half venv behind', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    // "-m venv DIR" makes DIR/bin/python, itself a fake whose pip cannot find the version.
    const pipScript = 'echo "ERROR: Could not find a version that satisfies the requirement paddlepaddle==3.3.1 (from versions: 2.6.2, 3.0.0)" >&2; ' +
      'echo "ERROR: No matching distribution found for paddlepaddle==3.3.1" >&2; exit 1';
    const base = fakePython(`case "$*" in *"-m venv"*) mkdir -p "$3/bin"; printf '#!/bin/sh\\n${pipScript.replace(/'/g, "'\\''")}\\n' > "$3/bin/python"; chmod +x "$3/bin/python";; *) echo 3.11;; esac`);
    const env = { PADDLE_CONFORMANCE_CACHE: cache, PADDLE_CONFORMANCE_BASE_PYTHON: base, PATH: process.env.PATH };
    const e = await failure(ensurePaddlePython('3.3.1', { env, log: () => undefined }));
    expect(e.kind).toBe('version-not-found');
    expect(e.message).toContain('the registry has no paddlepaddle==3.3.1 for this Python and platform (it offers: 2.6.2, 3.0.0)');
    expect(e.message).toContain('No matching distribution found for paddlepaddle==3.3.1');
    expect(readdirSync(cache)).toEqual([]);
  });

  it('finds no base python when none runs', async () => {
    const e = await failure(findBasePython({ PADDLE_CONFORMANCE_BASE_PYTHON: '/no/such/python3' }));
    expect(e.kind).toBe('no-python');
    expect(e.message).toContain('/no/such/python3: not runnable');
  });
});

describe('pip failures', () => {
  it('tells an unreachable registry from a missing version', () => {
    const offline = [
      "WARNING: Retrying (Retry(total=1, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/paddlepaddle/",
      'ERROR: Could not find a version that satisfies the requirement paddlepaddle==3.3.1 (from versions: none)',
      'ERROR: No matching distribution found for paddlepaddle==3.3.1',
    ].join('\n');
    const e = pipFailure(offline, ['paddlepaddle==3.3.1']);
    expect(e.kind).toBe('registry-unreachable');
    expect(e.message).toMatch(/^the package registry is unreachable, so paddlepaddle==3\.3\.1 cannot be installed; check the network or proxy and retry\. pip said:\n/);
    expect(e.message).toContain('    ERROR: No matching distribution found for paddlepaddle==3.3.1');

    const missing = pipFailure('ERROR: Could not find a version that satisfies the requirement paddlepaddle==9.9.9 (from versions: 2.6.2, 3.3.1)\nERROR: No matching distribution found for paddlepaddle==9.9.9', ['paddlepaddle==9.9.9']);
    expect(missing.kind).toBe('version-not-found');
    expect(missing.message).toContain('(it offers: 2.6.2, 3.3.1)');

    expect(pipFailure('error: externally-managed-environment', ['paddlepaddle==3.3.1']).kind).toBe('install-failed');
  });
});

describe('golden:generate without a usable Paddle', () => {
  it('exits 2 with a clear message and touches nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'golden-out-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/golden/generate.ts'), '--out', out],
      { env: { ...process.env, PADDLE_PYTHON: '/no/such/python' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('golden:generate: PADDLE_PYTHON=/no/such/python does not exist');
    expect(r.stderr).toContain('Nothing was written.');
    expect(readdirSync(out)).toEqual([]);
  });

  it('rejects a Paddle older than 2.6.2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/golden/generate.ts'), '--paddle-version', '2.5.2'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Paddle 2.5.2 is older than 2.6.2, the oldest version these scripts support; use 2.6.2 or newer');
    expect(existsSync(join(ROOT, 'golden'))).toBe(true);
  });
});

describe('a venv must import numpy too (the Python ports encode tensors with it)', () => {
  /** A fake python that imports everything but numpy, reporting torch 2.15.0. */
  const withoutNumpy = (): string =>
    fakePython('case "$2" in *numpy*) echo "ModuleNotFoundError: No module named \'numpy\'" >&2; exit 1;; esac; printf "\\n@@version 2.15.0\\n"');

  it('refuses a TORCH_PYTHON whose torch imports but numpy does not', async () => {
    const e = await failure(ensureTorchPython('2.15.0', { env: { TORCH_PYTHON: withoutNumpy() } }));
    expect(e.kind).toBe('bad-python');
    expect(e.message).toContain("No module named 'numpy'");
  });

  it('calls a cached venv without numpy unusable rather than handing it to the port', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    mkdirSync(join(cache, 'torch-2.15.0', 'bin'), { recursive: true });
    const python = join(cache, 'torch-2.15.0', 'bin', 'python');
    writeFileSync(python, `#!/bin/sh\nexec ${withoutNumpy()} "$@"\n`);
    chmodSync(python, 0o755);
    const e = await failure(ensureTorchPython('2.15.0', { install: false, env: { PADDLE_CONFORMANCE_CACHE: cache } }));
    expect(e.kind).toBe('not-installed');
    expect(e.message).toContain('unusable');
  });
});

// torchaudio gives the PyTorch port the RNN-T loss torch lacks; it has releases for torch 2.1 to 2.11 only.
describe('torchaudio beside a torch that has a release of it', () => {
  it.each([['2.11.0', '2.11.0'], ['2.1.0', '2.1.0'], ['2.9.1', '2.9.1'], ['2.11.0+cpu', '2.11.0'], ['2.12.0', undefined], ['2.15.0', undefined], ['2.0.1', undefined]])(
    'torch %s: torchaudio %s', (torch, torchaudio) => {
      expect(torchaudioFor(torch)).toBe(torchaudio);
    });

  /** A cache whose torch-`version` venv has a python that logs its arguments, reports torch `version`, and lacks torchaudio until its pip runs (`pipBody`). */
  function torchVenv(version: string, pipBody = 'touch "$MARK"'): { cache: string; dir: string; python: string; calls: () => string[] } {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const dir = join(cache, `torch-${version}`);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    const python = join(dir, 'bin', 'python');
    const log = join(cache, 'calls.log');
    writeFileSync(python, `#!/bin/sh\nMARK=${join(dir, 'torchaudio.installed')}\nprintf '%s\\n' "$*" >> ${log}\n` +
      `case "$*" in *"-m pip install"*) ${pipBody};; *) printf "\\n@@version ${version}\\n"; case "$*" in *torchaudio*) [ -e "$MARK" ] || printf "\\n@@missing torchaudio\\n";; esac;; esac\n`, { mode: 0o755 });
    return { cache, dir, python, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
  }
  const env = (cache: string): NodeJS.ProcessEnv => ({ PADDLE_CONFORMANCE_CACHE: cache, PADDLE_CONFORMANCE_BASE_PYTHON: '/no/such/python3', PATH: process.env.PATH });

  it('a torch 2.11.0 venv made without torchaudio gets it in place on its next use, with --no-deps, once', async () => {
    const { cache, dir, python, calls } = torchVenv('2.11.0');
    const lines: string[] = [];
    await expect(ensureTorchPython('2.11.0', { env: env(cache), log: (l) => lines.push(l) })).resolves.toBe(python);
    expect(lines).toEqual([`adding torchaudio==2.11.0 to ${dir} (torch 2.11.0 has a release of it; once only)...`]);
    const pip = calls().filter((c) => c.includes('-m pip install'));
    expect(pip).toHaveLength(1);
    expect(pip[0]).toMatch(/ --no-deps torchaudio==2\.11\.0$/);
    // The next use finds it there: no second install.
    await expect(ensureTorchPython('2.11.0', { env: env(cache), log: (l) => lines.push(l) })).resolves.toBe(python);
    expect(calls().filter((c) => c.includes('-m pip install'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
  });

  it('a torch 2.15.0 venv is neither probed for torchaudio nor given it', async () => {
    const { cache, python, calls } = torchVenv('2.15.0');
    await expect(ensureTorchPython('2.15.0', { env: env(cache), log: () => undefined })).resolves.toBe(python);
    expect(calls().some((c) => c.includes('torchaudio') || c.includes('pip'))).toBe(false);
  });

  it('a failed install is logged and the venv is still used (the port then skips the ops that need it)', async () => {
    const { cache, python } = torchVenv('2.11.0', 'echo "ERROR: No matching distribution found for torchaudio==2.11.0" >&2; exit 1');
    const lines: string[] = [];
    await expect(ensureTorchPython('2.11.0', { env: env(cache), log: (l) => lines.push(l) })).resolves.toBe(python);
    expect(lines[1]).toContain('the registry has no torchaudio==2.11.0 for this Python and platform');
    expect(lines[1]).toContain('the venv is kept as it was; the port skips what needs torchaudio, and the next use tries again');
  });
});

// Issue 19, item 11: a venv holds a gigabyte of download; a probe killed by a signal once deleted it outright.
describe('a cached venv is deleted only when it is known to be broken, and never one an override names', () => {
  /** A cache whose paddle-3.3.1 venv has a python running `body`, and a file standing for its packages. */
  function cacheWith(body: string): { cache: string; dir: string; python: string; packages: string } {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const dir = join(cache, 'paddle-3.3.1');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    const python = join(dir, 'bin', 'python');
    writeFileSync(python, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    const packages = join(dir, 'site-packages.bin');
    writeFileSync(packages, 'paddle');
    return { cache, dir, python, packages };
  }

  /** A base python whose "-m venv DIR" makes a venv that imports Paddle 3.3.1 and whose pip succeeds. */
  function workingBase(): string {
    const venvPython = '#!/bin/sh\nprintf "\\n@@version 3.3.1\\n"\n';
    return fakePython(`case "$*" in *"-m venv"*) mkdir -p "$3/bin"; printf '%s' '${venvPython}' > "$3/bin/python"; chmod +x "$3/bin/python";; *) echo 3.11;; esac`);
  }

  const env = (cache: string, base = '/no/such/python3'): NodeJS.ProcessEnv => ({ PADDLE_CONFORMANCE_CACHE: cache, PADDLE_CONFORMANCE_BASE_PYTHON: base, PATH: process.env.PATH });

  it('a probe killed by a signal keeps the venv and says so', async () => {
    const { cache, packages } = cacheWith('kill -9 $$');
    const e = await failure(ensurePaddlePython('3.3.1', { env: env(cache), log: () => undefined }));
    expect(e.kind).toBe('probe-failed');
    expect(e.message).toContain(`checking the venv ${join(cache, 'paddle-3.3.1')} failed (killed by SIGKILL), so it is kept as it is`);
    expect(existsSync(packages)).toBe(true);
  });

  it('a probe that fails without saying a module is missing (a crash in a native library) keeps the venv', async () => {
    const { cache, packages } = cacheWith('echo "Fatal Python error: Segmentation fault" >&2; exit 139');
    const e = await failure(ensurePaddlePython('3.3.1', { env: env(cache), log: () => undefined }));
    expect(e.kind).toBe('probe-failed');
    expect(e.message).toContain('Fatal Python error: Segmentation fault');
    expect(existsSync(packages)).toBe(true);
  });

  it('a venv without paddle is known broken, but kept while no replacement can be built', async () => {
    const { cache, packages } = cacheWith(`echo "ModuleNotFoundError: No module named 'paddle'" >&2; exit 1`);
    const e = await failure(ensurePaddlePython('3.3.1', { env: env(cache), log: () => undefined }));
    expect(e.kind).toBe('no-python');
    expect(existsSync(packages)).toBe(true);
  });

  it('a venv without paddle is replaced once the new one imports, leaving nothing else in the cache', async () => {
    const { cache, dir, python, packages } = cacheWith(`echo "ModuleNotFoundError: No module named 'paddle.base'" >&2; exit 1`);
    const lines: string[] = [];
    await expect(ensurePaddlePython('3.3.1', { env: env(cache, workingBase()), log: (l) => lines.push(l) })).resolves.toBe(python);
    expect(lines[0]).toBe(`rebuilding ${dir}: it cannot import paddle.base:`);
    expect(existsSync(packages)).toBe(false);
    expect(readFileSync(python, 'utf8')).toContain('@@version 3.3.1');
    expect(readdirSync(cache)).toEqual(['paddle-3.3.1']);
  });

  it('a venv whose python links to an interpreter that is gone is rebuilt', async () => {
    const { cache, python, packages } = cacheWith('');
    rmSync(python);
    symlinkSync('/no/such/python3.11', python);
    await expect(ensurePaddlePython('3.3.1', { env: env(cache, workingBase()), log: () => undefined })).resolves.toBe(python);
    expect(existsSync(packages)).toBe(false);
  });

  it.each(['TORCH_PYTHON', 'IVY_PYTHON'])('a broken venv that %s names is left as it is', async (variable) => {
    const { cache, python, packages } = cacheWith(`echo "ModuleNotFoundError: No module named 'paddle'" >&2; exit 1`);
    const e = await failure(ensurePaddlePython('3.3.1', { env: { ...env(cache, workingBase()), [variable]: python }, log: () => undefined }));
    expect(e.kind).toBe('bad-python');
    expect(e.message).toContain(`but ${variable}=${python} names a python inside it, so it is left as it is`);
    expect(existsSync(packages)).toBe(true);
  });
});

// Spawned, with a time limit: Node 20's recursive mkdir spins forever under /proc, and a spin in process could not be timed out.
it.skipIf(!existsSync('/proc/self'))('a venv cache that cannot be created (/proc/nope/c) is an error at once, not a spin', () => {
  const base = fakePython('echo 3.11');
  const module = join(ROOT, 'conformance/python_env.ts');
  const script = `import { ensurePaddlePython } from ${JSON.stringify(module)};
    ensurePaddlePython('3.3.1', { log: () => undefined }).catch((e) => { process.stderr.write(e.kind + ': ' + e.message); process.exitCode = 2; });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script],
    { env: { ...process.env, PADDLE_PYTHON: '', PADDLE_CONFORMANCE_CACHE: '/proc/nope/c', PADDLE_CONFORMANCE_BASE_PYTHON: base }, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('install-failed: cannot create the venv cache /proc/nope/c: ENOENT (no such file or folder) creating the folder /proc/nope; set PADDLE_CONFORMANCE_CACHE to a folder that can be created');
});
