/** The store: users, teams, API keys, the usage ledger and budget counters, over memory, SQLite or PostgreSQL. */
export { hashKey, newRowId, randomToken } from './ids.js';
export { MemoryStore } from './memory/memory-store.js';
export { DEFAULT_DB_PATH, describeStore, expandPath, openStore, type StoreOptions } from './open.js';
export { ALL_TIME, counterId, countersOf, dayKey, monthKey, monthRange, periodEnd } from './periods.js';
export type { ApiKeyRepo, ApprovalRepo, BudgetRepo, LedgerRepo, NewApiKey, NewTeam, NewUser, Store, TeamRepo, UserRepo } from './store.js';
export { StoreConflictError } from './store.js';
export * from './types.js';
export type { AuditCheckpoint, AuditEntry, AuditFinding, AuditKind, AuditQuery, AuditRepo, AuditRow } from './audit/types.js';
export { FileAuditRepo, AuditFormatError } from './audit/file-repo.js';
export { MemoryAuditRepo } from './audit/memory-repo.js';
export { BatchWriter, type RowSpool } from './batch-writer.js';
export { ENCRYPTION_KEY_ENV, type Keyring, keyringFromEnv, PREVIOUS_KEYS_ENV, requireKeyring } from './encryption.js';
