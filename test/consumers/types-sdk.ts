// Compiled by test/consumers/run.sh after the official SDKs (optional peer dependencies) are
// installed next to the tarball: the facades' types are then the SDKs' own. Without the SDKs they
// would accept anything, and each `@ts-expect-error` below would be unused (an error itself).
import { Tokligence } from 'tokligence';

const tk = new Tokligence({ configFile: false });
export async function check(): Promise<string> {
  const r = await tk.chat.completions.create({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] });
  // @ts-expect-error: a ChatCompletion is not a number.
  const a: number = r;
  const m = await tk.messages.create({ model: 'mock/echo', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  // @ts-expect-error: an Anthropic Message is not a number.
  const b: number = m;
  const res = await tk.responses.create({ model: 'mock/echo', input: 'hi' });
  // @ts-expect-error: a Response is not a number.
  const c: number = res;
  // @ts-expect-error: a field the SDK's params do not have is an error, as with the SDK itself.
  await tk.chat.completions.create({ model: 'mock/echo', messages: [], not_a_field: 1 });
  const text: string = res.output_text;
  const content: string | null = r.choices[0].message.content;
  return `${a} ${b} ${c} ${text} ${content}`;
}
