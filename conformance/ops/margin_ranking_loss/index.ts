/** paddle.nn.functional.margin_ranking_loss and paddle.nn.MarginRankingLoss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { RANKING_DESCRIPTOR } from './descriptor.js';
import { RANKING_MUTANTS } from './mutants.js';
import { RANKING_FUZZ_ONLY } from './fuzz_only.js';

/** The descriptor of margin_ranking_loss. */
export const marginRankingLoss: OpDescriptor = { ...RANKING_DESCRIPTOR, mutants: [...RANKING_MUTANTS, ...RANKING_FUZZ_ONLY] };
