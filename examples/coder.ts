// Profile "coder": Claude Code and Codex through one gateway. Claude Code speaks Anthropic messages,
// Codex speaks OpenAI responses; the gateway translates either to whatever model you route to.
// Offline on the mock; with keys, MODEL=openai/gpt-4.1 runs "Claude Code" on GPT (or the reverse), and
// MODEL=openai/gpt-5.1-codex on a Responses-only model: the openai provider sends the *-codex family to
// /v1/responses and translates both ways (`api` on a provider says which models go where; see README).
// Point the real tools at `tokligence serve --profile coder`:
//   ANTHROPIC_BASE_URL=http://localhost:8081/anthropic claude      OPENAI_BASE_URL=http://localhost:8081/v1 codex
import { execFileSync } from 'node:child_process';
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'coder' });
const model = process.env.MODEL ?? 'mock/mock-1';

// 1. A Claude Code style turn: Anthropic types, a Bash tool, streamed.
const tools = [
  { name: 'Bash', description: 'Run a shell command', input_schema: { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] } },
];
const messages: Array<{ role: 'user' | 'assistant'; content: unknown }> = [{ role: 'user', content: 'run echo hello from the gateway' }];
const stream = await tk.messages.create({ model, max_tokens: 1024, stream: true, tools, messages: messages as never });
const blocks: Array<{ type: string; id?: string; name?: string; text?: string; json: string }> = [];
for await (const ev of stream) {
  if (ev.type === 'content_block_start') blocks.push({ ...(ev.content_block as { type: string }), json: '' });
  if (ev.type === 'content_block_delta' && ev.delta.type === 'input_json_delta') (blocks[blocks.length - 1] as { json: string }).json += ev.delta.partial_json;
  if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') process.stdout.write(ev.delta.text);
}
process.stdout.write('\n');

// 2. Run the tool the model asked for (only `echo`, this is a demo) and send the result back.
const call = blocks.find((b) => b.type === 'tool_use');
if (call) {
  const { command } = JSON.parse(call.json || '{}') as { command?: string };
  const output = command?.startsWith('echo ') ? execFileSync('echo', [command.slice(5)], { encoding: 'utf8' }) : 'refused: demo runs echo only';
  console.log(`$ ${command}\n${output.trim()}`);
  messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.json || '{}') }] });
  messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: output }] });
  const final = await tk.messages.create({ model, max_tokens: 1024, tools, messages: messages as never });
  console.log('Claude Code sees:', final.content.map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join(''));
}

// 3. A Codex style turn: the Responses API on the same model.
const codex = await tk.responses.create({ model, input: 'Summarise what `git status` does.' });
const text = codex.output.flatMap((item) => (item.type === 'message' ? item.content : [])).map((c) => (c.type === 'output_text' ? c.text : '')).join('');
console.log('Codex sees:', text);
