import type { CallContext, ChatResult, Middleware, RouteAttempt } from '../core/contracts/index.js';
import { mapAsync } from '../core/async.js';
import { OverloadedError, type TokligenceError, TokligenceError as TokligenceErrorClass, toTokligenceError } from '../core/errors.js';
import type { ChatEvent, Usage } from '../core/types.js';
import type { Governance } from '../governance/governance.js';
import { refusingScope } from '../governance/models.js';
import { costAt, type Price } from '../routing/prices.js';
import { DEFAULT_TENANT, type UsageRow, type UsageStatus } from '../store/index.js';
import { estimateRequestTokens } from '../tokens/estimate.js';

export interface GovernanceMiddlewareOptions {
  /** Targets for a model name: the estimate prices a call at its dearest target. */
  resolve?: (model: string) => Array<{ provider: string; model: string }>;
  /** `gateway.max_tokens_default`: the output reserved for a call that sets no max_tokens. */
  maxTokensDefault: number;
}

const FREE: Price = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
const EMPTY: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** The attempt that answered (else the last one tried). */
function answered(route: RouteAttempt[]): RouteAttempt | undefined {
  for (let i = route.length - 1; i >= 0; i--) if (route[i]?.outcome === 'ok') return route[i];
  return route[route.length - 1];
}

/**
 * Governance (slot 0, outermost): model permissions of the caller's key, user and team; rate
 * limits; a budget reservation; then, once the call is over, one usage-ledger row with its cost,
 * which also settles the reservation. Outermost so that a refused call costs nothing further, and
 * so that the ledger sees what the inner middleware decided (cache hit, firewall block).
 * Streams are recorded when they end: completed (with the usage of their finish event), failed,
 * or cancelled by the caller. It never reads stream content beyond finish and usage events.
 */
export function governanceMiddleware(gov: Governance, options: GovernanceMiddlewareOptions): Middleware | undefined {
  if (!gov.usesStore && !gov.limiter) return undefined;

  const priceOf = (provider: string, model: string): Price | undefined => gov.priceOf(provider, model);

  /** USD a call may cost at most: the prompt (a generous 3 characters a token) and its max_tokens, at its dearest target. */
  const estimate = (ctx: CallContext): number => {
    const prompt = Math.ceil((estimateRequestTokens(ctx.request) * 4) / 3);
    const output = ctx.request.maxTokens ?? options.maxTokensDefault;
    let targets: Array<{ provider: string; model: string }> = [];
    try {
      targets = options.resolve?.(ctx.request.model) ?? [];
    } catch {
      // an unknown model fails in the router, with its own error
    }
    let worst = 0;
    for (const t of targets) {
      const p = priceOf(t.provider, t.model);
      if (p) worst = Math.max(worst, (prompt * p.input + output * p.output) / 1_000_000);
    }
    return worst;
  };

  const middleware = async (ctx: CallContext, next: () => Promise<ChatResult>): Promise<ChatResult> => {
    if (gov.usesStore) await gov.ready();
    if (ctx.identity) ctx.identity = await gov.resolve(ctx.identity);
    const identity = ctx.identity;
    const refused = refusingScope(identity?.modelScopes, ctx.request.model);
    if (refused)
      throw new TokligenceErrorClass(
        'permission',
        `${refused.scope === 'key' ? 'API key' : refused.scope === 'user' ? 'User' : 'Team'} ${refused.id} may not use model "${ctx.request.model}" (allowed: ${refused.models.join(', ')})`,
        { param: 'model' },
      );
    const degraded = (feature: string) => {
      ctx.degraded = [...(ctx.degraded ?? []), feature];
    };
    for (const feature of identity?.degraded ?? []) degraded(feature);
    // No usage row may be lost: with the spool full or its disk failing, new calls wait outside.
    const refusal = gov.ledger?.refusal();
    if (refusal) throw new OverloadedError(`The call cannot be recorded: ${refusal}; retry shortly`, { status: 503, retryAfter: 5, providerType: 'dependency_unavailable' });
    if (await gov.limiter?.check(identity)) degraded('rate_limit');
    const ticket = gov.budgets ? await gov.budgets.admit(identity, estimate(ctx)) : undefined;
    if (ticket?.local) degraded('budgets');
    const ts = gov.now();
    const started = performance.now();

    let done = false;
    const finish = (status: UsageStatus, usage: Usage | undefined, error?: TokligenceError, ttftMs?: number) => {
      if (done) return;
      done = true;
      const u = usage ?? EMPTY;
      gov.limiter?.recordTokens(identity, u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens);
      const target = answered(ctx.route);
      const cacheHit = ctx.cache === 'hit';
      const row: UsageRow = {
        requestId: ctx.requestId,
        tenant: identity?.tenant ?? DEFAULT_TENANT,
        ts,
        userId: identity?.userId,
        keyId: identity?.keyId ?? (identity?.keyName !== undefined ? `config:${identity.keyName}` : undefined),
        teamId: identity?.teamId,
        session: identity?.session,
        tags: identity?.tags,
        dialect: ctx.dialect ?? 'canonical',
        provider: target?.provider,
        model: target?.model,
        alias: ctx.request.model,
        inputTokens: u.inputTokens,
        outputTokens: u.outputTokens,
        cacheReadTokens: u.cacheReadTokens,
        cacheWriteTokens: u.cacheWriteTokens,
        reasoningTokens: u.reasoningTokens ?? 0,
        costUsd: cacheHit || !target ? 0 : costAt(priceOf(target.provider, target.model) ?? FREE, u),
        latencyMs: performance.now() - started,
        ttftMs,
        status,
        errorKind: error?.kind,
        cacheHit,
        firewallAction: gov.takeSecurityAction(ctx.requestId),
      };
      // The row, once written, moves the call's cost out of the budget leases it was admitted under.
      if (ticket && gov.budgets) row.leases = gov.budgets.settle(ticket, row.costUsd);
      for (const key of Object.keys(row) as Array<keyof UsageRow>) if (row[key] === undefined) delete row[key];
      gov.ledger?.record(row);
    };

    let result: ChatResult;
    try {
      result = await next();
    } catch (err) {
      const error = toTokligenceError(err);
      finish(error.kind === 'aborted' ? 'cancelled' : 'failed', undefined, error);
      throw err;
    }
    if (result.type === 'response') {
      finish('completed', result.response.usage);
      return result;
    }
    const ttftMs = performance.now() - started;
    let partial: Partial<Usage> | undefined;
    let failure: TokligenceError | undefined;
    const events = mapAsync(
      result.events,
      (ev: ChatEvent) => {
        if (ev.type === 'finish') finish('completed', ev.usage, undefined, ttftMs);
        else if (ev.type === 'start' && ev.usage) partial = ev.usage;
        else if (ev.type === 'error') failure ??= ev.error;
        return ev;
      },
      {
        onError: (err) => {
          failure ??= toTokligenceError(err);
          return err;
        },
        // Ended without a finish: failed, or cancelled by the caller (tokens known so far: the prompt, when the upstream said).
        onEnd: () => finish(failure && failure.kind !== 'aborted' ? 'failed' : 'cancelled', { ...EMPTY, ...partial }, failure, ttftMs),
      },
    );
    return { ...result, events };
  };
  return Object.assign(middleware, { ignoresStreamContent: true as const });
}
