import { type ChildProcess, spawn } from 'node:child_process';

/**
 * An OpenAI-compatible upstream in a process of its own, so a test can freeze it for real
 * (SIGSTOP: the kernel still accepts connections and holds open sockets, nothing answers; a
 * stalled or half-dead upstream host) or have it reset connections (TCP RST). The last user
 * message picks the behaviour: `reset-before` resets the connection before any answer,
 * `reset-mid` after the first streamed chunk; anything else is answered, streamed as 5 chunks
 * 50 ms apart when `stream` is set.
 */
const SCRIPT = String.raw`
const http = require('node:http');
const chunk = (delta, finish) => 'data: ' + JSON.stringify({ id: 'chatcmpl-p', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish ?? null }] }) + '\n\n';
const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (d) => (raw += d));
  req.on('end', () => {
    let body = {};
    try { body = JSON.parse(raw); } catch {}
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const last = messages[messages.length - 1];
    const text = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
    if (text.includes('reset-before')) return req.socket.resetAndDestroy();
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ id: 'chatcmpl-p', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: 'Hel' }));
    if (text.includes('reset-mid')) return setTimeout(() => res.socket.resetAndDestroy(), 50);
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (++i < 5) return res.write(chunk({ content: 'lo' }));
      clearInterval(timer);
      res.write(chunk({}, 'stop'));
      res.write('data: ' + JSON.stringify({ id: 'chatcmpl-p', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } }) + '\n\n');
      res.end('data: [DONE]\n\n');
    }, 50);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\n'));
`;

export interface UpstreamProcess {
  url: string;
  pid: number;
  /** SIGSTOP: frozen, sockets open, no answers. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  close(): Promise<void>;
}

export async function startUpstreamProcess(): Promise<UpstreamProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('upstream process did not start within 15 s')), 15_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then(() => reject(new Error('upstream process exited before listening')));
  });
  const signal = (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    close: async () => {
      signal('SIGCONT');
      signal('SIGKILL');
      await exited;
    },
  };
}
