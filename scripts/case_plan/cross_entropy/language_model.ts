/**
 * cross_entropy at the sizes language models use: vocabularies of 32,000 (LLaMA 2), 128,256 (LLaMA 3) and
 * 151,936 (Qwen 2), rows of 1 and 8, float32 logits and int64 class indices, each input a generated tensor
 * (conformance/generated.ts: a seeded generator and the SHA-256 of its bytes, a few hundred bytes of golden
 * file in place of 4.6 MB). The expected losses are stored as values, as everywhere. No case asks for the
 * input's gradient: it would be C floats per row (4.6 MB at 8 × 151,936), so the gradient's bound is shown
 * live by scripts/accuracy/log_softmax.ts instead. Paddle's CPU has no bfloat16 kernel for
 * cross_entropy_with_softmax: the bfloat16 case records that refusal at full size.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { decodeTensor, valuesOf, type TensorJson, type WireDType } from '../../../conformance/wire.js';
import type { CROSS_ENTROPY_RULES } from '../../../reference/index.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { generated } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'cross_entropy';
const GROUP = 'language_model';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof CROSS_ENTROPY_RULES>(FAMILY, quote);
type Level = { clauses: Array<keyof typeof CLAUSES> } | { rules: Array<keyof typeof CROSS_ENTROPY_RULES> };

/** The vocabularies: LLaMA 2's, LLaMA 3's and Qwen 2's. */
export const VOCABULARIES = [32000, 128256, 151936] as const;
const ROWS = [1, 8] as const;

/** Logits [rows, C], uniform in [low, high); the seed is fixed by C, the rows and the range. */
function logits(c: number, rows: number, dtype: WireDType = 'float32', low = -10, high = 10): TensorJson {
  return generated(dtype, [rows, c], { seed: c * 100 + rows + (high > 10 ? 50 : 0), distribution: 'uniform', low, high });
}

/** Class indices in [0, C), one per row. */
function labels(c: number, rows: number, shape: number[] = [rows]): TensorJson {
  return generated('int64', shape, { seed: c * 100 + rows + 10, distribution: 'integers', low: 0, high: c });
}

/** The class the 8 rows of 151,936 ignore: row 3's generated label. */
const IGNORED = valuesOf(decodeTensor(labels(151936, 8)))[3]!;

/** One case of the group. */
function lm(params: Record<string, string | number>, call: OpCall, description: string, level: Level): PlannedCase {
  return planned({ group: GROUP, params, request: opRequest(FAMILY, call), description, ...level, tags: ['large', 'language-model', 'generated'] });
}

/** The group's cases. */
export function languageModelCases(): PlannedCase[] {
  const out: PlannedCase[] = [];
  for (const c of VOCABULARIES) {
    for (const rows of ROWS) {
      for (const reduction of ['none', 'mean', 'sum']) {
        out.push(lm({ classes: c, rows, reduction }, { tensors: { input: logits(c, rows), label: labels(c, rows) }, args: { reduction } },
          `${rows} row(s) of ${c} classes, logits uniform in [-10, 10), '${reduction}'`, { clauses: ['hard', reduction === 'mean' ? 'mean' : 'reduction'] }));
      }
    }
  }
  const c = 151936;
  const x = logits(c, 8);
  const y = labels(c, 8);
  const w = generated('float32', [c], { seed: c * 100 + 99, distribution: 'uniform', low: 0.5, high: 2 });
  for (const reduction of ['none', 'mean']) {
    // The ignored class is one the generated labels hold (row 3's), so at least one row is left out.
    out.push(lm({ classes: c, rows: 8, ignore_index: 'row_3_label', reduction }, { tensors: { input: x, label: y }, args: { ignore_index: { int: IGNORED }, reduction } },
      `ignore_index equal to row 3's label (${IGNORED}), '${reduction}': that row's loss is 0 and 'mean' divides by the 7 others`, { rules: ['cross-entropy-mean-counts-ignored-below-zero'] }));
  }
  for (const reduction of ['mean', 'sum']) {
    out.push(lm({ classes: c, rows: 8, weight: 'generated', reduction }, { tensors: { input: x, label: y, weight: w }, args: { reduction } },
      `a generated class weight of ${c} in [0.5, 2), '${reduction}': 'mean' divides by Σ weight[label]`, { clauses: ['weightHard', reduction === 'mean' ? 'weightedMean' : 'reduction', 'weight'] }));
  }
  out.push(
    lm({ classes: 128256, rows: 8, form: 'layer', reduction: 'mean' }, { form: 'layer', tensors: { input: logits(128256, 8), label: labels(128256, 8) } },
      'CrossEntropyLoss() on 8 rows of 128,256 classes', { clauses: ['hard', 'mean'] }),
    lm({ classes: c, rows: 8, label_shape: '8x1', reduction: 'none' }, { tensors: { input: x, label: labels(c, 8, [8, 1]) }, args: { reduction: 'none' } },
      'labels [8, 1]: the loss keeps the trailing 1', { clauses: ['label', 'returns'] }),
    lm({ classes: c, rows: 8, logits: 'uniform_-100_100', reduction: 'none' }, { tensors: { input: logits(c, 8, 'float32', -100, 100), label: y }, args: { reduction: 'none' } },
      'logits uniform in [-100, 100): most shifted logits fall below −64 and are clipped there before exp', { rules: ['softmax-shift-clipped-at-64', 'softmax-avx-rows'] }),
    lm({ classes: 32000, rows: 8, dtype: 'float64', reduction: 'none' }, { tensors: { input: logits(32000, 8, 'float64'), label: labels(32000, 8) }, args: { reduction: 'none' } },
      'float64 logits, 8 rows of 32,000 classes', { clauses: ['hard', 'input'] }),
    lm({ classes: c, rows: 8, dtype: 'bfloat16', reduction: 'mean' }, { tensors: { input: logits(c, 8, 'bfloat16'), label: y } },
      "bfloat16 logits at 8 × 151,936: Paddle's CPU has no bfloat16 cross_entropy_with_softmax kernel (RuntimeError)", { rules: ['cross-entropy-float-kernels-only'] }),
  );
  return out;
}
