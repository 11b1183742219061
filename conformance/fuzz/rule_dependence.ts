/**
 * Which of an op's named rules decide the result of a request. Every rule of
 * the reference (what Paddle does beyond its documentation page) has an
 * alternative in the op's mutants (`Variant.rule`): what a reasonable port
 * does where the page is silent. A request depends on a rule when that
 * alternative answers it otherwise than the reference, judged by the same
 * comparison policy a port is judged by; where no alternative does, no rule
 * moves the result, and only the page is left to fix it.
 *
 * It is the test the spec goldens already pass (mutants/rule_alternatives.test.ts:
 * every alternative passes every spec case), applied to one generated
 * request: `fuzz --level spec` judges a request only when none of its op's
 * rules decides it, and `fuzz --expectations` recognises a port's known
 * departure by the rules it departs from (departures.ts).
 */
import type { ExpectedJson, GoldenCase, RequestJson } from '../case.js';
import { compareResponse } from '../compare.js';
import type { OpDescriptor } from '../op.js';
import { openOracle, type Oracle } from './oracle.js';

/** The bundled reference as an expectation, with the reduction basis a 0-D mean or sum is judged by. */
let referenceOracle: Promise<Oracle> | undefined;

/** The reference's expectation of each request object asked for (a request is not changed once made). */
const expectations = new WeakMap<RequestJson, Promise<ExpectedJson>>();

/**
 * What the reference expects for a request (its result or its error), as a golden would hold it; computed
 * once per request object, since a caller that checks a request also asks rulesDeciding about it.
 */
export function referenceExpectation(request: RequestJson): Promise<ExpectedJson> {
  let expected = expectations.get(request);
  if (expected === undefined) {
    referenceOracle ??= openOracle('reference');
    expected = referenceOracle.then((oracle) => oracle.expected(request));
    expectations.set(request, expected);
  }
  return expected;
}

/**
 * The rules of the op whose alternative answers the request otherwise than
 * the reference (in --bitwise mode when `bitwise`, where a sign of zero or a
 * NaN's payload counts too). An alternative that throws counts as answering
 * otherwise: it cannot show that its rule leaves the request alone.
 */
export async function rulesDeciding(op: OpDescriptor, request: RequestJson, bitwise = false): Promise<string[]> {
  const expected = await referenceExpectation(request);
  const golden: GoldenCase = { id: `${op.family}/fuzz/rule-dependence`, group: 'fuzz', level: 'paddle', tags: [], description: 'a generated request', request, expected };
  const deciding = new Set<string>();
  for (const alternative of op.mutants) {
    if (alternative.rule === undefined || deciding.has(alternative.rule)) continue;
    let differs: boolean;
    try {
      differs = compareResponse(golden, alternative.handle({ id: golden.id, ...request }), { bitwise }, op).status === 'fail';
    } catch {
      differs = true;
    }
    if (differs) deciding.add(alternative.rule);
  }
  return [...deciding].sort();
}
