/**
 * The Python environments that run real Paddle and PyTorch: one virtual
 * environment per library version in a per-user cache, shared by the golden
 * scripts, the Python ports and the benchmarks, so clones and CI runs reuse it.
 *
 * A venv is built in a temporary directory beside its final place and renamed
 * into place only once the library imports, so an install that fails or is
 * interrupted never leaves a half-made environment behind.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { makeFolders, ReportPathError } from './report_file.js';

/** The Paddle version the goldens come from. */
export const PINNED_PADDLE = '3.3.1';

/** The PyTorch version of the bundled PyTorch port and the benchmarks. */
export const PINNED_TORCH = '2.15.0';

/** The Ivy version of the bundled Ivy port (its Paddle frontend, on the numpy backend). */
export const PINNED_IVY = '1.0.0.5';

/** The oldest Paddle the scripts will install and compare against. */
export const MIN_PADDLE = '2.6.2';

/** The oldest Python that can host the venvs. */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

/** Why a Python environment could not be found or built. */
export type PythonEnvFailure =
  | 'no-python' // no python3 >= 3.9 to build a venv with
  | 'no-venv' // that python lacks the venv module (or ensurepip)
  | 'registry-unreachable' // pip could not reach the package registry
  | 'version-not-found' // the registry has no such version for this Python/platform
  | 'install-failed' // pip failed for another reason
  | 'bad-python' // PADDLE_PYTHON / TORCH_PYTHON / IVY_PYTHON cannot import the library
  | 'wrong-version' // the python imports another version than the one asked for
  | 'not-installed' // the venv does not exist and installing was not allowed
  | 'probe-failed'; // the venv's check failed without showing it broken (killed, out of memory, a crash): it is kept

/** A Python environment that cannot be used, with a message that says what to do. */
export class PythonEnvError extends Error {
  /** What went wrong, for callers that react differently (e.g. CI skips). */
  readonly kind: PythonEnvFailure;

  constructor(kind: PythonEnvFailure, message: string) {
    super(message);
    this.name = 'PythonEnvError';
    this.kind = kind;
  }
}

/** Options of `ensurePaddlePython` and `ensureTorchPython`. */
export interface EnsureOptions {
  /** Create the venv when it is missing (default true); false only looks. */
  install?: boolean;
  /** Accept an override python (PADDLE_PYTHON/TORCH_PYTHON) whose library has another version. */
  anyVersion?: boolean;
  /** Environment to read variables from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where progress lines go (default stderr). */
  log?: (line: string) => void;
}

/** One library the scripts know how to put in a venv. */
interface Library {
  /** Venv directory prefix and display name, e.g. "paddle". */
  readonly name: string;
  /** The Python module to import. */
  readonly module: string;
  /** The variable naming a python that already has the library. */
  readonly overrideVar: string;
  /** The pip requirements for a version. */
  requirements(version: string): string[];
  /** Modules installed beside the library for a version (torchaudio beside the torch it was released for); none by default. */
  companions?(version: string): Companion[];
  /** The command that creates the venv, for a message when it is missing. */
  readonly creator: string;
}

/**
 * A module the venv holds beside its library where the version has a release
 * of it. Its venv's check imports it too, and a venv made without it (before
 * it was added here) gets it installed in place on its next use; an override
 * python (TORCH_PYTHON) is never changed, and a port skips what needs it.
 */
interface Companion {
  /** The Python module to import, e.g. "torchaudio". */
  readonly module: string;
  /** Its pip requirement, e.g. "torchaudio==2.11.0". */
  readonly requirement: string;
}

/**
 * The torchaudio release made for a torch version, or undefined where there is
 * none: torch 2.1 to 2.11 have a torchaudio of their own version, each pinning
 * exactly that torch. Read off the registry with `pip index versions` (Python
 * 3.11, linux x86-64): torchaudio has 2.0.1 to 2.11.1 and torch 2.0.0 to 2.15.0;
 * every torch from 2.1.0 to 2.11.0 has its same-numbered torchaudio; torch 2.0.0
 * and 2.0.1 pair with torchaudio 2.0.1 and 2.0.2 (left out: no port runs them);
 * torchaudio 2.11.1 has no torch of its number; torch 2.12.0 and later
 * (2.15.0, the pinned one, included) have no torchaudio at all.
 */
