// The hostile-port suite's own configuration: its runs are timed and measured, so they
// run one at a time, apart from the unit tests (`npx vitest run --config conformance/hostile/vitest.config.ts`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['conformance/hostile/*.hostile.ts'],
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
