import type { DialectName } from '../core/types.js';

/** How a Gemini `streamGenerateContent` answer is framed: `?alt=sse`, else one JSON array. */
export type GeminiFraming = 'sse' | 'json-array';

export type Route =
  | { kind: 'call'; dialect: DialectName; gemini?: { model: string; stream: boolean; framing: GeminiFraming } }
  | { kind: 'count_tokens'; dialect: 'anthropic' | 'gemini'; model?: string }
  | { kind: 'models'; gemini?: { model?: string } }
  | { kind: 'hello' }
  | { kind: 'healthz' }
  | { kind: 'readyz' }
  | { kind: 'metrics' };

const CALLS: Record<string, DialectName> = {
  '/v1/chat/completions': 'openai-chat',
  '/v1/responses': 'responses',
  '/v1/messages': 'anthropic',
};

/** `/v1beta/models/{model}:{method}` (also `/v1/…`): the model is everything up to the last colon. */
const GEMINI_METHOD = /^\/v1(?:beta|alpha)?\/models\/(.+):(generateContent|streamGenerateContent|countTokens)$/;
const GEMINI_MODEL = /^\/v1(?:beta|alpha)?\/models(?:\/([^:]+))?$/;

/**
 * Which route a method and path are. `/anthropic/...`, `/openai/...` and `/gemini/...` prefixes are
 * accepted so a base URL like `http://localhost:8081/anthropic` works. The query string matters only
 * to Gemini's stream endpoint (`?alt=sse`); `?beta=true` and the like are ignored.
 */
export function matchRoute(method: string, pathname: string, search = ''): Route | undefined {
  const path = (pathname.replace(/^\/(anthropic|openai|gemini)(?=\/)/, '').replace(/\/+$/, '') || '/').replace(/^\/(?!v1\/)(chat\/completions|responses|messages|models)/, '/v1/$1');
  if (method === 'POST') {
    const dialect = CALLS[path];
    if (dialect) return { kind: 'call', dialect };
    if (path === '/v1/messages/count_tokens') return { kind: 'count_tokens', dialect: 'anthropic' };
    const gemini = GEMINI_METHOD.exec(path);
    if (!gemini) return undefined;
    const model = decodeModel(gemini[1] as string);
    if (gemini[2] === 'countTokens') return { kind: 'count_tokens', dialect: 'gemini', model };
    const stream = gemini[2] === 'streamGenerateContent';
    return { kind: 'call', dialect: 'gemini', gemini: { model, stream, framing: stream && queryParam(search, 'alt') !== 'sse' ? 'json-array' : 'sse' } };
  }
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/' || path === '/api/hello') return { kind: 'hello' };
  if (path === '/healthz') return { kind: 'healthz' };
  if (path === '/readyz') return { kind: 'readyz' };
  if (path === '/metrics') return { kind: 'metrics' };
  if (path === '/v1/models') return { kind: 'models' };
  const gemini = path.startsWith('/v1/models/') ? undefined : GEMINI_MODEL.exec(path);
  if (gemini) return { kind: 'models', gemini: gemini[1] ? { model: decodeModel(gemini[1]) } : {} };
  return undefined;
}

/** The model named in a Gemini path, unescaped (`claude%2Dx` → `claude-x`); a bad escape stays as it is. */
function decodeModel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** One query parameter's value (`?alt=sse&key=…`), without a URL parser on the hot path. */
export function queryParam(search: string, name: string): string | undefined {
  if (!search.includes(`${name}=`)) return undefined;
  return new URLSearchParams(search).get(name) ?? undefined;
}

/** The dialect to answer an error in when the route gives none: the one the caller looks like. */
export function errorDialectFor(pathname: string, headers: { get(name: string): string | null }): DialectName {
  if (pathname.includes('/messages') || pathname.startsWith('/anthropic') || headers.get('anthropic-version')) return 'anthropic';
  if (pathname.includes('/responses')) return 'responses';
  if (pathname.startsWith('/gemini') || /^\/v1(beta|alpha)\//.test(pathname) || headers.get('x-goog-api-key') !== null || pathname.includes(':generateContent') || pathname.includes(':streamGenerateContent'))
    return 'gemini';
  return 'openai-chat';
}