export function torchaudioFor(torch: string): string | undefined {
  const release = torch.split('+')[0]!;
  return compareVersions(release, '2.1') >= 0 && compareVersions(release, '2.12') < 0 ? release : undefined;
}

const PADDLE: Library = {
  name: 'paddle',
  module: 'paddle',
  overrideVar: 'PADDLE_PYTHON',
  // Paddle 2.x wheels were built against numpy 1.x and fail to import under numpy 2.
  requirements: (v) => (majorOf(v) < 3 ? [`paddlepaddle==${v}`, 'numpy<2'] : [`paddlepaddle==${v}`]),
  creator: '`npm run golden:generate`',
};

const TORCH: Library = {
  name: 'torch',
  module: 'torch',
  overrideVar: 'TORCH_PYTHON',
  // torch wheels do not depend on numpy, but the port's tensor codec does; torch
  // before 2.3 was built against numpy 1.x and breaks under numpy 2.
  requirements: (v) => [`torch==${v}`, compareVersions(v, '2.3') < 0 ? 'numpy<2' : 'numpy', ...torchCompanions(v).map((c) => c.requirement)],
  // torchaudio gives the port its rnnt_loss (torch has no RNN-T loss); where a
  // torch has no torchaudio release the port skips that op, saying so.
  companions: (v) => torchCompanions(v),
  creator: '`npm run golden:generate`',
};

function torchCompanions(version: string): Companion[] {
  const torchaudio = torchaudioFor(version);
  return torchaudio ? [{ module: 'torchaudio', requirement: `torchaudio==${torchaudio}` }] : [];
}

const IVY: Library = {
  name: 'ivy',
  module: 'ivy',
  overrideVar: 'IVY_PYTHON',
  // Ivy's wheel pulls in its own dependencies (requests, cryptography, dill, ...);
  // numpy is named because the port runs Ivy on its numpy backend.
  requirements: (v) => [`ivy==${v}`, 'numpy'],
  creator: '`npm run conformance -- run --port ivy`',
};

// ---------------------------------------------------------------- paths

/** The cache holding the venvs: $PADDLE_CONFORMANCE_CACHE, else $XDG_CACHE_HOME/paddle-conformance, else ~/.cache/paddle-conformance. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PADDLE_CONFORMANCE_CACHE) return env.PADDLE_CONFORMANCE_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'paddle-conformance');
  return join(env.HOME || homedir(), '.cache', 'paddle-conformance');
}

/** The venv directory of a library version, e.g. `<cache>/paddle-3.3.1`. */
export function venvDir(library: 'paddle' | 'torch' | 'ivy', version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), `${library}-${version}`);
}

