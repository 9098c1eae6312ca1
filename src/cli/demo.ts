import { Tokligence } from '../client.js';
import type { Middleware } from '../core/contracts/index.js';
import { createServer } from '../server/index.js';

/**
 * `tokligence demo`: everything offline. A first gateway with only the mock provider plays the
 * upstream (it speaks real OpenAI-chat and Anthropic wire formats); a second gateway routes to it,
 * so each step shows the caller's request, what the upstream received, and the caller's answer.
 */
export async function runDemo(out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  const seen: Array<{ dialect: string; body: unknown }> = [];
  const recorder: Middleware = (ctx, next) => {
    seen.push({ dialect: ctx.dialect ?? 'canonical', body: ctx.rawBody });
    return next();
  };
  const upstreamTk = new Tokligence({ env: {}, profile: 'personal', middleware: [recorder] });
  const upstream = await createServer(upstreamTk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const tk = new Tokligence({
    env: {},
    profile: 'personal',
    providers: {
      'openai-up': { type: 'openai-compatible', baseUrl: `${upstream.url}/v1`, apiKey: 'demo' },
      'anthropic-up': { type: 'anthropic', baseUrl: upstream.url, apiKey: 'demo' },
    },
  } as never);
  const lastUpstream = () => seen[seen.length - 1];
  const show = (title: string, value: unknown) => out(`${title}\n${indent(JSON.stringify(value, null, 2))}`);
  const section = (title: string) => out(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);

  try {
    section('1. OpenAI chat caller → Anthropic upstream');
    const chatReq = { model: 'anthropic-up/claude-sonnet-4-5', messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Say hello.' }] };
    show('caller sends (OpenAI chat):', chatReq);
    const chatRes = await tk.chat.completions.create(chatReq);
    show(`upstream received (${lastUpstream()?.dialect}):`, lastUpstream()?.body);
    show('caller gets (OpenAI chat):', chatRes);

    section('2. Anthropic caller → OpenAI-chat upstream');
    const msgReq = { model: 'openai-up/gpt-4o', max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
    show('caller sends (Anthropic messages):', msgReq);
    const msgRes = await tk.messages.create(msgReq);
    show(`upstream received (${lastUpstream()?.dialect}):`, lastUpstream()?.body);
    show('caller gets (Anthropic messages):', msgRes);

    section('3. Streamed tool call: Anthropic caller (like Claude Code) → OpenAI-chat upstream');
    const bash = {
      name: 'Bash',
      description: 'Run a shell command',
      input_schema: { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] },
    };
    const toolReq = { model: 'openai-up/gpt-4o', max_tokens: 256, stream: true as const, tools: [bash], messages: [{ role: 'user' as const, content: 'run echo hi using bash' }] };
    show('caller sends:', toolReq);
    const stream = await tk.messages.create(toolReq);
    out('caller gets (Anthropic SSE events):');
    let toolUse: { id: string; name: string } | undefined;
    let args = '';
    for await (const ev of stream) {
      out(`  ${JSON.stringify(ev)}`);
      if (ev.type === 'content_block_start' && ev.content_block.type === 'tool_use') toolUse = ev.content_block;
      if (ev.type === 'content_block_delta' && ev.delta.type === 'input_json_delta') args += ev.delta.partial_json;
    }
    show(`upstream received (${lastUpstream()?.dialect}):`, lastUpstream()?.body);
    if (!toolUse) throw new Error('demo: the mock did not call the tool');

    section('4. Tool result round trip: the caller runs the tool and sends its output back');
    const followUp = {
      model: 'openai-up/gpt-4o',
      max_tokens: 256,
      tools: [bash],
      messages: [
        { role: 'user' as const, content: 'run echo hi using bash' },
        { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: toolUse.id, name: toolUse.name, input: JSON.parse(args || '{}') }] },
        { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: toolUse.id, content: 'hi' }] },
      ],
    };
    show('caller sends:', followUp.messages.slice(1));
    const final = await tk.messages.create(followUp);
    show('upstream received the tool result as (OpenAI chat messages):', (lastUpstream()?.body as { messages: unknown[] } | undefined)?.messages.slice(-2));
    show('caller gets:', final);
    out('\nDone. Start the real gateway with `npx tokligence serve`.');
  } finally {
    await upstream.close(0);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
