/**
 * The same mistake gets the same 400 in every dialect: one shared helper each for path-aware zod
 * messages, data URLs and `cache_control` (issue 17). Each case writes one bad value into every
 * dialect's own request shape; the message after the field path must be identical, and the path
 * must be the one spelled in that dialect's wire names.
 */
import { describe, expect, it } from 'vitest';
import type { DialectCodec } from '../../../src/core/contracts/index.js';
import { InvalidRequestError } from '../../../src/core/errors.js';
import { anthropicCodec } from '../../../src/dialects/anthropic/index.js';
import { geminiCodec } from '../../../src/dialects/gemini/index.js';
import { openaiChatCodec } from '../../../src/dialects/openai-chat/index.js';
import { responsesCodec } from '../../../src/dialects/responses/index.js';

type Dialect = 'anthropic' | 'openai-chat' | 'responses' | 'gemini';
const codecs: Record<Dialect, DialectCodec> = {
  anthropic: anthropicCodec as DialectCodec,
  'openai-chat': openaiChatCodec as DialectCodec,
  responses: responsesCodec as DialectCodec,
  gemini: geminiCodec as DialectCodec,
};

/** One user content part (or Gemini part), wrapped in each dialect's request. */
function userPart(dialect: Dialect, part: Record<string, unknown>): unknown {
  switch (dialect) {
    case 'anthropic':
      return { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: [part] }] };
    case 'openai-chat':
      return { model: 'm', messages: [{ role: 'user', content: [part] }] };
    case 'responses':
      return { model: 'm', input: [{ role: 'user', content: [part] }] };
    case 'gemini':
      return { contents: [{ role: 'user', parts: [part] }] };
  }
}

const partPath: Record<Dialect, string> = {
  anthropic: 'messages.0.content.0',
  'openai-chat': 'messages.0.content.0',
  responses: 'input.0.content.0',
  gemini: 'contents.0.parts.0',
};

function failure(dialect: Dialect, body: unknown): InvalidRequestError {
  try {
    codecs[dialect].decodeRequest(body);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequestError);
    return e as InvalidRequestError;
  }
  throw new Error(`${dialect} accepted the bad request`);
}

/** Every dialect's failure: param is the dialect's own path; the text after it is the same for all. */
function expectSameMessage(cases: Partial<Record<Dialect, { body: unknown; param: string }>>, detail: RegExp): void {
  const details = new Set<string>();
  for (const [dialect, { body, param }] of Object.entries(cases) as Array<[Dialect, { body: unknown; param: string }]>) {
    const e = failure(dialect, body);
    expect(e.status, dialect).toBe(400);
    expect(e.param, dialect).toBe(param);
    expect(e.message.startsWith(`${param}: `), `${dialect}: ${e.message}`).toBe(true);
    details.add(e.message.slice(param.length + 2));
  }
  expect([...details]).toHaveLength(1);
  expect([...details][0]).toMatch(detail);
}

const all: Dialect[] = ['anthropic', 'openai-chat', 'responses', 'gemini'];

