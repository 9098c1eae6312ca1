/** A gateway on the offline mock, served in-process (fetch) and over loopback HTTP, for repro tests. */
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

export interface ReproGateway {
  server: ReturnType<typeof createServer>;
  url: string;
  /** POST a body (text as is, anything else as JSON) through the fetch handler. */
  post(path: string, body: string | object): Promise<Response>;
  close(): Promise<void>;
}

export async function mockGateway(): Promise<ReproGateway> {
  const tk = new Tokligence({ env: {}, configFile: false });
  const server = createServer(tk, { logLevel: 'silent' });
  const http = await server.listen(0, '127.0.0.1');
  return {
    server,
    url: http.url,
    post: (path, body) =>
      server.fetch(
        new Request(`http://gw${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    close: () => http.close(0),
  };
}
