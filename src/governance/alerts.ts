import { postWebhook } from '../core/webhook.js';
import type { Store } from '../store/index.js';

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

type WriteResult = Awaited<ReturnType<Store['ledger']['write']>>;

/**
 * `team.cost_tracking.alert_threshold`: one webhook alert when a month's spend (all users of a
 * tenant) crosses the threshold. The crossing is seen by exactly one ledger write (the counter's
 * before and after come from the same transaction), so several instances send one alert, not one
 * each; a restart does not resend it.
 */
export class CostAlerts {
  sent = 0;

  constructor(
    private readonly threshold: number,
    private readonly url: string | undefined,
    private readonly doFetch: typeof fetch = globalThis.fetch,
  ) {}

  /** Look at one committed batch; returns the alerts' promises (tests await them). */
  check(result: WriteResult): Promise<boolean>[] {
    const out: Promise<boolean>[] = [];
    for (const m of result.tenantMonths) {
      if (!(m.before < this.threshold && m.after >= this.threshold)) continue;
      this.sent++;
      const month = m.period.slice(2);
      const text = `:money_with_wings: Tokligence spend for ${month} reached ${usd(m.after)}, past the alert threshold of ${usd(this.threshold)} (tenant ${m.tenant})`;
      if (this.url) out.push(postWebhook(this.doFetch, this.url, { text, alert: { type: 'cost_threshold', tenant: m.tenant, month, threshold: this.threshold, spent: m.after } }));
    }
    return out;
  }
}
