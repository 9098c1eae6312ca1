// Profile "team": one shared gateway for a small team. Each teammate gets an API key, the server
// is reachable on the LAN (host 0.0.0.0), and identical prompts are answered from the cache.
// Keys come from TOKLIGENCE_API_KEYS="alice:tk-…,bob:tk-…" (a demo key is used when unset).
// Run it for real with: TOKLIGENCE_API_KEYS=… tokligence serve --profile team
import { Tokligence } from '../src/index.js';
import { createServer } from '../src/server/index.js';

const env = { ...process.env, TOKLIGENCE_API_KEYS: process.env.TOKLIGENCE_API_KEYS ?? 'alice:tk-alice-demo,bob:tk-bob-demo' };
const tk = new Tokligence({ profile: 'team', env });
const server = createServer(tk, { logLevel: 'warn' });
const model = process.env.MODEL ?? 'mock/mock-1';
const aliceKey = env.TOKLIGENCE_API_KEYS.split(',')[0]?.split(':').pop() ?? '';

// The web-standard fetch handler answers without opening a port (the same code `listen()` serves).
const ask = (key: string | undefined, content: string) =>
  server.fetch(
    new Request('http://gateway.local/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
    }),
  );

const anonymous = await ask(undefined, 'hello');
console.log('without a key:', anonymous.status, JSON.stringify(await anonymous.json()));

for (const attempt of ['first', 'second']) {
  const started = performance.now();
  const res = await ask(aliceKey, 'What is our team standup time?');
  const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
  const cache = res.headers.get('x-tokligence-cache') ?? 'n/a';
  console.log(`alice, ${attempt} call: ${res.status} in ${(performance.now() - started).toFixed(1)} ms, cache: ${cache} →`, body.choices[0]?.message.content);
}

const models = await server.fetch(new Request('http://gateway.local/v1/models', { headers: { authorization: `Bearer ${aliceKey}` } }));
console.log('models the team can use:', models.status, ((await models.json()) as { data?: Array<{ id: string }> }).data?.map((m) => m.id).slice(0, 8));
