/**
 * The case plan of adaptive_log_softmax_with_loss (paddle.nn.functional.adaptive_log_softmax_with_loss and
 * paddle.nn.AdaptiveLogSoftmaxWithLoss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
