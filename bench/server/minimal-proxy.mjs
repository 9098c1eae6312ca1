// The minimal proxy: the floor any Node gateway pays. node:http in, parse the JSON, forward over an
// undici keep-alive pool, parse and re-serialise the answer (a stream is piped through as bytes).
import { createServer } from 'node:http';
import { Pool } from 'undici';

const [port, upstream] = [Number(process.argv[2] ?? 0), process.argv[3]];
const pool = new Pool(upstream, { connections: 128, keepAliveTimeout: 60_000 });

const server = createServer({ keepAliveTimeout: 65_000 }, async (req, res) => {
  const parts = [];
  for await (const c of req) parts.push(c);
  const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
  const up = await pool.request({ method: 'POST', path: req.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!body.stream) {
    const text = JSON.stringify(await up.body.json());
    res.writeHead(up.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    return;
  }
  res.writeHead(up.statusCode, { 'content-type': up.headers['content-type'], 'cache-control': 'no-cache' });
  for await (const c of up.body) res.write(c);
  res.end();
});

server.listen(port, '127.0.0.1', () => process.send?.({ ready: server.address().port }));
