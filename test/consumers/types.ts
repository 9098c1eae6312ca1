// Compiled by test/consumers/run.sh against the installed tarball under NodeNext, Bundler and
// Node10 module resolution: every subpath's types resolve, and the facades keep the SDKs' types.
import { ContentFilter } from 'tokligence/security';
import { createServer } from 'tokligence/server';
import { Tokligence, TokligenceError } from 'tokligence';
// The adapters' subpaths resolve too (their frameworks are peers, not installed here).
export type * as langchain from 'tokligence/langchain';
export type * as aiSdk from 'tokligence/ai-sdk';

const tk = new Tokligence({ configFile: false });
export async function check(): Promise<string> {
  const r = await tk.chat.completions.create({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] });
  const res = await tk.responses.create({ model: 'mock/echo', input: 'hi' });
  const server = createServer(tk);
  const err: unknown = new Error('x');
  const status = err instanceof TokligenceError ? err.status : 0;
  return `${r.choices[0].message.content} ${res.output_text} ${typeof server.fetch} ${status} ${new ContentFilter().redactPii('a@b.co')}`;
}
