/**
 * A variant: a port that is the reference with one deliberate change, either
 * a realistic bug the suite must catch or a legitimate difference it must let
 * pass. Each op lists its own (OpDescriptor.mutants); catalog.ts gathers them
 * with the variants every op shares.
 */
import type { ResponseJson } from '../case.js';
import type { Port, PortRequest } from '../port.js';
import { inProcessPort } from '../ports/module.js';

/** One entry of the catalog. */
export interface Variant {
  /** A stable kebab-case name, unique across ops. */
  id: string;
  /** `killed` must be caught by some case; `passes` must pass every case. */
  expect: 'killed' | 'passes';
  /** The bug (or the legitimate difference), in one line. */
  description: string;
  /**
   * For a rule's alternative: the named rule of the op whose behaviour this
   * port replaces with what a reasonable implementation does instead. It must
   * pass every `spec` case and fail a `paddle` case citing the rule
   * (rule_alternatives.test.ts).
   */
  rule?: string;
  /** The family of the op this variant changes (set by the catalog); absent for variants of every op. */
  family?: string;
  /** Set when the fault shows only in --bitwise mode (the sign of a zero, a NaN's payload). */
  bitwiseOnly?: true;
  /** Set when the fault lies where no golden looks: the goldens must pass it and the fuzzer must find it (ops/<op>/fuzz_only.ts). */
  fuzzOnly?: true;
  /**
   * Set when the variant answers most requests exactly as the reference does:
   * whether it can answer this one otherwise. A request it returns false for
   * gets the reference's answer, so a case of it can neither catch the
   * variant nor fail it, and the catalog's tests leave it out.
   */
  departsOn?(request: PortRequest): boolean;
  /** Answers one request. */
  handle(request: PortRequest): ResponseJson;
}

/** The variant as a port, run in process like a `--port` module. */
export function variantPort(variant: Variant, timeoutMs = 10_000): Port {
  return inProcessPort(`mutant:${variant.id}`, { handle: (r) => variant.handle(r) }, timeoutMs);
}
