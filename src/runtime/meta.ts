import type { CacheOutcome } from '../core/contracts/call-context.js';
import type { RouteAttempt } from '../core/contracts/route-attempt.js';
import type { ScanReport } from '../core/contracts/scan-report.js';
import type { Usage } from '../core/types.js';

/** What every call carries besides its answer. */
export interface CallMeta {
  /** The decision log: every target tried, why, and how it went. */
  route: RouteAttempt[];
  requestId: string;
  /** The call's trace id, while tracing is on. */
  traceId?: string;
  /** The provider and upstream model that answered (the last successful route entry). */
  provider?: string;
  model?: string;
  /** Token usage, once known (for a stream: when it ends; undefined if it failed). */
  usage: Promise<Usage | undefined>;
  /** Estimated cost in USD from the offline price table (and `prices:` overrides), once usage is known. */
  cost: Promise<number | undefined>;
  /** How the response cache answered: `hit`, `miss` or `bypass`; undefined when no cache is on. */
  cache?: CacheOutcome;
  /** Features that served this call degraded, failing open while a shared part was away (`rate_limit`, `budgets`, `auth`, `cache`). */
  degraded?: string[];
  /** What the guardrails examined (`scanned`), could not (`not_scanned`) and which checks failed; undefined when none is on. */
  security?: ScanReport;
}
