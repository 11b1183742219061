/**
 * The case plan: every case the goldens hold, generated deterministically.
 */
export { buildPlan, GROUPS, PLAN_GENERATOR } from './plan.js';
