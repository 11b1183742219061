import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['reference/**/*.test.ts', 'conformance/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    // A beforeAll that runs the reference over every golden (mutants.test.ts) grows with the registry;
    // the default 10 s would skip the whole file on a loaded machine rather than wait.
    hookTimeout: 180_000,
    // Every core: the default leaves one idle, and on a 2-core machine that runs the files one at a time.
    // Half the slow files wait on Paddle's Python process, not on the CPU.
    maxWorkers: '100%',
  },
});
