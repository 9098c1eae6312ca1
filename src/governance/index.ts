/** Team governance: managed API keys, authentication, rate limits, budgets, the usage ledger, admin operations. */
export { AdminError, AdminService, type NewKeyInput, type NewUserInput, type PublicApiKey, publicKey, storeOptionsOf, type UsageInput, type UsageReport } from './admin.js';
export { extractApiKey, generateApiKey, KEY_HEADERS, keyPrefix } from './api-keys.js';
export { Authenticator, identityOf } from './authenticate.js';
export { BudgetGuard, type Quotas } from './budgets.js';
export { Governance, type GovernanceOptions, needsStore } from './governance.js';
export { LedgerWriter } from './ledger-writer.js';
export type { RateLimitBackend, RateRule } from './rate-limit/backend.js';
export { RateLimiter } from './rate-limit/limiter.js';
export { MemoryRateLimitBackend } from './rate-limit/memory.js';
export { RedisRateLimitBackend } from './rate-limit/redis.js';
export { UsageSpool } from './spool.js';
