import { defineConfig } from 'vitest/config';

/**
 * The deployment artefacts (`npm run test:deploy`): the Helm chart rendered by a real helm and its
 * manifests validated against the Kubernetes schemas, the compose file against the compose spec,
 * the dashboards and alerts against a real /metrics. Validators live in test/deploy/node_modules
 * (`npm ci --prefix test/deploy`), so the main suite does not need them.
 */
export default defineConfig({
  test: {
    include: ['test/deploy/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
