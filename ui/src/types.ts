/**
 * The admin API's answers, as the gateway defines them: type-only imports from src/ (esbuild
 * drops them, so nothing of the gateway's code enters the bundle), so a changed answer is a type
 * error here rather than a blank cell in the browser.
 */
export type { AuditFinding } from '../../src/store/audit/types.js';
export type { Approval, Team, UsageTotals as Totals, User } from '../../src/store/types.js';
export type { BudgetPeriod, BudgetStatus, CacheSavings as Savings, PublicApiKey as ApiKey, RecentCall as Call, UsageReport } from '../../src/governance/admin-types.js';

import type { AuditRow } from '../../src/store/audit/types.js';

/** An audit row as `GET /admin/audit` lists it: without its content, content MAC and key id. */
export type ListedAuditRow = Omit<AuditRow, 'content' | 'contentMac' | 'keyId'>;
