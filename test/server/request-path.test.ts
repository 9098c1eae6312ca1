import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestPath } from '../../src/server/node.js';

describe('requestPath', () => {
  it('gives the same path as the URL parser for any request target', () => {
    const piece = fc.constantFrom('v1', 'messages', 'chat', 'completions', '.', '..', '', 'é', '%2e', '%2F', 'a b', '#x', '\\', '?beta=true', '{x}', '"', 'x?y=/../z');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.boolean(), (parts, doubleSlash) => {
        const target = `${doubleSlash ? '//' : '/'}${parts.join('/')}`;
        let expected: string | undefined;
        try {
          expected = new URL(target, 'http://localhost').pathname;
        } catch {
          // the URL parser refuses it; requestPath must still answer
        }
        const got = requestPath(target).pathname;
        if (expected !== undefined) expect(got, target).toBe(expected);
        else expect(typeof got).toBe('string');
      }),
      { numRuns: 2000 },
    );
    expect(requestPath('/v1/messages?beta=true').pathname).toBe('/v1/messages');
    expect(requestPath('http://gw/v1/models').pathname).toBe('/v1/models');
    expect(requestPath('//').pathname).toBe('//');
  });
});

describe('odd request targets over HTTP', () => {
  it('a target the URL parser refuses gets an answer, not a hung connection', async () => {
    const { request } = await import('node:http');
    const { Tokligence } = await import('../../src/index.js');
    const { createServer } = await import('../../src/server/index.js');
    const tk = new Tokligence({ env: {}, configFile: false } as never);
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const port = Number(new URL(server.url).port);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '//', method: 'GET', timeout: 3000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('timeout', () => reject(new Error('no answer')));
        req.on('error', reject);
        req.end();
      });
      // `//` routes like `/` (the hello route); before, the listener threw and the request hung.
      expect(status).toBe(200);
    } finally {
      await server.close(0);
    }
  });
});
