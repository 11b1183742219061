/**
 * The case plan of multi_label_margin_loss (paddle.nn.functional.multi_label_margin_loss and paddle.nn.MultiLabelMarginLoss),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
