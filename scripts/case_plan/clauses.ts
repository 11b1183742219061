/**
 * Quoting an op's documentation page: each op's plan keeps its page's clauses
 * by short name (`<op>/clauses.ts`), and a spec case quotes the ones its
 * expectation relies on, joined in the order given.
 */

/** What joins several quoted clauses in a case's `spec_clause`. */
export const CLAUSE_SEPARATOR = ' // ';

/** The clause names every reducing op's page has: the three reductions and the default. */
export type ReductionClause = 'none' | 'mean' | 'sum' | 'reductionDefault';

/** A quoter for one page's clauses: the quoted text of several, joined in the order given. */
export function quoter<C extends Record<string, string>>(clauses: C): (...names: Array<keyof C>) => string {
  return (...names) => names.map((n) => clauses[n]).join(CLAUSE_SEPARATOR);
}

/** The clause that fixes a valid reduction's result ('reductionDefault' for any other value). */
export function reductionClause(reduction: string): ReductionClause {
  if (reduction === 'mean' || reduction === 'sum' || reduction === 'none') return reduction;
  return 'reductionDefault';
}
