import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The ONNX detector end to end (`npm run test:onnx`): onnxruntime-node lives in test/onnx's own
 * package (`npm ci --prefix test/onnx`), not in the root install, so `import('onnxruntime-node')` in
 * src/security/onnx-detector.ts is pointed there. The root suite runs without it and checks the
 * "optional package missing" error instead.
 */
export default defineConfig({
  resolve: {
    alias: { 'onnxruntime-node': fileURLToPath(new URL('./test/onnx/node_modules/onnxruntime-node', import.meta.url)) },
  },
  test: {
    include: ['test/onnx/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 30_000,
  },
});
