/**
 * The case plan: every case the goldens hold, for every registered op,
 * generated deterministically. Each op's groups live in its own folder,
 * scripts/case_plan/<family>/.
 */
export { buildPlan, buildPlans, loadOpPlan, PLAN_GENERATOR, type Groups, type OpPlan } from './plan.js';
