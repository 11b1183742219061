/**
 * A port's known departures, as `fuzz --expectations <file>` recognises them
 * in generated requests. The file is the one `run --expectations` reads: its
 * entries name golden cases, and a generated request has no case id. So an
 * entry stands for what its cases stand for, and a generated request that
 * shares one of these with them is the same departure:
 *
 * - a way of leaving the page's domain (page_domain.ts): an input of dtype
 *   int32, size_average=, reduction='MEAN', a label neither -1 nor 1;
 * - a named rule its cases cite (a paddle case's `rules`) that decides the
 *   request (rule_dependence.ts: the rule's alternative answers it otherwise);
 * - an error its cases expect: Paddle raises the very same one (type and
 *   message) on the request.
 *
 * A disagreement on such a request is expected, not a finding, and counted
 * per entry. An entry whose cases have none of the three (spec cases, inside
 * the page's domain and fixed by it) cannot be recognised in a generated
 * request: fuzz says so rather than guess.
 */
import type { ErrorJson, ExpectedJson } from '../case.js';
import type { Expectation } from '../expectations.js';
import type { SuiteCase } from '../golden.js';
import { opForFamily } from '../ops/index.js';
import { globMatcher } from '../query.js';
import { outsidePage } from './page_domain.js';

/** One entry as fuzz reads it for one op: how the op's cases it names leave the page, their rules and their errors. */
interface ReadEntry {
  entry: Expectation;
  outside: ReadonlySet<string>;
  rules: ReadonlySet<string>;
  errors: ReadonlySet<string>;
}

/** What is known of a generated request when its disagreement is weighed. */
export interface RequestTraits {
  /** How it leaves the page's domain (page_domain.ts). */
  outside: readonly string[];
  /** The named rules that decide its result (rule_dependence.ts). */
  rules: readonly string[];
  /** What Paddle (the oracle) does with it. */
  expected: ExpectedJson;
}

/** The expectations file read for one op. */
export interface ExpectedDepartures {
  /** The entries that name cases of the op with a rule or an error, in the file's order: the ones fuzz can recognise. */
  readonly recognisable: readonly Expectation[];
  /** The entries that name cases of the op, none of which leaves the page, cites a rule or expects an error. */
  readonly unrecognisable: readonly Expectation[];
  /** The first entry (in the file's order) covering a request; undefined when none does. */
  covering(request: RequestTraits): Expectation | undefined;
}

/** Reads the entries for the op of `family`, through the cases of `suite` they match. */
export function expectedDepartures(family: string, entries: readonly Expectation[], suite: readonly SuiteCase[]): ExpectedDepartures {
  const op = opForFamily(family);
  if (!op) throw new RangeError(`no op of family ${family} is registered`);
  const ofOp = suite.filter((c) => c.golden.id.startsWith(`${family}/`));
  const read: ReadEntry[] = [];
  const unrecognisable: Expectation[] = [];
  for (const entry of entries) {
    const match = globMatcher(entry.id);
    const named = ofOp.filter((c) => match(c.golden.id));
    if (named.length === 0) continue;
    const outside = new Set(named.flatMap((c) => outsidePage(op, c.golden.request)));
    const rules = new Set(named.flatMap((c) => c.golden.rules ?? []));
    const errors = new Set(named.flatMap((c) => (c.golden.expected.error ? [errorKey(c.golden.expected.error)] : [])));
    if (outside.size === 0 && rules.size === 0 && errors.size === 0) unrecognisable.push(entry);
    else read.push({ entry, outside, rules, errors });
  }
  return {
    recognisable: read.map((r) => r.entry),
    unrecognisable,
    covering: (request) => {
      const error = request.expected.error ? errorKey(request.expected.error) : undefined;
      return read.find((r) => request.outside.some((o) => r.outside.has(o)) || request.rules.some((rule) => r.rules.has(rule)) || (error !== undefined && r.errors.has(error)))?.entry;
    },
  };
}

/** An error as a set member: its type and its whole message. */
function errorKey(e: ErrorJson): string {
  return `${e.type}\u0000${e.message}`;
}