/** The python executable inside a venv directory. */
export function venvPython(dir: string): string {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

/**
 * A python that should import Paddle `version`, found without running or
 * installing anything (PADDLE_PYTHON, else the cached venv); undefined when
 * there is none. For tests that skip when Paddle is absent.
 */
export function findPaddlePython(version = PINNED_PADDLE, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findPython(PADDLE, version, env);
}

/** Like findPaddlePython, for PyTorch (TORCH_PYTHON, else the cached venv). */
export function findTorchPython(version = PINNED_TORCH, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findPython(TORCH, version, env);
}

/** Like findPaddlePython, for Ivy (IVY_PYTHON, else the cached venv). */
export function findIvyPython(version = PINNED_IVY, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findPython(IVY, version, env);
}

/** Why findIvyPython found nothing, for a skip message. */
export function ivyAbsentReason(version = PINNED_IVY, env: NodeJS.ProcessEnv = process.env): string {
  return `no Ivy ${version} python (IVY_PYTHON unset and no venv at ${venvDir('ivy', version, env)}); ` +
    `run ${IVY.creator} to create it`;
}

/** Why findPaddlePython found nothing, for a skip message. */
export function paddleAbsentReason(version = PINNED_PADDLE, env: NodeJS.ProcessEnv = process.env): string {
  return `no Paddle ${version} python (PADDLE_PYTHON unset and no venv at ${venvDir('paddle', version, env)}); ` +
    'run `npm run golden:generate` to create it';
}

function findPython(library: Library, version: string, env: NodeJS.ProcessEnv): string | undefined {
  const override = env[library.overrideVar];
  if (override) return existsSync(override) ? override : undefined;
  const python = venvPython(venvDir(library.name as 'paddle', version, env));
  return existsSync(python) ? python : undefined;
}

// ---------------------------------------------------------------- ensuring

/** The path of a python that imports Paddle `version`, creating its venv on first use unless `install` is false. */
export async function ensurePaddlePython(version = PINNED_PADDLE, options: EnsureOptions = {}): Promise<string> {
  return ensurePython(PADDLE, version, options);
}

/** The path of a python that imports PyTorch `version`, creating its venv on first use unless `install` is false. */
export async function ensureTorchPython(version = PINNED_TORCH, options: EnsureOptions = {}): Promise<string> {
  return ensurePython(TORCH, version, options);
}

/** The path of a python that imports Ivy `version`, creating its venv on first use unless `install` is false. */
export async function ensureIvyPython(version = PINNED_IVY, options: EnsureOptions = {}): Promise<string> {
  return ensurePython(IVY, version, options);
}

async function ensurePython(library: Library, version: string, options: EnsureOptions): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const override = env[library.overrideVar];
  if (override) return checkOverride(library, version, override, options.anyVersion ?? false, env);

  const install = options.install ?? true;
  const dir = venvDir(library.name as 'paddle', version, env);
  const python = venvPython(dir);
  const companions = library.companions?.(version) ?? [];
  const checked = existsSync(python) ? await brokenBecause(library, version, python, env, companions) : { broken: danglingInterpreter(python), missing: [] };
  const broken = checked.broken;
  if (broken === undefined && existsSync(python)) {
    return checked.missing.length && install ? addCompanions(library, version, python, checked.missing, env, log) : python;
  }
  if (broken === undefined && !install) {
    throw new PythonEnvError('not-installed',
      `${library.name} ${version} is not installed: no venv at ${dir}. ` +
      `Run ${library.creator} (it creates the venv) or set ${library.overrideVar} to a python that has it.`);
  }
  if (broken !== undefined) {
    if (!install) throw new PythonEnvError('not-installed', `the venv ${dir} is unusable (${broken}); delete it and rerun to rebuild it`);
    const owner = overrideInside(dir, env);
    if (owner) throw new PythonEnvError('bad-python', `the venv ${dir} is unusable (${broken}), but ${owner} names a python inside it, so it is left as it is; repair it, or point ${owner.split('=')[0]} elsewhere`);
    log(`rebuilding ${dir}: ${broken.split('\n')[0]}`);
  }
  return createVenv(library, version, dir, env, log, broken !== undefined);
}

/**
 * Installs into a working venv the companions it lacks (a venv made before
 * they were added to its requirements), in place: pip with --no-deps, so the
 * library already there is never touched, then the same import check. A
 * failure is logged and leaves the venv as it was, usable for everything but
 * the companion (the port skips what needs it), and the next use tries again.
 */
async function addCompanions(library: Library, version: string, python: string, missing: readonly Companion[], env: NodeJS.ProcessEnv, log: (l: string) => void): Promise<string> {
  const dir = dirname(dirname(python));
  const owner = overrideInside(dir, env);
  if (owner) return python; // a venv a user points at is theirs: the port skips what needs the companion
  const requirements = missing.map((c) => c.requirement);
  log(`adding ${requirements.join(' ')} to ${dir} (${library.module} ${version} has a release of it; once only)...`);
  const pip = await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--retries', '2', '--timeout', '60', '--no-deps', ...requirements],
    { ...env, PIP_NO_INPUT: '1' });
  const probe = pip.code === 0 ? await importVersion(python, library.module, env, missing.map((c) => c.module)) : undefined;
  if (probe && !(probe.ok && probe.missing.length === 0)) {
    log(`${requirements.join(' ')} installed into ${dir}, but does not import; the port skips what needs it. Python said:\n${tail(probe.ok ? pip.output : probe.output)}`);
  } else if (!probe) {
    log(`${pipFailure(pip.output, requirements).message}\n(the venv is kept as it was; the port skips what needs ${missing.map((c) => c.module).join(', ')}, and the next use tries again)`);
  }
  return python;
}

