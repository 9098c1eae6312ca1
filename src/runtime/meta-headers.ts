import type { RouteAttempt } from '../core/contracts/route-attempt.js';
import type { ScanReport } from '../core/contracts/scan-report.js';
import type { CallMeta } from './meta.js';

/**
 * What a call did, as response headers: the server sends them, and the facades' `.withResponse()`
 * / `.asResponse()` put them on the in-process Response. `x-tokligence-route` lists each target
 * tried (`provider/model;outcome[;status]`), `x-tokligence-scanned` what the guardrails read.
 */
export function metaHeaders(meta: Pick<CallMeta, 'route' | 'security' | 'cache' | 'degraded'>): Record<string, string> {
  const headers: Record<string, string> = { 'x-tokligence-route': routeHeader(meta.route), 'x-tokligence-attempts': String(meta.route.length) };
  if (meta.security) headers['x-tokligence-scanned'] = scanHeader(meta.security);
  if (meta.cache) headers['x-tokligence-cache'] = meta.cache;
  // Features that served this call without a shared part, failing open (failure_modes).
  if (meta.degraded?.length) headers['x-tokligence-degraded'] = meta.degraded.join(',');
  return headers;
}

export function routeHeader(route: RouteAttempt[]): string {
  return route.map((a) => `${a.provider}/${a.model};${a.outcome}${a.status ? `;${a.status}` : ''}`).join(', ');
}

/** `scanned=user_text,system; not_scanned=images; failed=detector:x (timeout)` (empty lists left out). */
export function scanHeader(report: ScanReport): string {
  return (['scanned', 'not_scanned', 'failed'] as const)
    .filter((k) => report[k].length)
    .map((k) => `${k}=${report[k].join(',')}`)
    .join('; ');
}
