// The systems `bench:inprocess` compares, each a way for a Node app to make one chat call to the
// fake upstream and read the whole answer (every stream event). Every `make` returns
// `{ json, stream }`: functions doing one call each, resolving when the answer is fully read, to
// something `check` can verify (so a system that answers wrongly fails the bench, not wins it).
import { Pool } from 'undici';
import { anthropicBody, openaiBody, SYSTEM, USER } from '../server/requests.mjs';

const root = new URL('../../', import.meta.url);
// TK_SRC=1: src/ as bench/quick-build.mjs bundled it (bench/.tmp/quick/), instead of dist/.
const src = process.env.TK_SRC === '1';
const ENTRIES = { index: 'index', 'ai-sdk/index': 'ai-sdk', 'langchain/index': 'langchain' };
const dist = (entry) => new URL(src ? `bench/.tmp/quick/${ENTRIES[entry]}.js` : `dist/${entry}.js`, root).href;

// The same ~1 KB request as bench:server: a system prompt and a user turn.

/** Every stream ends with the fake's last word; every JSON answer holds the whole text. */
export function check(mode, answer) {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  if (!text.includes('lazy') || !text.includes('given')) throw new Error(`unexpected ${mode} answer: ${text.slice(0, 300)}`);
}

/** Collect the text of a stream of objects (SDK chunks, events) the way an app would read it. */
async function drainText(iterable, pick) {
  let text = '';
  for await (const item of iterable) text += pick(item) ?? '';
  return text;
}

const openaiDelta = (c) => c.choices?.[0]?.delta?.content;
const anthropicDelta = (e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? e.delta.text : undefined);

/** The floor: an undici pool request, JSON in and out; for streams the SSE split + JSON.parse per event. */
function floor(upstream, dialect) {
  const pool = new Pool(upstream, { connections: 128, keepAliveTimeout: 30_000 });
  const anthropic = dialect === 'anthropic';
  const path = anthropic ? '/v1/messages' : '/v1/chat/completions';
  const headers = anthropic
    ? { 'content-type': 'application/json', 'x-api-key': 'x', 'anthropic-version': '2023-06-01' }
    : { 'content-type': 'application/json', authorization: 'Bearer x' };
  const body = (stream) => (anthropic ? anthropicBody('claude-sonnet-4-6', stream) : openaiBody('gpt-4o', stream));
  return {
    json: async () => {
      const res = await pool.request({ method: 'POST', path, headers, body: JSON.stringify(body(false)) });
      return JSON.parse(await res.body.text());
    },
    stream: async () => {
      const res = await pool.request({ method: 'POST', path, headers: { ...headers, accept: 'text/event-stream' }, body: JSON.stringify(body(true)) });
      const decoder = new TextDecoder();
      let buffer = '';
      let text = '';
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const at = frame.indexOf('data: ');
          const data = at === -1 ? '' : frame.slice(at + 6);
          if (data && data !== '[DONE]') text += (anthropic ? anthropicDelta : openaiDelta)(JSON.parse(data)) ?? '';
          end = buffer.indexOf('\n\n');
        }
      }
      return text;
    },
  };
}

async function tokligence(upstream) {
  const { Tokligence } = await import(dist('index'));
  return new Tokligence({
    env: {},
    configFile: false,
    providers: {
      up: { type: 'openai-compatible', baseUrl: `${upstream}/v1` },
      ant: { type: 'anthropic', baseUrl: upstream, apiKey: 'x' },
    },
    gateway: { logLevel: 'silent' },
  });
}

/** Tokligence's OpenAI chat facade (`tk.chat.completions.create`), to either provider. */
async function tkOpenAI(upstream, model) {
  const tk = await tokligence(upstream);
  return {
    json: () => tk.chat.completions.create(openaiBody(model, false)),
    stream: async () => drainText(await tk.chat.completions.create(openaiBody(model, true)), openaiDelta),
  };
}

/** Tokligence's Anthropic facade (`tk.messages.create`), to either provider. */
async function tkAnthropic(upstream, model) {
  const tk = await tokligence(upstream);
  return {
    json: () => tk.messages.create(anthropicBody(model, false)),
    stream: async () => drainText(await tk.messages.create(anthropicBody(model, true)), anthropicDelta),
  };
}