/**
 * Why the venv whose python is `python` is known to be broken: it has another
 * version of the library, or Python says the library or numpy (or part of
 * one) is not installed in it. Undefined when it works. A probe that fails
 * otherwise (killed by a signal, out of memory, a crash in a native library,
 * a python that cannot start) proves nothing about the venv, which may hold a
 * gigabyte of download: it is kept, and the failure is a PythonEnvError.
 */
async function brokenBecause(library: Library, version: string, python: string, env: NodeJS.ProcessEnv, companions: readonly Companion[] = []): Promise<{ broken: string | undefined; missing: Companion[] }> {
  const probe = await importVersion(python, library.module, env, companions.map((c) => c.module));
  if (probe.ok) {
    const missing = companions.filter((c) => probe.missing.includes(c.module));
    return { broken: sameVersion(probe.version, version) ? undefined : `it has ${library.module} ${probe.version}`, missing };
  }
  const missing = new RegExp(`No module named '((?:${library.module}|numpy)(?:\\.[\\w.]+)?)'`).exec(probe.output);
  if (!probe.signal && missing) return { broken: `it cannot import ${missing[1]}:\n${tail(probe.output)}`, missing: [] };
  throw new PythonEnvError('probe-failed', `checking the venv ${dirname(dirname(python))} failed (${probe.signal ? `killed by ${probe.signal}` : 'Python did not say a module is missing'}), ` +
    `so it is kept as it is; rerun, and if it keeps failing, delete it to rebuild it. Python said:\n${tail(probe.output)}`);
}

