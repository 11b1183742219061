/**
 * Case parameters and the builder that enumerates them, after gpuweb/cts's
 * `params(u => u.combine(...))`: start from a control row, vary one axis at a
 * time against it, or cross axes where every combination matters. Every row
 * becomes one case whose id spells out all of its parameters.
 */

/** One parameter value as it appears in a case id. */
export type ParamValue = string | number | boolean | null;

/** A row of parameters; key order is the order they appear in the id. */
export type Params = Readonly<Record<string, ParamValue>>;

/** An ordered list of parameter rows, built from a control row. */
export class ParamSet<P extends Params> implements Iterable<P> {
  private constructor(private readonly rows: readonly P[]) {}

  /** A set holding only the control row. */
  static control<P extends Params>(control: P): ParamSet<P> {
    return new ParamSet([control]);
  }

  /** A set holding the given rows, the first being the control. */
  static of<P extends Params>(...rows: P[]): ParamSet<P> {
    if (rows.length === 0) throw new RangeError('ParamSet.of needs at least one row');
    return new ParamSet(rows);
  }

  /** Adds, for each value, a copy of the control row with only `key` changed (one axis at a time). */
  vary<K extends keyof P & string>(key: K, values: readonly P[K][]): ParamSet<P> {
    const control = this.rows[0]!;
    const added = values.filter((v) => !sameValue(v, control[key])).map((v) => ({ ...control, [key]: v }));
    return new ParamSet([...this.rows, ...added]);
  }

  /** Crosses every row with every value of a new axis, appended at the end of the id. */
  combine<K extends string, V extends ParamValue>(key: K, values: readonly V[]): ParamSet<P & Record<K, V>> {
    const rows = this.rows.flatMap((row) => values.map((v) => ({ ...row, [key]: v }) as P & Record<K, V>));
    return new ParamSet(rows);
  }

  /** Keeps the rows that satisfy a predicate. */
  filter(keep: (row: P) => boolean): ParamSet<P> {
    return new ParamSet(this.rows.filter(keep));
  }

  /** Iterates the rows in order. */
  [Symbol.iterator](): Iterator<P> {
    return this.rows[Symbol.iterator]();
  }
}

function sameValue(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  return Object.is(a, b);
}

/** Family and group names go into ids and file names, so they are kept to a safe alphabet. */
const NAME = /^[a-z0-9_]+$/;

/** The stable id of a case: `<family>/<group>/<key=value,...>`; the family is the op's, the group names its golden file. */
export function caseId(family: string, group: string, params: Params): string {
  if (!NAME.test(family)) throw new RangeError(`family name ${JSON.stringify(family)} must be lower-case letters, digits and _`);
  if (!NAME.test(group)) throw new RangeError(`group name ${JSON.stringify(group)} must be lower-case letters, digits and _`);
  const parts = Object.entries(params).map(([k, v]) => `${k}=${formatParam(v)}`);
  if (parts.length === 0) throw new RangeError(`a case of group ${family}/${group} has no parameters; its id would not say what it checks`);
  return `${family}/${group}/${parts.join(',')}`;
}

/**
 * A parameter value as id text: numbers as their shortest decimal (`1e39`,
 * `-0.0`, `inf`, `NaN`), null as `None`, booleans as Python's, the empty
 * string as `''`. Text that would break the id's syntax is refused.
 */
export function formatParam(v: ParamValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (v === '') return "''";
  if (!/^[^,=/\s]+$/.test(v)) throw new RangeError(`parameter value ${JSON.stringify(v)} contains a character an id cannot hold (, = / or space)`);
  return v;
}

function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x).replace('e+', 'e');
}

/** A shape as id text: `2x3`, `scalar` for 0-D. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('x');
}
