import { defineConfig } from 'vitest/config';

/** Real coding-agent clients through the gateway (`npm run test:e2e`, via test/e2e/run.sh). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One file at a time: each client is heavy (a native binary or a 10 MB cli.js) and spawns shells.
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
