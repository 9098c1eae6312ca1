/**
 * Generators of malformed request bodies for the inbound fuzz test (issue 7, item 6). Seeded and
 * reproducible: a failing case prints its seed and index, and `fuzzCase(route, seed, i)` rebuilds it.
 *
 * Bodies are built as bytes, not objects, so they can hold what JSON.stringify never writes:
 * `1e999`, 10k-deep nesting, invalid UTF-8, truncated text, duplicate keys, BOMs.
 */

export type FuzzRoute = '/v1/chat/completions' | '/v1/responses' | '/v1/messages' | '/v1/messages/count_tokens';

export const FUZZ_ROUTES: FuzzRoute[] = ['/v1/chat/completions', '/v1/responses', '/v1/messages', '/v1/messages/count_tokens'];

export interface FuzzCase {
  /** What kind of damage, for the failure message. */
  label: string;
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/** Seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

const schema = { type: 'object', properties: { path: { type: 'string' }, n: { type: 'integer' } }, required: ['path'] };

/** Valid, feature-rich bodies per route, so mutations reach deep into each decoder. */
function bases(route: FuzzRoute): Array<Record<string, unknown>> {
  switch (route) {
    case '/v1/chat/completions':
      return [
        { model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] },
        {
          model: 'mock-1',
          stream: true,
          stream_options: { include_usage: true },
          max_tokens: 32,
          temperature: 0.5,
          top_p: 0.9,
          stop: ['x'],
          seed: 1,
          tools: [{ type: 'function', function: { name: 'read', description: 'read a file', parameters: schema, strict: false } }],
          tool_choice: 'auto',
          response_format: { type: 'json_schema', json_schema: { name: 'out', schema } },
          messages: [
            { role: 'system', content: 'be brief' },
            { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
            { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read', arguments: '{"path":"a"}' } }] },
            { role: 'tool', tool_call_id: 'call_1', content: 'file body' },
            { role: 'user', content: 'go on' },
          ],
        },
      ];
    case '/v1/responses':
      return [
        { model: 'mock-1', input: 'hi' },
        {
          model: 'mock-1',
          stream: true,
          instructions: 'be brief',
          max_output_tokens: 64,
          reasoning: { effort: 'low', summary: 'auto' },
          text: { format: { type: 'json_schema', name: 'out', schema } },
          tools: [{ type: 'function', name: 'read', description: 'read', parameters: schema, strict: false }, { type: 'custom', name: 'patch', description: 'apply a patch' }],
          tool_choice: 'auto',
          input: [
            { role: 'developer', content: 'dev note' },
            { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'look' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' }] },
            { type: 'function_call', call_id: 'call_1', name: 'read', arguments: '{"path":"a"}' },
            { type: 'function_call_output', call_id: 'call_1', output: 'file body' },
            { type: 'custom_tool_call', call_id: 'call_2', name: 'patch', input: '*** Begin Patch' },
            { type: 'custom_tool_call_output', call_id: 'call_2', output: 'done' },
            { role: 'user', content: 'go on' },
          ],
        },
      ];
    case '/v1/messages':
    case '/v1/messages/count_tokens': {
      const rich: Record<string, unknown> = {
        model: 'mock-1',
        max_tokens: 64,
        system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral', ttl: '1h' } }],
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [{ name: 'read', description: 'read a file', input_schema: schema, cache_control: { type: 'ephemeral' } }],
        tool_choice: { type: 'auto' },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hmm', signature: 'sig' },
              { type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'a' } },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'file body' }], is_error: false }] },
        ],
      };
      if (route === '/v1/messages') rich.stream = true;
      return [{ model: 'mock-1', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }, rich];
    }
  }
}

const deep = (depth: number, open: string, close: string, inner = '0') => open.repeat(depth) + inner + close.repeat(depth);

