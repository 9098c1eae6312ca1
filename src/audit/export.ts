import type { AuditQuery, AuditRepo, AuditRow } from '../store/audit/types.js';
import { decryptText, type Keyring } from '../store/encryption.js';

export type ExportFormat = 'jsonl' | 'csv';

const CSV_COLUMNS = ['seq', 'time', 'tenant', 'kind', 'action', 'actor', 'role', 'request_id', 'route', 'model', 'provider', 'decision', 'status', 'findings', 'target', 'details', 'prompt', 'response', 'prev', 'hash'] as const;

/** Content as readable text: decrypted with the keyring, or a marker saying why not. */
function contentOf(row: AuditRow, ring: Keyring | undefined): { prompt?: string; response?: string; encrypted?: string } {
  if (row.content === undefined) return {};
  let text = row.content;
  if (row.keyId) {
    if (!ring?.keys.has(row.keyId)) return { encrypted: row.keyId };
    try {
      text = decryptText(ring, row.keyId, text);
    } catch {
      return { encrypted: `${row.keyId} (does not decrypt)` };
    }
  }
  try {
    return JSON.parse(text) as { prompt?: string; response?: string };
  } catch {
    return {};
  }
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Spreadsheet formula injection: a cell starting with = + - @ is text, not a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The audit rows between `from` and `to` (and of one tenant, kind or actor, when given) for
 * auditors: JSON lines (every field, content decrypted when the keyring can) or CSV (one column per
 * field). `content: false` leaves prompt and response text out (the admin API's export: the text
 * is for `tokligence audit export`, run where the keys are).
 */
export async function* exportAudit(
  repo: AuditRepo,
  query: Omit<AuditQuery, 'afterSeq' | 'limit'>,
  format: ExportFormat,
  ring?: Keyring,
  options: { content?: boolean } = {},
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  for (let after = 0; ; ) {
    const page = await repo.list({ ...query, afterSeq: after, limit: 1000 });
    if (page.length === 0) return;
    for (const row of page) {
      const { content: _c, keyId, contentMac: _m, ...rest } = row;
      const content: ReturnType<typeof contentOf> = options.content === false ? {} : contentOf(row, ring);
      const readable = { ...rest, time: new Date(row.ts).toISOString(), ...(content.prompt !== undefined ? { prompt: content.prompt } : {}), ...(content.response !== undefined ? { response: content.response } : {}), ...(content.encrypted ? { encrypted: keyId } : {}) };
      if (format === 'jsonl') yield `${JSON.stringify(readable)}\n`;
      else {
        const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
          seq: row.seq, time: readable.time, tenant: row.tenant, kind: row.kind, action: row.action, actor: row.actor, role: row.role, request_id: row.requestId, route: row.route,
          model: row.model, provider: row.provider, decision: row.decision, status: row.status, findings: row.findings, target: row.target, details: row.details,
          prompt: content.prompt ?? (content.encrypted ? `[encrypted: ${content.encrypted}]` : undefined), response: content.response, prev: row.prev, hash: row.hash,
        };
        yield `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\n`;
      }
    }
    after = (page[page.length - 1] as AuditRow).seq;
  }
}
