import type { UsageGroup, UsageRow, UsageTotals } from './types.js';

const groupValue = (row: UsageRow, by: UsageGroup): string | undefined => {
  switch (by) {
    case 'user':
      return row.userId;
    case 'team':
      return row.teamId;
    case 'key':
      return row.keyId;
    case 'session':
      return row.session;
    case 'model':
      return row.provider && row.model ? `${row.provider}/${row.model}` : row.model;
    case 'day':
      return new Date(row.ts).toISOString().slice(0, 10);
  }
};

/** Sum rows, overall or per group (the memory store's report; the SQL stores do it in SQL). */
export function totalsOf(rows: UsageRow[], by?: UsageGroup): UsageTotals[] {
  const groups = new Map<string | undefined, UsageTotals>();
  for (const r of rows) {
    const group = by ? (groupValue(r, by) ?? '') : undefined;
    let t = groups.get(group);
    if (!t) groups.set(group, (t = { ...(by ? { group } : {}), requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, errors: 0 }));
    t.requests++;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.cacheReadTokens += r.cacheReadTokens;
    t.cacheWriteTokens += r.cacheWriteTokens;
    t.costUsd += r.costUsd;
    if (r.status !== 'completed') t.errors++;
  }
  if (!by && groups.size === 0) return [{ requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, errors: 0 }];
  return [...groups.values()].sort((a, b) => b.costUsd - a.costUsd || String(a.group).localeCompare(String(b.group)));
}