/** Raw JSON texts for a value: the odd, the huge, the deep and the out of range. */
function weirdValue(r: Rng): string {
  // The huge and deep ones (cases 3–6, 13–16) cost the most to parse: one draw in four.
  const light = [0, 1, 2, 7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 21];
  switch (r() < 0.75 ? pick(r, light) : pick(r, [3, 4, 5, 6, 13, 14, 15, 16])) {
    case 0:
      return pick(r, ['null', 'true', 'false', '0', '-1', '1.5', '-0', '{}', '[]', '[null]', '""']);
    case 1:
      return pick(r, ['1e999', '-1e999', '1e308', '-1e308', '9007199254740993', '1e-400', '123456789012345678901234567890', '4294967296', '-2147483649']);
    case 2:
      return JSON.stringify(pick(r, ['NaN', 'Infinity', '-Infinity', 'nan', 'null', 'undefined', 'true', '1e999', '0x10', ' 12 ', '']));
    case 3:
      return JSON.stringify('x'.repeat(int(r, 10_000, 300_000)));
    case 4:
      return `[${Array.from({ length: int(r, 1000, 20_000) }, () => pick(r, ['0', '""', '{}', 'null'])).join(',')}]`;
    case 5:
      return deep(int(r, 100, 10_000), '[', ']');
    case 6:
      return deep(int(r, 100, 10_000), '{"a":', '}');
    case 7:
      return JSON.stringify(pick(r, ['<|endoftext|>', '\u0000', '\ud800', '\udfff\ud800', '\u202e', '🙂'.repeat(1000), '\r\n\t', '\\', '"', '%s%n', '../../etc/passwd', 'http://169.254.169.254/']));
    case 8:
      return pick(r, ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"toString":1,"valueOf":2}', '{"hasOwnProperty":null}']);
    case 9:
      return pick(r, ['{"type":"weird"}', '{"type":null}', '{"type":1}', '{"type":"text"}', '{"type":"tool_use"}', '{"type":"function"}', '{"type":"image"}']);
    case 10:
      return pick(r, ['[{"type":"text"}]', '[{"type":"text","text":null}]', '[{"role":"user"}]', '[{"role":"tool"}]', '[{"role":"assistant","content":[]}]', '[[]]', '[1,2,3]']);
    case 11:
      return pick(r, ['"user"', '"assistant"', '"system"', '"tool"', '"developer"', '"function"', '"model"', '"bogus"']);
    case 12:
      return JSON.stringify(pick(r, ['{', '{"a":', 'not json', '[1,', '}']));
    case 13:
      return `{${Array.from({ length: int(r, 100, 5000) }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    case 14:
      return `[${Array.from({ length: int(r, 50, 2000) }, () => '{"role":"user","content":"x"}').join(',')}]`;
    case 15:
      return deep(int(r, 100, 3000), '{"type":"text","text":', '}', '"x"');
    case 16:
      return deep(int(r, 100, 3000), '[{"content":', '}]', '"x"');
    default:
      return randomJson(r, 3);
  }
}

/** A small random JSON value. */
function randomJson(r: Rng, depth: number): string {
  const k = int(r, 0, depth > 0 ? 6 : 3);
  if (k === 0) return String(int(r, -1e6, 1e6) / pick(r, [1, 10, 1000]));
  if (k === 1) return JSON.stringify(Math.random().toString(36).slice(2, 2 + int(r, 0, 10)));
  if (k === 2) return pick(r, ['null', 'true', 'false']);
  if (k === 3) return '""';
  if (k <= 4) return `[${Array.from({ length: int(r, 0, 4) }, () => randomJson(r, depth - 1)).join(',')}]`;
  return `{${Array.from({ length: int(r, 0, 4) }, () => `${JSON.stringify(pick(r, ['type', 'role', 'content', 'text', 'name', 'id', 'input', 'x']))}:${randomJson(r, depth - 1)}`).join(',')}}`;
}

/** Every path (keys and indexes) to a value in a JSON tree. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i], [...prefix, i], out);
  } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function parentOf(root: unknown, path: Array<string | number>): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node && typeof node === 'object' ? node : undefined;
}

/** A valid body with 1–3 mutations: a value replaced by a weird one, a key dropped, an unknown key added. */
function mutated(r: Rng, route: FuzzRoute): { text: string; label: string } {
  const body = structuredClone(pick(r, bases(route)));
  const slots = new Map<string, string>();
  const labels: string[] = [];
  const n = int(r, 1, 3);
  for (let m = 0; m < n; m++) {
    const all = paths(body);
    const path = pick(r, all);
    const op = path.length === 0 ? 2 : int(r, 0, 5);
    const marker = `\u0001fuzz${slots.size}\u0001`;
    if (op <= 2) {
      // Replace (most common: the value-typed checks are where decoders crash).
      if (path.length === 0) {
        const key = pick(r, ['model', 'messages', 'input', 'system', 'tools', 'stream', 'max_tokens', 'unknown_field', 'metadata']);
        body[key] = marker;
        labels.push(`set ${key}`);
      } else {
        const parent = parentOf(body, path);
        if (!parent) continue;
        parent[path[path.length - 1] as string] = marker;
        labels.push(`set ${path.join('.')}`);
      }
      slots.set(marker, weirdValue(r));
    } else if (op === 3) {
      const parent = parentOf(body, path);
      if (!parent) continue;
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      labels.push(`delete ${path.join('.')}`);
    } else if (op === 4) {
      // An unknown field where an object is.
      const target = pick(
        r,
        all.filter((p) => {
          const v = p.length === 0 ? body : (parentOf(body, p)?.[p[p.length - 1] as string] as unknown);
          return v && typeof v === 'object' && !Array.isArray(v);
        }),
      );
      const node = (target.length === 0 ? body : parentOf(body, target)?.[target[target.length - 1] as string]) as Record<string, unknown>;
      const key = pick(r, ['unknown', 'x-extra', 'cache_control', 'citations', 'base_url', 'api_key', '__proto__', 'type']);
      Object.defineProperty(node, key, { value: marker, enumerable: true, configurable: true, writable: true });
      slots.set(marker, weirdValue(r));
      labels.push(`add ${[...target, key].join('.')}`);
    } else {
      // Wrap a value in an array (array instead of object), or unwrap an array to its first item.
      const parent = parentOf(body, path);
      if (!parent) continue;
      const key = path[path.length - 1] as string;
      const v = parent[key];
      parent[key] = Array.isArray(v) && r() < 0.5 ? v[0] : [v];
      labels.push(`wrap ${path.join('.')}`);
    }
  }
  let text = JSON.stringify(body);
  for (const [marker, raw] of slots) text = text.split(JSON.stringify(marker)).join(raw);
  return { text, label: `mutated: ${labels.join(', ')}` };
}

const enc = new TextEncoder();

/** Invalid UTF-8 sequences: stray continuation, overlong, surrogate halves, truncated, 0xFF. */
const BAD_UTF8 = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff], [0xfe, 0xff], [0xf4, 0x90, 0x80, 0x80], [0xc3]];

/** A whole-body disaster: not JSON, the wrong JSON, truncated, deep, huge, or not UTF-8. */
function wholeBody(r: Rng, route: FuzzRoute): { body: Uint8Array<ArrayBuffer>; label: string } {
  const valid = JSON.stringify(pick(r, bases(route)));
  const k = int(r, 0, 13);
  const text = (t: string, label: string) => ({ body: enc.encode(t), label });
  switch (k) {
    case 0:
      return text(pick(r, ['', ' ', '\n', 'null', 'true', '0', '"x"', '[]', '{}', '1e999', 'NaN', 'undefined']), 'scalar or empty');
    case 1:
      return text(valid.slice(0, int(r, 1, valid.length - 1)), 'truncated');
    case 2:
      return text(`[${valid}]`, 'array instead of object');
    case 3:
      return text(deep(10_000, '[', ']'), 'array nesting 10k');
    case 4:
      return text(deep(10_000, '{"a":', '}'), 'object nesting 10k');
    case 5:
      return text(`${valid.slice(0, -1)},"messages":${deep(10_000, '[', ']')}}`, 'messages nested 10k');
    case 6:
      return text(`${valid.slice(0, -1)},"tools":[{"name":"t","input_schema":${deep(10_000, '{"a":', '}', '{}')},"parameters":${deep(10_000, '{"a":', '}', '{}')}}]}`, 'tool schema nested 10k');
    case 7: {
      // Invalid UTF-8 bytes inside a string value, or in place of the whole body.
      const bytes = enc.encode(valid);
      const at = valid.indexOf('"hi"') >= 0 ? valid.indexOf('"hi"') + 2 : int(r, 0, bytes.length);
      const bad = pick(r, BAD_UTF8);
      const out = new Uint8Array(bytes.length + bad.length);
      out.set(bytes.subarray(0, at));
      out.set(bad, at);
      out.set(bytes.subarray(at), at + bad.length);
      return { body: out, label: `invalid UTF-8 ${bad.map((b) => b.toString(16)).join(' ')}` };
    }
    case 8:
      return { body: Uint8Array.from({ length: int(r, 1, 2000) }, () => int(r, 0, 255)), label: 'random bytes' };
    case 9:
      return text(`\ufeff${valid}`, 'BOM');
    case 10:
      return text(`${valid}${pick(r, ['x', '}', ',', '{}', '\u0000', ' // c'])}`, 'trailing garbage');
    case 11:
      return text(valid.replace('{', '{"model":1,"model":"mock-1",'), 'duplicate keys');
    case 12:
      return text(valid.replace('{', `{"pad":"${'y'.repeat(int(r, 100_000, 2_000_000))}",`), 'huge string');
    default:
      return text(randomJson(r, 4), 'random JSON');
  }
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*', 'garbage;;;='];

/** Case `i` of the run with `seed` for `route`. */
export function fuzzCase(route: FuzzRoute, seed: number, i: number): FuzzCase {
  const r = rng(seed * 1_000_003 + i * 7919 + route.length);
  const whole = r() < 0.3;
  const { body, label } = whole ? wholeBody(r, route) : (({ text, label }) => ({ body: enc.encode(text), label }))(mutated(r, route));
  const headers: Record<string, string> = {};
  const ct = r();
  if (ct < 0.8) headers['content-type'] = 'application/json';
  else if (ct < 0.95) headers['content-type'] = pick(r, CONTENT_TYPES);
  if (route.startsWith('/v1/messages') && r() < 0.5) headers['anthropic-version'] = '2023-06-01';
  return { label, body, headers };
}
