/**
 * The gateway under test for `npm run bench:hostile`: the HTTP server of the `personal` profile
 * (mock provider), in a process of its own so its RSS is its own. Answers the driver's IPC
 * `{ mem, gc }` with its memory (after a full GC when `gc` is set: run with --expose-gc).
 */
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

const tk = new Tokligence({ profile: 'personal', env: {}, configFile: false, ...(process.env.HOSTILE_CONFIG ? JSON.parse(process.env.HOSTILE_CONFIG) : {}) });
const { url } = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
process.on('message', (m: { gc?: boolean }) => {
  if (m.gc) (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.send?.({ mem: { rss, heapUsed, external, arrayBuffers } });
});
process.send?.({ url });
