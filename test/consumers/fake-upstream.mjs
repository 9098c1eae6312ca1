// An OpenAI-compatible upstream on 127.0.0.1 for the consumer smoke tests: it answers
// "echo: <last user message>" (JSON or SSE), answers 429 for model "limited", and shows the last
// body it received on GET /seen (to check that PII was redacted before it left the client).
import { createServer } from 'node:http';

let seen = null;
const server = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/seen') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(seen));
  }
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw || '{}');
  seen = body;
  if (body.model === 'limited') {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
    return res.end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } }));
  }
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const text = `echo: ${typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content)}`;
  const base = { id: 'chatcmpl-1', created: 1, model: body.model };
  const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const chunk = (delta, finish = null, extra = {}) => `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }));
  for (const piece of text.match(/.{1,4}/gs) ?? []) res.write(chunk({ content: piece }));
  res.write(chunk({}, 'stop', { usage }));
  res.end('data: [DONE]\n\n');
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
