// Profile "enterprise": a shared service on Kubernetes, configured from the environment only:
// API keys per calling service, JSON logs, health and readiness probes, Prometheus metrics, and a
// drain switch for rolling restarts. Offline on the mock unless provider keys are set.
import { Tokligence } from '../src/index.js';
import { createServer } from '../src/server/index.js';

// What a Deployment would set (demo values when unset).
const env = {
  ...process.env,
  TOKLIGENCE_API_KEYS: process.env.TOKLIGENCE_API_KEYS ?? 'svc-search:tk-search-demo,svc-support:tk-support-demo',
  TOKLIGENCE_GATEWAY__REQUEST_TIMEOUT: process.env.TOKLIGENCE_GATEWAY__REQUEST_TIMEOUT ?? '90',
};
const tk = new Tokligence({ profile: 'enterprise', env });
console.log('request_timeout from the environment:', tk.config.gateway.request_timeout, 's; auth on:', tk.config.gateway.auth?.enabled);

const server = createServer(tk, { logLevel: 'warn' });
const get = (path: string) => server.fetch(new Request(`http://gateway.svc${path}`));
const model = process.env.MODEL ?? 'mock/mock-1';
const serviceKey = env.TOKLIGENCE_API_KEYS.split(',')[0]?.split(':').pop() ?? '';

console.log('liveness /healthz:', (await get('/healthz')).status, '· readiness /readyz:', (await get('/readyz')).status);

// A calling service, with its own key (the Anthropic dialect here: any dialect works).
const res = await server.fetch(
  new Request('http://gateway.svc/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': serviceKey, authorization: `Bearer ${serviceKey}`, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Classify this ticket: "refund not received"' }] }),
  }),
);
const msg = (await res.json()) as { content?: Array<{ type: string; text?: string }> };
console.log('svc-search call:', res.status, msg.content?.map((b) => b.text ?? '').join(''));

// What Prometheus scrapes.
const metrics = await (await get('/metrics')).text();
console.log('metrics:', metrics.split('\n').filter((l) => l.startsWith('tokligence_')).slice(0, 6).join('\n         '));

// A rolling restart: stop taking new traffic, let the load balancer notice, then exit.
server.drain();
console.log('after drain /readyz:', (await get('/readyz')).status);