describe('path-aware zod messages (shared/zod-error.ts)', () => {
  it('a wrong type deep inside a content part is named at the field, not as "invalid input" on the part', () => {
    const textField: Record<Dialect, Record<string, unknown>> = {
      anthropic: { type: 'text', text: 5 },
      'openai-chat': { type: 'text', text: 5 },
      responses: { type: 'input_text', text: 5 },
      gemini: { text: 5 },
    };
    expectSameMessage(
      Object.fromEntries(all.map((d) => [d, { body: userPart(d, textField[d]), param: `${partPath[d]}.text` }])),
      /^Invalid input: expected string, received number$/,
    );
  });

  it('an unknown role reads the same whether the schema is an enum or a discriminated union', () => {
    const bodies: Record<Dialect, unknown> = {
      anthropic: { model: 'm', max_tokens: 16, messages: [{ role: 'robot', content: 'x' }] },
      'openai-chat': { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      responses: { model: 'm', input: [{ role: 'robot', content: 'x' }] },
      gemini: { contents: [{ role: 'robot', parts: [{ text: 'x' }] }] },
    };
    const params: Record<Dialect, string> = {
      anthropic: 'messages.0.role',
      'openai-chat': 'messages.0.role',
      responses: 'input.0.role',
      gemini: 'contents.0.role',
    };
    for (const d of all) {
      const e = failure(d, bodies[d]);
      expect(e.param).toBe(params[d]);
      // Each dialect lists its own roles, in zod's enum wording.
      expect(e.message).toMatch(new RegExp(`^${params[d].replaceAll('.', '\\.')}: Invalid option: expected one of "`));
    }
  });

  it('an unknown content part type lists the types the dialect knows, in the same wording', () => {
    const chat = failure('openai-chat', userPart('openai-chat', { type: 'bogus' }));
    const responses = failure('responses', userPart('responses', { type: 'bogus' }));
    expect(chat.message).toBe('messages.0.content.0.type: Invalid option: expected one of "text"|"image_url"|"file"');
    expect(responses.message).toMatch(/^input\.0\.content\.0\.type: Invalid option: expected one of "input_text"\|/);
  });
});

describe('data URLs (core/data-url.ts)', () => {
  const notBase64 = 'data:image/png,iVBORw0KGgo';
  const urlField: Record<Dialect, { part: Record<string, unknown>; field: string }> = {
    anthropic: { part: { type: 'image', source: { type: 'url', url: notBase64 } }, field: 'source.url' },
    'openai-chat': { part: { type: 'image_url', image_url: { url: notBase64 } }, field: 'image_url.url' },
    responses: { part: { type: 'input_image', image_url: notBase64 }, field: 'image_url' },
    gemini: { part: { fileData: { fileUri: notBase64 } }, field: 'fileData.fileUri' },
  };

  it('a data URL that is not base64 is refused with the same message in every dialect', () => {
    expectSameMessage(
      Object.fromEntries(all.map((d) => [d, { body: userPart(d, urlField[d].part), param: `${partPath[d]}.${urlField[d].field}` }])),
      /^a data URL must be base64/,
    );
  });

  it('a base64 data URL decodes to the same canonical image everywhere (media type parameters allowed)', () => {
    const url = 'data:image/png;name=a.png;base64,iVBORw0KGgo=';
    const parts: Record<Dialect, Record<string, unknown>> = {
      anthropic: { type: 'image', source: { type: 'url', url } },
      'openai-chat': { type: 'image_url', image_url: { url } },
      responses: { type: 'input_image', image_url: url },
      gemini: { fileData: { fileUri: url, mimeType: 'image/png' } },
    };
    for (const d of all) {
      const req = codecs[d].decodeRequest(userPart(d, parts[d]));
      const image = req.messages[0]?.content[0];
      expect(image, d).toMatchObject({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } });
    }
  });
});

describe('cache_control (shared/cache-control.ts)', () => {
  // Only Anthropic and OpenAI chat (LiteLLM-style clients) carry cache_control on the wire.
  const carriers = ['anthropic', 'openai-chat'] as const;

  it('a wrong marker type is refused with the same message', () => {
    expectSameMessage(
      Object.fromEntries(
        carriers.map((d) => [
          d,
          { body: userPart(d, { type: 'text', text: 'hi', cache_control: { type: 'forever' } }), param: `${partPath[d]}.cache_control.type` },
        ]),
      ),
      /^Invalid input: expected "ephemeral"$/,
    );
  });

  it('a marker that is not an object is refused with the same message', () => {
    expectSameMessage(
      Object.fromEntries(
        carriers.map((d) => [d, { body: userPart(d, { type: 'text', text: 'hi', cache_control: 'yes' }), param: `${partPath[d]}.cache_control` }]),
      ),
      /^Invalid input: expected object, received string$/,
    );
  });

  it('on a tool, too', () => {
    const tool = { name: 'f', cache_control: { type: 'forever' } };
    expectSameMessage(
      {
        anthropic: { body: { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'x' }], tools: [{ ...tool, input_schema: { type: 'object' } }] }, param: 'tools.0.cache_control.type' },
        'openai-chat': {
          body: { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' }, cache_control: tool.cache_control }] },
          param: 'tools.0.cache_control.type',
        },
      },
      /^Invalid input: expected "ephemeral"$/,
    );
  });

  it('a valid marker (with ttl and future keys) decodes to the same canonical marker', () => {
    const cc = { type: 'ephemeral', ttl: '1h', scope: 'global' };
    for (const d of carriers) {
      const req = codecs[d].decodeRequest(userPart(d, { type: 'text', text: 'hi', cache_control: cc }));
      expect(req.messages[0]?.content[0], d).toEqual({ type: 'text', text: 'hi', cacheControl: cc });
    }
  });
});
