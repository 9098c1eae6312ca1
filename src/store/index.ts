/** The store: users, teams, API keys, the usage ledger and budget counters, over memory, SQLite or PostgreSQL. */
export { hashKey, newRowId, randomToken } from './ids.js';
export { MemoryStore } from './memory/memory-store.js';
export { DEFAULT_DB_PATH, describeStore, expandPath, openStore, type StoreOptions } from './open.js';
export { ALL_TIME, counterId, countersOf, dayKey, monthKey, monthRange, periodEnd } from './periods.js';
export type { ApiKeyRepo, BudgetRepo, LedgerRepo, NewApiKey, NewTeam, NewUser, Store, TeamRepo, UserRepo } from './store.js';
export { StoreConflictError } from './store.js';
export * from './types.js';
