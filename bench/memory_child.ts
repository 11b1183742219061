/**
 * One memory measurement, in a fresh process so its peak RSS belongs to it
 * alone: allocates and fills the inputs, runs one forward call (or none, for
 * the baseline), and prints {"maxRssBytes", "outputBytes"} as JSON.
 *
 *   node --import tsx bench/memory_child.ts <inputs|fast|literal> <none|mean|sum> <n> <float32|float64>
 */
import { hingeEmbeddingLoss, hingeEmbeddingLossFast, type Reduction } from '../reference/index.js';
import { workloadInputs } from './memory_inputs.js';

const [mode, reduction, nText, dtype] = process.argv.slice(2);
const n = Number(nText);
const { input, label } = workloadInputs(dtype === 'float64' ? 'float64' : 'float32', n);
let outputBytes = 0;
if (mode === 'fast' || mode === 'literal') {
  const loss = (mode === 'fast' ? hingeEmbeddingLossFast : hingeEmbeddingLoss)(input, label, 1.0, reduction as Reduction);
  outputBytes = loss.data.byteLength;
}
// resourceUsage().maxRSS is in kibibytes.
process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, outputBytes, inputBytes: input.data.byteLength + label.data.byteLength })}\n`);
