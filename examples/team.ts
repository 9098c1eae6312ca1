// Profile "team": one shared gateway for a small team. Each teammate gets a managed API key (shown
// once, stored hashed), every call lands in the usage ledger with its cost, and a daily budget
// refuses calls with a 429 that says which budget and when it resets.
// Run it for real with: tokligence serve --profile team (SQLite at ~/.tokligence/gateway.db), and
// tokligence user create / apikey create / usage --profile team. Here: an in-memory store.
import { AdminService, Tokligence } from '../src/index.js';
import { createServer } from '../src/server/index.js';

const tk = new Tokligence({ profile: 'team', env: {}, database: { type: 'memory' }, team: { quotas: { perUserDaily: 0.0007 } }, prices: { 'mock-1': { input: 10, output: 30 } } });
await tk.ready();
const server = createServer(tk, { logLevel: 'warn' });
const model = process.env.MODEL ?? 'mock/mock-1';

// What `tokligence user create` and `tokligence apikey create` do, on the same store.
const admin = new AdminService(tk.governance!.store!);
const alice = await admin.createUser({ name: 'alice', email: 'alice@team.com', quota: 100 });
const { secret: aliceKey } = await admin.createKey(alice.id, { name: "Alice's key" });
console.log('alice:', alice.id, 'key:', `${aliceKey.slice(0, 13)}…`);

// The web-standard fetch handler answers without opening a port (the same code `listen()` serves).
const ask = (key: string | undefined, content: string) =>
  server.fetch(
    new Request('http://gateway.local/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ model, messages: [{ role: 'user', content }], max_tokens: 10 }),
    }),
  );

const anonymous = await ask(undefined, 'hello');
console.log('without a key:', anonymous.status, JSON.stringify(await anonymous.json()));

for (const attempt of ['first', 'second']) {
  const started = performance.now();
  const res = await ask(aliceKey, `What is our team standup time? (${attempt})`);
  const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
  console.log(`alice, ${attempt} call: ${res.status} in ${(performance.now() - started).toFixed(1)} ms →`, body.choices[0]?.message.content);
  await tk.governance?.ledger?.flush();
}

// What `tokligence usage --user alice` prints.
const usage = await admin.usage({ user: alice.id });
console.log(`usage ${usage.month}: ${usage.total.requests} calls, ${usage.total.inputTokens} in / ${usage.total.outputTokens} out, $${usage.total.costUsd.toFixed(6)}`);

// The daily budget ($0.0007 here) is spent: the next call is refused before any upstream call.
const refused = await ask(aliceKey, 'one more?');
console.log('over budget:', refused.status, 'retry-after', refused.headers.get('retry-after'), JSON.stringify(await refused.json()));
await tk.close();
