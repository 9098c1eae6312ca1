import type { DialectName } from '../core/types.js';

export type Route =
  | { kind: 'call'; dialect: DialectName }
  | { kind: 'count_tokens' }
  | { kind: 'models' }
  | { kind: 'hello' }
  | { kind: 'healthz' }
  | { kind: 'readyz' }
  | { kind: 'metrics' };

const CALLS: Record<string, DialectName> = {
  '/v1/chat/completions': 'openai-chat',
  '/v1/responses': 'responses',
  '/v1/messages': 'anthropic',
};

/**
 * Which route a method and path are. `/anthropic/...` and `/openai/...` prefixes are accepted so a
 * base URL like `http://localhost:8081/anthropic` works; the query string is ignored (`?beta=true`).
 */
export function matchRoute(method: string, pathname: string): Route | undefined {
  const path = (pathname.replace(/^\/(anthropic|openai)(?=\/)/, '').replace(/\/+$/, '') || '/').replace(/^\/(?!v1\/)(chat\/completions|responses|messages|models)/, '/v1/$1');
  if (method === 'POST') {
    const dialect = CALLS[path];
    if (dialect) return { kind: 'call', dialect };
    if (path === '/v1/messages/count_tokens') return { kind: 'count_tokens' };
    return undefined;
  }
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/' || path === '/api/hello') return { kind: 'hello' };
  if (path === '/healthz') return { kind: 'healthz' };
  if (path === '/readyz') return { kind: 'readyz' };
  if (path === '/metrics') return { kind: 'metrics' };
  if (path === '/v1/models') return { kind: 'models' };
  return undefined;
}

/** The dialect to answer an error in when the route gives none: Anthropic if the caller looks like one. */
export function errorDialectFor(pathname: string, headers: { get(name: string): string | null }): DialectName {
  if (pathname.includes('/messages') || pathname.startsWith('/anthropic') || headers.get('anthropic-version')) return 'anthropic';
  if (pathname.includes('/responses')) return 'responses';
  return 'openai-chat';
}
