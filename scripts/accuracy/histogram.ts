/**
 * The distance of a port's values from Paddle's, element by element, as a
 * histogram of ulps, with the largest distance as a fraction of the op's
 * bound: the accuracy report's one measurement.
 */
import { compareResponse, ulpDistance } from '../../conformance/compare.js';
import { opForApi } from '../../conformance/ops/index.js';
import type { GoldenCase, ResponseJson } from '../../conformance/case.js';
import { decodeTensor, elementAt, isFloatDType, shapeSize, type TensorJson, type WireTensor } from '../../conformance/wire.js';

/** Upper ends of the buckets, in ulps; a last bucket takes everything above. */
const EDGES = [0, 1, 2, 4, 16, 256] as const;

/** Counts of element distances, per dtype and kind of result. */
export class UlpHistogram {
  /** Per `<field kind> <dtype>` (e.g. `output float32`): bucket counts, then the non-finite mismatches. */
  readonly rows = new Map<string, { buckets: number[]; nonFinite: number; max: bigint; elements: number }>();
  /** The largest distance seen as a fraction of its bound, and where. */
  worst: { ratio: number; where: string } | undefined;

  /** Adds every float element of the response's tensors against the golden's; returns false when the outcomes differ. */
  addCase(golden: GoldenCase, response: ResponseJson): boolean {
    const expected = golden.expected;
    if (expected.error || response.error || !expected.output || !response.output) return Boolean(expected.error) === Boolean(response.error);
    this.addTensor(expected.reduction_basis ? 'reduced' : 'output', response.output, expected.output);
    for (const [name, t] of Object.entries(expected.grad ?? {})) {
      const actual = response.grad?.[name];
      if (actual) this.addTensor('grad', actual, t);
    }
    const verdict = compareResponse(golden, response, { bitwise: false }, opForApi(golden.request.api));
    if (verdict.status === 'pass' && verdict.closest && (!this.worst || verdict.closest.ratio > this.worst.ratio)) {
      this.worst = { ratio: verdict.closest.ratio, where: `${golden.id} ${verdict.closest.field}[${verdict.closest.index}]` };
    }
    if (verdict.status === 'fail' && verdict.failure.element) this.worst = { ratio: Infinity, where: `${golden.id}: ${verdict.failure.message}` };
    return verdict.status !== 'fail' || verdict.failure.kind === 'value';
  }

  private addTensor(kind: string, actualJson: TensorJson, expectedJson: TensorJson): void {
    const actual = decodeTensor(actualJson);
    const expected = decodeTensor(expectedJson);
    if (!isFloatDType(expected.dtype) || actual.dtype !== expected.dtype || actual.shape.join() !== expected.shape.join()) return;
    const row = this.row(`${kind} ${expected.dtype}`);
    for (let i = 0; i < shapeSize(expected.shape); i++) this.addElement(row, actual, expected, i);
  }

  private addElement(row: { buckets: number[]; nonFinite: number; max: bigint; elements: number }, actual: WireTensor, expected: WireTensor, i: number): void {
    row.elements++;
    const a = elementAt(actual, i);
    const e = elementAt(expected, i);
    if (a === e || (Number.isNaN(a) && Number.isNaN(e))) return void row.buckets[0]!++;
    if (!Number.isFinite(a) || !Number.isFinite(e)) return void row.nonFinite++;
    const d = ulpDistance(actual, expected, i) ?? 0n;
    if (d > row.max) row.max = d;
    const bucket = EDGES.findIndex((edge) => d <= BigInt(edge));
    row.buckets[bucket < 0 ? EDGES.length : bucket]!++;
  }

  private row(key: string): { buckets: number[]; nonFinite: number; max: bigint; elements: number } {
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { buckets: new Array<number>(EDGES.length + 1).fill(0), nonFinite: 0, max: 0n, elements: 0 }));
    return row;
  }

  /** The histogram as an aligned table, one line per field kind and dtype, with percentages. */
  format(title: string): string {
    const head = ['', 'elements', 'equal', '1 ulp', '2', '3-4', '5-16', '17-256', '>256', 'non-finite', 'max ulp'];
    const body = [...this.rows].sort(([a], [b]) => a.localeCompare(b)).map(([key, r]) => [
      key,
      String(r.elements),
      ...[...r.buckets, r.nonFinite].map((n) => (n === 0 ? '0' : `${n} (${((100 * n) / r.elements).toFixed(n === r.elements ? 0 : 2)}%)`)),
      String(r.max),
    ]);
    const width = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
    const line = (cells: string[]): string => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
    const worst = this.worst ? `  largest distance as a fraction of the bound: ${this.worst.ratio.toPrecision(3)} (${this.worst.where})` : '  every value equals Paddle\'s';
    return [title, line(head), ...body.map(line), worst].join('\n');
  }
}
