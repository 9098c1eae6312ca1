import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

const fakes: FakeUpstream[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  for (const f of fakes.splice(0)) await f.close();
});

const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });

async function fake(text: string): Promise<FakeUpstream> {
  const f = await startFakeUpstream({ handler: chatCompletionReply(text) });
  fakes.push(f);
  return f;
}

function configFile(): { path: string; write(yaml: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tk-reload-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'tokligence.yaml');
  return { path, write: (yaml) => writeFileSync(path, yaml) };
}

const yamlFor = (url: string, extra = '') => `providers:\n  up:\n    type: openai-compatible\n    base_url: ${url}/v1\nmodels:\n  smart: up/m\n${extra}`;
const ask = (tk: Tokligence, content = 'hi') => tk.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content }] });

describe('hot reload (tk.reload(): what serve runs on SIGHUP or a changed config file)', () => {
  it('swaps providers and models for new calls while an in-flight stream finishes on the old runtime', async () => {
    const first = await fake('from the first upstream');
    first.replies.push({ chunkDelayMs: 30, chunks: [...sseFrames(Array.from({ length: 8 }, (_, i) => ({ data: chunk(`${i}`) }))), 'data: [DONE]\n\n'] });
    const second = await fake('from the second upstream');
    const file = configFile();
    file.write(yamlFor(first.url));
    const tk = new Tokligence({ configFile: file.path, env: {} });
    cleanups.push(() => tk.close());

    const stream = await tk.chat.completions.create({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const old = tk.runtime;
    expect(old.inflight.count).toBe(1);

    file.write(yamlFor(second.url));
    const result = tk.reload();
    expect(result.changed).toEqual(expect.arrayContaining(['providers']));
    expect(tk.runtime).not.toBe(old);
    // New calls: the new config.
    expect((await ask(tk)).choices[0]?.message.content).toBe('from the second upstream');
    // The call already running: every chunk, from the first upstream.
    let text = '';
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      text += next.value.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('01234567'.slice(1));
    expect(old.inflight.count).toBe(0);
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(1);
  });

  it('a bad new config is refused with its error and the running one stays', async () => {
    const up = await fake('still here');
    const file = configFile();
    file.write(yamlFor(up.url));
    const tk = new Tokligence({ configFile: file.path, env: {} });
    cleanups.push(() => tk.close());
    const running = tk.runtime;

    file.write('providers:\n  up:\n    type: openai-compatible\n    base_url: [not, a, url\n');
    expect(() => tk.reload()).toThrow(/tokligence\.yaml:\d+:\d+: YAML syntax error/);
    file.write(`${yamlFor(up.url)}routing:\n  strategy: fastest-please\n`);
    expect(() => tk.reload()).toThrow(/routing\.strategy/);
    expect(tk.runtime).toBe(running);
    expect((await ask(tk)).choices[0]?.message.content).toBe('still here');
  });

  it('security rules and routing change on reload', async () => {
    const up = await fake('answered');
    const file = configFile();
    file.write(yamlFor(up.url));
    const tk = new Tokligence({ configFile: file.path, env: {} });
    cleanups.push(() => tk.close());
    expect((await ask(tk, 'tell me about project bluebird')).choices[0]?.message.content).toBe('answered');

    file.write(yamlFor(up.url, 'security:\n  prompt_firewall:\n    enabled: true\n    rules:\n      - name: codename\n        keywords: [bluebird]\n        action: block\n        severity: critical\n'));
    expect(tk.reload().changed).toEqual(['security']);
    await expect(ask(tk, 'tell me about project bluebird')).rejects.toThrow(/codename/);
    expect(up.requests).toHaveLength(1);
  });

  it('stored conversations and cached answers survive a reload that leaves their settings alone', async () => {
    const file = configFile();
    const agent = 'agent:\n  enable_session_persistence: true\ncache:\n  enabled: true\n';
    const up = await fake('cached answer');
    file.write(yamlFor(up.url, agent));
    const tk = new Tokligence({ configFile: file.path, env: {} });
    cleanups.push(() => tk.close());
    const first = await tk.responses.create({ model: 'smart', input: 'remember the number 42', store: true });
    await ask(tk, 'same question');
    await tk.flushCache();

    file.write(yamlFor(up.url, `${agent}gateway:\n  request_timeout: 90\n`));
    expect(tk.reload().changed).toEqual(['gateway']);
    const again = await ask(tk, 'same question');
    expect(again.choices[0]?.message.content).toBe('cached answer');
    expect(tk.cacheStats()?.hits).toBe(1);
    const followUp = await tk.responses.create({ model: 'smart', input: 'which number?', previous_response_id: first.id });
    expect(followUp.status).toBe('completed');
    const sent = up.requests.at(-1)?.body as { messages: Array<{ content: unknown }> };
    expect(JSON.stringify(sent.messages)).toContain('remember the number 42');
  });
});