/** The reason a venv whose python is a link to an interpreter that no longer exists (Python upgraded or removed) is broken; undefined otherwise. */
function danglingInterpreter(python: string): string | undefined {
  try {
    return lstatSync(python).isSymbolicLink() ? `its python links to ${readlinkSync(python)}, which no longer exists` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The PADDLE_PYTHON, TORCH_PYTHON or IVY_PYTHON setting (as `VAR=path`) that
 * names a python inside `dir`, if any: a venv a user points at is theirs, and
 * is never removed. Compared both as given and with links resolved, but not
 * the python itself, which in a venv links to the base interpreter.
 */
function overrideInside(dir: string, env: NodeJS.ProcessEnv): string | undefined {
  const roots = [resolve(dir), realOrSelf(dir)].map((d) => `${d}${sep}`);
  for (const variable of [PADDLE.overrideVar, TORCH.overrideVar, IVY.overrideVar]) {
    const python = env[variable];
    if (!python) continue;
    const paths = [resolve(python), join(realOrSelf(dirname(resolve(python))), basename(python))];
    if (paths.some((p) => roots.some((root) => p.startsWith(root)))) return `${variable}=${python}`;
  }
  return undefined;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

async function checkOverride(library: Library, version: string, python: string, anyVersion: boolean, env: NodeJS.ProcessEnv): Promise<string> {
  const label = `${library.overrideVar}=${python}`;
  if (!existsSync(python)) throw new PythonEnvError('bad-python', `${label} does not exist; point it at a python executable that can import ${library.module}, or unset it`);
  const probe = await importVersion(python, library.module, env);
  if (!probe.ok) {
    throw new PythonEnvError('bad-python', `${label} cannot import ${library.module}; install it there or unset ${library.overrideVar}. Python said:\n${tail(probe.output)}`);
  }
  if (!anyVersion && !sameVersion(probe.version, version)) {
    throw new PythonEnvError('wrong-version', `${label} has ${library.module} ${probe.version}, but ${version} is required; ` +
      `point ${library.overrideVar} at a python with ${library.module} ${version}, or unset it to use the managed venv`);
  }
  return python;
}

/** Builds the venv in a partial directory and publishes it as `dir`; with `replace`, over the broken venv there, only once the new one imports. */
async function createVenv(library: Library, version: string, dir: string, env: NodeJS.ProcessEnv, log: (l: string) => void, replace = false): Promise<string> {
  const base = await findBasePython(env);
  const cache = cacheDir(env);
  makeCache(cache);
  removeAbandonedPartials(cache, `${library.name}-${version}`);
  const partial = await mkdtemp(join(cache, `.${library.name}-${version}.partial-${process.pid}-`));
  try {
    const made = await run(base, ['-m', 'venv', partial], env);
    if (made.code !== 0) {
      throw new PythonEnvError('no-venv', `${base} could not create a virtual environment (the venv module or ensurepip is missing; ` +
        `on Debian/Ubuntu: apt-get install python3-venv). Python said:\n${tail(made.output)}`);
    }
    const requirements = library.requirements(version);
    log(`installing ${requirements.join(' ')} into ${dir} (first use only; this takes a minute or two)...`);
    const pip = await run(venvPython(partial), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--retries', '2', '--timeout', '60', ...requirements],
      { ...env, PIP_NO_INPUT: '1' });
    if (pip.code !== 0) throw pipFailure(pip.output, requirements);
    const companions = (library.companions?.(version) ?? []).map((c) => c.module);
    const probe = await importVersion(venvPython(partial), library.module, env, companions);
    if (!probe.ok) throw new PythonEnvError('install-failed', `${requirements[0]} installed but does not import. Python said:\n${tail(probe.output)}`);
    if (probe.missing.length) throw new PythonEnvError('install-failed', `pip installed ${requirements.join(' ')}, but ${probe.missing.join(', ')} is not importable`);
    chmodSync(partial, 0o755); // mkdtemp makes it private; the venv is an ordinary cache directory
    if (replace) retire(dir, cache, `${library.name}-${version}`);
    publish(partial, dir);
    return venvPython(dir);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * Creates the cache folder and its missing parents. Not `mkdirSync(cache, {
 * recursive: true })`, which on Node 20 spins forever under /proc
 * (PADDLE_CONFORMANCE_CACHE=/proc/nope/c).
 */
function makeCache(cache: string): void {
  try {
    makeFolders(cache, `cannot create the venv cache ${cache}`);
  } catch (error) {
    if (!(error instanceof ReportPathError)) throw error;
    throw new PythonEnvError('install-failed', `${error.message}; set PADDLE_CONFORMANCE_CACHE to a folder that can be created`);
  }
}

/** Renames a finished venv into place; if another process got there first, keeps theirs. */
function publish(partial: string, dir: string): void {
  try {
    renameSync(partial, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!(code === 'ENOTEMPTY' || code === 'EEXIST') || !existsSync(venvPython(dir))) throw error;
  }
}

/**
 * Moves a broken venv out of the way, to a name removeAbandonedPartials knows
 * (so a crash right after still cleans it up), and deletes it.
 */
function retire(dir: string, cache: string, stem: string): void {
  const aside = join(cache, `.${stem}.partial-${process.pid}-broken`);
  renameSync(dir, aside);
  rmSync(aside, { recursive: true, force: true });
}

/** Removes half-made venvs left by processes that died mid-install (their pid is in the name). */
function removeAbandonedPartials(cache: string, stem: string): void {
  const prefix = `.${stem}.partial-`;
  for (const entry of readdirSync(cache)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(join(cache, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A python3 of at least MIN_PYTHON to build venvs with:
 * $PADDLE_CONFORMANCE_BASE_PYTHON, else `python3`, else `python` on PATH.
 */
export async function findBasePython(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = env.PADDLE_CONFORMANCE_BASE_PYTHON ? [env.PADDLE_CONFORMANCE_BASE_PYTHON] : ['python3', 'python'];
  const seen: string[] = [];
  for (const candidate of candidates) {
    const r = await run(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], env);
    if (r.code !== 0) {
      seen.push(`${candidate}: not runnable`);
      continue;
    }
    const [major = 0, minor = 0] = r.output.trim().split('\n').pop()!.split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return candidate;
    seen.push(`${candidate}: Python ${major}.${minor} is too old`);
  }
  throw new PythonEnvError('no-python', `no python3 >= ${MIN_PYTHON.join('.')} found to build the venv (${seen.join('; ')}). ` +
    'Install Python 3.9 or newer, or set PADDLE_CONFORMANCE_BASE_PYTHON to one, or set PADDLE_PYTHON to a python that has Paddle.');
}

/** Turns a failed `pip install`'s output into an error that says whether the registry or the version was the problem. */
export function pipFailure(output: string, requirements: readonly string[]): PythonEnvError {
  const quoted = `pip said:\n${tail(output)}`;
  const wanted = requirements.join(' ');
  if (/NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|Connection refused|ConnectTimeoutError|Read timed out|ProxyError|SSLError|Max retries exceeded/i.test(output)) {
    return new PythonEnvError('registry-unreachable', `the package registry is unreachable, so ${wanted} cannot be installed; check the network or proxy and retry. ${quoted}`);
  }
  if (/No matching distribution found|Could not find a version that satisfies/i.test(output)) {
    const available = /\(from versions: ([^)]*)\)/.exec(output)?.[1];
    return new PythonEnvError('version-not-found', `the registry has no ${wanted} for this Python and platform` +
      `${available ? ` (it offers: ${available})` : ''}; pick another version or another Python. ${quoted}`);
  }
  return new PythonEnvError('install-failed', `pip install ${wanted} failed. ${quoted}`);
}

// ---------------------------------------------------------------- processes

type Probe = { ok: true; version: string; missing: string[] } | { ok: false; output: string; signal?: string };

/**
 * Imports the library and numpy (the wire codec of every Python port needs it), and reports the library's version,
 * then tries each companion module, reporting those Python says are not installed (an installed companion that fails
 * to import is left for the port to report, so it never makes the library's venv unusable).
 * It runs in a scratch directory because importing Ivy creates ivy_logs.txt in the working directory.
 */
async function importVersion(python: string, module: string, env: NodeJS.ProcessEnv, companions: readonly string[] = []): Promise<Probe> {
  const scratch = await mkdtemp(join(tmpdir(), 'paddle-conformance-probe-'));
  const tries = companions.map((c) => `\ntry:\n    import ${c}\nexcept ModuleNotFoundError as e:\n    if (e.name or "").split(".")[0] == "${c}": sys.stdout.write("\\n@@missing ${c}\\n")\nexcept Exception:\n    pass`).join('');
  try {
    const r = await run(python, ['-c', `import ${module}, numpy, sys; sys.stdout.write("\\n@@version " + ${module}.__version__ + "\\n")${tries}`], env, scratch);
    const version = /@@version (\S+)/.exec(r.output)?.[1];
    const missing = [...r.output.matchAll(/@@missing (\S+)/g)].map((m) => m[1]!);
    return r.code === 0 && version ? { ok: true, version, missing } : { ok: false, output: r.output, ...(r.signal && { signal: r.signal }) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether an installed version string (e.g. "2.15.0+cpu") is the requested version. */
function sameVersion(installed: string, wanted: string): boolean {
  return installed.split('+')[0] === wanted;
}

function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The last lines of a command's output, indented for quoting in a message. */
function tail(output: string, lines = 12): string {
  return output.trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}

/** Runs a command to completion (in `cwd`, if given), capturing stdout and stderr interleaved; a missing command gives code 127, a signal its name. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<{ code: number; output: string; signal?: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ code: 127, output: `${output}${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output: signal ? `${output}\nkilled by ${signal}` : output, ...(signal && { signal }) }));
  });
}
