import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeBuiltin } from '../core/node-builtins.js';
import type { Runtime } from '../runtime/index.js';
import { metricsAnswer } from './handler.js';
import type { ServerMetrics } from './metrics.js';

/**
 * `/metrics` on a port of its own (`metrics.prometheus_port`): Prometheus scrapes it where callers
 * cannot reach it. It answers `/metrics` and `/healthz`, nothing else.
 */
export function listenMetrics(metrics: ServerMetrics, runtime: () => Runtime, port: number, host: string): Promise<{ server: Server; url: string }> {
  // node:http through getBuiltinModule, as in node.ts: the server entry stays loadable without it.
  const http = nodeBuiltin('http');
  if (!http) return Promise.reject(new Error("metrics.prometheus_port needs Node's http module"));
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      const answer = await metricsAnswer(metrics, runtime());
      res.writeHead(answer.status, answer.headers).end(answer.body as string);
    } else if (req.method === 'GET' && path === '/healthz') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this port serves /metrics\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({ server, url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}` });
    });
  });
}
