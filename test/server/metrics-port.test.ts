import { describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

const chat = (url: string) => fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }) });

describe('metrics.enabled and metrics.prometheus_port (the scenarios\' observability.metrics)', () => {
  it('prometheus_port: /metrics on a listener of its own, not on the gateway port', async () => {
    const tk = new Tokligence({ env: {}, configFile: false });
    // 0: any free port (the config key takes the real one; the option is what serve passes on).
    const { url, metricsUrl, close } = await createServer(tk, { logLevel: 'silent', metricsPort: 0 }).listen(0, '127.0.0.1');
    try {
      expect(metricsUrl).toBeDefined();
      expect(metricsUrl).not.toBe(url);
      expect((await chat(url)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
      const scraped = await fetch(`${metricsUrl}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/tokligence_requests_total\{[^}]*status="200"[^}]*\} 1/);
      expect((await fetch(`${metricsUrl}/healthz`)).status).toBe(200);
      expect((await fetch(`${metricsUrl}/v1/chat/completions`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await close();
    }
    // closed with the server
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
  });

  it('the config key sets the port; metrics.enabled: false serves no /metrics at all', async () => {
    const probe = await createServer(new Tokligence({ env: {}, configFile: false }), { logLevel: 'silent', metricsPort: 0 }).listen(0, '127.0.0.1');
    const port = Number(new URL(probe.metricsUrl!).port);
    await probe.close();
    const tk = new Tokligence({ env: {}, configFile: false, metrics: { prometheusPort: port } } as never);
    const s = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    expect(s.metricsUrl).toBe(`http://127.0.0.1:${port}`);
    await s.close();

    const off = new Tokligence({ env: {}, configFile: false, metrics: { enabled: false, prometheusPort: port } } as never);
    const server = createServer(off, { logLevel: 'silent' });
    expect(server.metrics).toBeUndefined();
    const o = await server.listen(0, '127.0.0.1');
    expect(o.metricsUrl).toBeUndefined();
    expect((await fetch(`${o.url}/metrics`)).status).toBe(404);
    await o.close();
  });
});
