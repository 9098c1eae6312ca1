// The thin HTTP server on an in-process client: point Claude Code, Codex or any SDK at it.
import { Tokligence } from '../src/index.js';
import { createServer } from '../src/server/index.js';

const tk = new Tokligence({ profile: 'coder' });
const { url, close } = await createServer(tk).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
console.log(`gateway on ${url}`);
const res = await fetch(`${url}/v1/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'mock/mock-1', messages: [{ role: 'user', content: 'hello' }] }),
});
console.log(await res.json());
await close();
