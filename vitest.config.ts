import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/onnx/**', 'test/deploy/**', 'node_modules/**'],
    testTimeout: 20_000,
    pool: 'threads',
    // One PostgreSQL server per run for the store, ledger and multi-instance tests.
    globalSetup: ['test/global-setup.ts'],
  },
});
