/**
 * The fuzzer's oracle: what a generated request should give, as a golden
 * expectation the comparison policy can judge a port against. Either the
 * bundled reference, in process, or real Paddle through its bundled port
 * (one process for the whole run).
 */
import type { ExpectedJson, ReductionBasisJson, RequestJson, ResponseJson } from '../case.js';
import { reductionOf, unreducedRequest } from '../op.js';
import { opForApi } from '../ops/index.js';
import type { Port } from '../port.js';
import { answer } from '../ports/reference.js';
import { decodeTensor, encodeScalar, valuesOf } from '../wire.js';

/** The oracles the fuzzer can ask. */
export type OracleKind = 'reference' | 'paddle';

/** Answers requests with what Paddle (or its reference) does. */
export interface Oracle {
  /** `reference`, or the Paddle port's name with its version. */
  readonly name: string;
  /** The expectation for a request, with the reduction basis a 0-D mean or sum needs. */
  expected(request: RequestJson): Promise<ExpectedJson>;
  /** Releases the oracle (stops Paddle's process). */
  close(): Promise<void>;
}

/** Opens an oracle; for `paddle`, starts the bundled Paddle port (PortUnavailable when it cannot run). */
export async function openOracle(kind: OracleKind, timeoutMs = 30_000): Promise<Oracle> {
  if (kind === 'reference') return portOracle({ name: 'reference', handle: async (r) => answer(r), close: async () => {} });
  const { openPort } = await import('../ports/index.js');
  return portOracle(await openPort({ builtin: 'paddle', timeoutMs }));
}

/** An oracle asking a port; the port's answer is taken as Paddle's. */
export function portOracle(port: Port): Oracle {
  let next = 0;
  const ask = (request: RequestJson): Promise<ResponseJson> => port.handle({ id: `fuzz-oracle-${next++}`, ...request });
  return {
    name: port.name,
    expected: async (request) => {
      const response = await ask(request);
      const expected = expectationOf(response);
      if (!needsBasis(request, expected)) return expected;
      const basis = reductionBasis(await ask(lossRequest(request)));
      return basis ? { ...expected, reduction_basis: basis } : expected;
    },
    close: () => port.close(),
  };
}

/** A response as a golden expectation: its error, its None, or its output and gradients. */
export function expectationOf(response: ResponseJson): ExpectedJson {
  if (response.skip !== undefined) throw new Error(`the oracle declined the request: ${response.skip}`);
  if (response.error) return { error: response.error };
  if (response.output === null || response.output === undefined) return { output: null };
  return { output: response.output, ...(response.grad && { grad: response.grad }) };
}

/** Whether the expectation is a 0-D result of a mean or sum, which is judged under the summation bound and so needs its basis. */
function needsBasis(request: RequestJson, expected: ExpectedJson): boolean {
  const op = opForApi(request.api);
  // A result of several outputs (a list) carries no basis (golden.ts refuses one beside a list).
  if (!op || !expected.output || Array.isArray(expected.output) || expected.output.shape.length !== 0) return false;
  const reduction = reductionOf(op, request);
  return reduction === 'mean' || reduction === 'sum';
}

/** The same call with reduction 'none' and no gradient: the loss before it is reduced. */
function lossRequest(request: RequestJson): RequestJson {
  const op = opForApi(request.api)!;
  const { grad: _grad, grad_output: _gradOutput, ...rest } = unreducedRequest(op, request);
  return rest;
}

/** count and exactly rounded Σ|l_i| of an unreduced loss; undefined when the oracle raised for it. */
function reductionBasis(response: ResponseJson): ReductionBasisJson | undefined {
  if (!response.output) return undefined;
  const values = valuesOf(decodeTensor(response.output, 'oracle.output'));
  return { count: values.length, abs_sum: encodeScalar(absSum(values)) };
}

/** Σ|x| rounded once: NaN when any term is NaN, +inf when any is infinite or the exact sum overflows. */
export function absSum(values: readonly number[]): number {
  if (values.some(Number.isNaN)) return NaN;
  return fsum(values.map(Math.abs));
}

/**
 * The exactly rounded sum of finite or infinite doubles, by Shewchuk's
 * non-overlapping partials with the final round-half-even correction
 * (Python's math.fsum, Modules/mathmodule.c). Infinite terms, and partial
 * sums that overflow, give ±inf (NaN for inf − inf).
 */
export function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  let special = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      special += value;
      continue;
    }
    let x = value;
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      if (!Number.isFinite(hi)) return hi;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  if (special !== 0 || Number.isNaN(special)) return special;
  return roundPartials(partials);
}

/** The partials' sum rounded once: add from the largest down, then fix a halfway case the rounding got wrong. */
function roundPartials(partials: number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // hi + lo is exact; if the rest lies on lo's side, the true sum is past the halfway point.
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