export const SYSTEMS = {
  'floor-openai': { label: 'floor: undici + JSON.parse (OpenAI chat)', dialect: 'openai', make: (u) => floor(u, 'openai') },
  'floor-anthropic': { label: 'floor: undici + JSON.parse (Anthropic)', dialect: 'anthropic', make: (u) => floor(u, 'anthropic') },
  'openai-sdk': {
    label: '`openai` 6 SDK (chat.completions.create)',
    dialect: 'openai',
    make: async (u) => {
      const { default: OpenAI } = await import('openai');
      const client = new OpenAI({ apiKey: 'x', baseURL: `${u}/v1`, maxRetries: 0 });
      return {
        json: () => client.chat.completions.create(openaiBody('gpt-4o', false)),
        stream: async () => drainText(await client.chat.completions.create(openaiBody('gpt-4o', true)), openaiDelta),
      };
    },
  },
  'anthropic-sdk': {
    label: '`@anthropic-ai/sdk` 1 (messages.create)',
    dialect: 'anthropic',
    make: async (u) => {
      const { default: Anthropic } = await import('@anthropic-ai/sdk');
      const client = new Anthropic({ apiKey: 'x', baseURL: u, maxRetries: 0 });
      return {
        json: () => client.messages.create(anthropicBody('claude-sonnet-4-6', false)),
        stream: async () => drainText(await client.messages.create(anthropicBody('claude-sonnet-4-6', true)), anthropicDelta),
      };
    },
  },
  'tk-pass-openai': { label: 'Tokligence pass-through, OpenAI chat → OpenAI chat', dialect: 'openai', make: (u) => tkOpenAI(u, 'up/gpt-4o') },
  'tk-pass-anthropic': { label: 'Tokligence pass-through, Anthropic → Anthropic', dialect: 'anthropic', make: (u) => tkAnthropic(u, 'ant/claude-sonnet-4-6') },
  'tk-tr-openai': { label: 'Tokligence translated, OpenAI chat → Anthropic', dialect: 'openai', make: (u) => tkOpenAI(u, 'ant/claude-sonnet-4-6') },
  'tk-tr-anthropic': { label: 'Tokligence translated, Anthropic → OpenAI chat', dialect: 'anthropic', make: (u) => tkAnthropic(u, 'up/gpt-4o') },
  'ai-sdk': {
    label: 'AI SDK 6 `generateText` / `streamText` + `@ai-sdk/openai` (chat)',
    dialect: 'openai',
    make: async (u) => {
      const { generateText, streamText } = await import('ai');
      const { createOpenAI } = await import('@ai-sdk/openai');
      const model = createOpenAI({ apiKey: 'x', baseURL: `${u}/v1` }).chat('gpt-4o');
      const args = { model, system: SYSTEM, prompt: USER, maxOutputTokens: 256, temperature: 0.2, maxRetries: 0 };
      return {
        json: async () => (await generateText(args)).text,
        stream: async () => {
          let text = '';
          for await (const t of streamText(args).textStream) text += t;
          return text;
        },
      };
    },
  },
  'ai-sdk-tk': {
    label: 'AI SDK 6 `generateText` / `streamText` + `tokligence/ai-sdk` (in-process, to OpenAI chat)',
    dialect: 'openai',
    make: async (u) => {
      const { generateText, streamText } = await import('ai');
      const { createTokligence } = await import(dist('ai-sdk/index'));
      const model = createTokligence(await tokligence(u))('up/gpt-4o');
      const args = { model, system: SYSTEM, prompt: USER, maxOutputTokens: 256, temperature: 0.2, maxRetries: 0 };
      return {
        json: async () => (await generateText(args)).text,
        stream: async () => {
          let text = '';
          for await (const t of streamText(args).textStream) text += t;
          return text;
        },
      };
    },
  },
  langchain: {
    label: 'LangChain `ChatOpenAI` (@langchain/openai 1.5) invoke / stream',
    dialect: 'openai',
    make: async (u) => {
      const { ChatOpenAI } = await import('@langchain/openai');
      const model = new ChatOpenAI({ model: 'gpt-4o', apiKey: 'x', configuration: { baseURL: `${u}/v1` }, maxTokens: 256, temperature: 0.2, maxRetries: 0 });
      const messages = [
        ['system', SYSTEM],
        ['user', USER],
      ];
      return {
        json: async () => (await model.invoke(messages)).content,
        stream: async () => drainText(await model.stream(messages), (c) => c.content),
      };
    },
  },
  'langchain-tk': {
    label: 'LangChain `TokligenceChatModel` (tokligence/langchain, in-process, to OpenAI chat) invoke / stream',
    dialect: 'openai',
    make: async (u) => {
      const { TokligenceChatModel } = await import(dist('langchain/index'));
      const model = new TokligenceChatModel({ model: 'up/gpt-4o', client: await tokligence(u), maxTokens: 256, temperature: 0.2 });
      const messages = [
        ['system', SYSTEM],
        ['user', USER],
      ];
      return {
        json: async () => (await model.invoke(messages)).content,
        stream: async () => drainText(await model.stream(messages), (c) => c.content),
      };
    },
  },
};
