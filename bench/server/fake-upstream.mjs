// The fake provider every system under test talks to, in its own process so its CPU is not
// counted against anyone. Fixed answers, built once: OpenAI chat.completion JSON or SSE
// (20 content chunks + a usage chunk + [DONE]) on /v1/chat/completions, and the Anthropic
// message JSON or SSE on /v1/messages. An SSE answer is written in one piece (cheap for the
// fake; the system under test still has to parse and re-frame every event).
import { createServer } from 'node:http';
import { anthropicJson, anthropicSse, openaiJson, openaiSse } from './fake-payloads.mjs';

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const STREAM = /"stream"\s*:\s*true/;

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts).toString('latin1');
    const stream = STREAM.test(body);
    const anthropic = req.url.endsWith('/messages');
    if (!anthropic && !req.url.endsWith('/chat/completions')) {
      res.writeHead(404, JSON_HEADERS).end('{"error":{"message":"not found"}}');
      return;
    }
    const payload = anthropic ? (stream ? anthropicSse : anthropicJson) : stream ? openaiSse : openaiJson;
    res.writeHead(200, stream ? SSE_HEADERS : { ...JSON_HEADERS, 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
