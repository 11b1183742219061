/**
 * Regeneration: the case plan run through real Paddle into golden files, in
 * memory. golden:generate writes the result, golden:check compares it with
 * the committed files, and --paddle-version compares another Paddle with them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_FORMAT, type GoldenFileJson, type PlannedCase, type ProvenanceJson } from '../../conformance/case.js';
import { OPS, opForApi } from '../../conformance/ops/index.js';
import { tensorNamesOf } from '../../conformance/op.js';
import type { PortRequest } from '../../conformance/port.js';
import { ReportPathError } from '../../conformance/report_file.js';
import { compareVersions, ensurePaddlePython, MIN_PADDLE, PINNED_PADDLE, PythonEnvError } from '../../conformance/python_env.js';
import { buildPlans } from '../case_plan/index.js';
import { OracleFailure, oracleFacts, runOracle, runOracleAcrossCrashes } from './oracle.js';
import { buildGoldenFiles, expectedFromResponse, goldenCase, goldenKey, readGoldenTexts, serializeGolden, type OracleResponse } from './writer.js';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The committed golden root. */
export const GOLDEN_ROOT = fileURLToPath(new URL('../../golden/', import.meta.url));

/** A usage error or an environment that cannot run the oracle: exit 2, nothing touched. */
export class CannotRun extends Error {
  /** True when the cause is the Python environment (no python, install failed, registry unreachable). */
  readonly environment: boolean;

  constructor(message: string, environment = false) {
    super(message);
    this.name = 'CannotRun';
    this.environment = environment;
  }
}

/** The generator's name and version (package.json's) for provenance. */
export function generatorInfo(): ProvenanceJson['generator'] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: `${pkg.name} golden:generate`, version: pkg.version };
}

/** Rejects a Paddle version the scripts do not support. */
export function checkPaddleVersion(version: string): void {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new CannotRun(`--paddle-version must look like 3.3.1, got ${JSON.stringify(version)}`);
  if (compareVersions(version, MIN_PADDLE) < 0) {
    throw new CannotRun(`Paddle ${version} is older than ${MIN_PADDLE}, the oldest version these scripts support; use ${MIN_PADDLE} or newer`);
  }
}

/** Options of regenerate. */
export interface RegenerateOptions {
  /** The Paddle to run (default the pinned one). */
  paddleVersion?: string;
  /** The plan (default buildPlans(): every registered op). */
  plan?: PlannedCase[];
  /** Progress lines (default stderr). */
  log?: (line: string) => void;
}

/**
 * Runs the plan (every registered op's cases; each request names its own
 * api) through Paddle in one oracle process and returns the golden files it
 * yields, one per `<family>/<group>`. Throws CannotRun when Python or Paddle cannot be had, and
 * OracleFailure when the oracle itself misbehaves.
 */
export async function regenerate(options: RegenerateOptions = {}): Promise<GoldenFileJson[]> {
  const version = options.paddleVersion ?? PINNED_PADDLE;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  checkPaddleVersion(version);
  const plan = options.plan ?? (await buildPlans());
  let python: string;
  try {
    python = await ensurePaddlePython(version, { install: true, log });
  } catch (error) {
    if (error instanceof PythonEnvError) throw new CannotRun(error.message, true);
    throw error;
  }
  const oracle = await oracleFacts(python);
  if (oracle.paddle_version !== version) throw new CannotRun(`${python} runs Paddle ${oracle.paddle_version}, not ${version}`, true);
  log(`running ${plan.length} case(s) through Paddle ${oracle.paddle_version} (${python})`);
  const requests: PortRequest[] = plan.map((c) => ({ id: c.id, ...c.request }));
  // Another release may die on a case the pinned one answers: a drift report records that as a Crash; goldens never do.
  const run = version === PINNED_PADDLE ? runOracle : runOracleAcrossCrashes;
  const responses = (await run(python, requests)) as OracleResponse[];
  const cases = plan.map((c, i) => {
    const response = responses[i]!;
    if (response.error?.type === 'ProtocolError') {
      throw new OracleFailure(`the oracle rejected the request of ${c.id} as malformed: ${response.error.message}`);
    }
    return goldenCase(c, expectedFromResponse(response, tensorNamesOfApi(c.request.api)));
  });
  return buildGoldenFiles(cases, oracle, generatorInfo());
}

/** Every tensor name of the op an API belongs to, in Paddle's order (undefined for an unregistered API). */
function tensorNamesOfApi(api: string): string[] | undefined {
  const op = opForApi(api);
  return op && tensorNamesOf(op);
}

/** Parses golden texts (`<family>/<group>` -> text) into files, naming the file of any that is not a golden file or sits in the wrong place. */
export function parseGoldenTexts(texts: ReadonlyMap<string, string>, where: string): Map<string, GoldenFileJson> {
  const files = new Map<string, GoldenFileJson>();
  for (const [key, text] of texts) {
    const path = `${where.replace(/\/$/, '')}/${key}.json`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CannotRun(`${path} is not valid JSON (${(error as Error).message}); restore it from git or regenerate with --accept`);
    }
    const file = json as GoldenFileJson;
    if (file?.format !== GOLDEN_FORMAT || !Array.isArray(file.cases)) {
      throw new CannotRun(`${path} is not a golden file (format must be ${GOLDEN_FORMAT}); restore it from git or remove it`);
    }
    if (goldenKey(file) !== key) {
      throw new CannotRun(`${path} says api ${JSON.stringify(file.api)} and group ${JSON.stringify(file.group)}, so it belongs at ${goldenKey(file)}.json; restore it from git or regenerate with --accept`);
    }
    files.set(key, file);
  }
  return files;
}

/** The golden files of every registered op (or of the given families) under a root (e.g. the committed golden/), as exact text and parsed, by `<family>/<group>`. */
export function readGoldenSet(root: string, families: readonly string[] = OPS.map((op) => op.family)): { texts: Map<string, string>; files: Map<string, GoldenFileJson> } {
  const texts = readGoldenTexts(root, families);
  return { texts, files: parseGoldenTexts(texts, root) };
}

/** Golden files as a map of `<family>/<group>` to exact text. */
export function textsOf(files: readonly GoldenFileJson[]): Map<string, string> {
  return new Map(files.map((f) => [goldenKey(f), serializeGolden(f)]));
}

/**
 * Runs main and maps failures to exit codes: CannotRun, OracleFailure and
 * ReportPathError (a file that cannot be written, found before any rename)
 * print their message and exit 2.
 */
export async function runCli(command: (argv: string[]) => Promise<number>, name: string): Promise<void> {
  try {
    process.exitCode = await command(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CannotRun || error instanceof OracleFailure || error instanceof ReportPathError) {
      console.error(`${name}: ${error.message}\nNothing was written.`);
      process.exitCode = 2;
    } else throw error;
  }
}

/** Whether the module with this import.meta.url is the script node was started with. */
export function isEntryPoint(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}
