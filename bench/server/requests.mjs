// The request bodies of bench:server, shared by run.mjs (throughput) and icount.mjs (instructions
// per request), so both measure the same requests.
import { existsSync, readFileSync } from 'node:fs';

// A realistic small chat body: a system prompt and a user turn, about 1 KB.
export const SYSTEM =
  'You are a careful senior software engineer helping a colleague review a change. Answer in plain English, ' +
  'be concise, cite file names and line numbers when you refer to code, and never invent APIs that do not exist. ' +
  'When a question is ambiguous, state the assumption you make before answering. Prefer small, reversible steps, ' +
  'and point out risks such as data loss, security problems or breaking changes to public interfaces.';
export const USER =
  'Here is the diff summary: the HTTP server now reads the request body with a size limit, decodes it with the ' +
  'dialect codec, routes it to the first healthy provider and streams the answer back as server-sent events. ' +
  'Errors are mapped to the caller dialect. Is there anything in this design that could leak memory under load, ' +
  'or slow down every request? Please list at most three concerns, most important first, one sentence each.';
/** The OpenAI chat request object (bench:inprocess passes it to SDKs; bench:server sends it as JSON). */
export const openaiBody = (model, stream) => ({
  model,
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: USER },
  ],
  max_tokens: 256,
  temperature: 0.2,
  ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
});
/** The same request in the Anthropic messages dialect. */
export const anthropicBody = (model, stream) => ({
  model,
  system: SYSTEM,
  messages: [{ role: 'user', content: USER }],
  max_tokens: 256,
  temperature: 0.2,
  ...(stream ? { stream: true } : {}),
});
export const chatBody = (model, stream, extra = {}) => JSON.stringify({ ...openaiBody(model, stream), ...extra });

export const PATH = '/v1/chat/completions';
export const BASE_HEADERS = { 'content-type': 'application/json', authorization: 'Bearer bench-key' };
export const CC_HEADERS = { 'content-type': 'application/json', 'x-api-key': 'x', 'anthropic-version': '2023-06-01' };

/**
 * A real Claude Code turn (30 KB: system prompt, tools, history) as Claude Code sends it, streamed,
 * with the given model; undefined when the shared capture is not there.
 */
export function claudeCodeBody(root) {
  const capture = `${root}../shared/fixtures/client-captures/claude-2.1.197-p-tool--004-POST_v1_messages.json`;
  if (!existsSync(capture)) return undefined;
  const cc = JSON.parse(readFileSync(capture, 'utf8')).body;
  return (model) => JSON.stringify({ ...cc, model, stream: true });
}
