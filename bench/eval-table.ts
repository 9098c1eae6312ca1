/** A tally of hits per key and split, rendered as a Markdown table (shared by the security evaluations). */
import { heldOut } from './security-split.js';

export type Split = 'tune' | 'held-out';
export const splitOf = (text: string): Split => (heldOut(text) ? 'held-out' : 'tune');

export interface Tally {
  hit: number;
  n: number;
}

export const pct = (t: Tally | undefined) => (t?.n ? `${((100 * t.hit) / t.n).toFixed(1)}% (${t.hit}/${t.n})` : '–');
export const rate = (t: Tally | undefined) => (t?.n ? t.hit / t.n : 0);

export class Table {
  readonly rows = new Map<string, Record<Split, Tally>>();

  add(key: string, split: Split, hit: boolean): void {
    let r = this.rows.get(key);
    if (!r) this.rows.set(key, (r = { tune: { hit: 0, n: 0 }, 'held-out': { hit: 0, n: 0 } }));
    r[split].n++;
    if (hit) r[split].hit++;
  }

  total(split: Split | 'all', filter: (key: string) => boolean = () => true): Tally {
    const t = { hit: 0, n: 0 };
    for (const [k, r] of this.rows) {
      if (!filter(k)) continue;
      for (const s of split === 'all' ? (['tune', 'held-out'] as const) : [split]) {
        t.hit += r[s].hit;
        t.n += r[s].n;
      }
    }
    return t;
  }

  /** The worst (highest) rate of any key, in a split. */
  worst(split: Split | 'all'): { key: string; rate: number } {
    let best = { key: '–', rate: 0 };
    for (const k of this.rows.keys()) {
      const r = rate(this.total(split, (x) => x === k));
      if (r > best.rate) best = { key: k, rate: r };
    }
    return best;
  }

  /** The lowest rate of any key, in a split. */
  lowest(split: Split | 'all', filter: (key: string) => boolean = () => true): { key: string; rate: number } {
    let low = { key: '–', rate: 1 };
    for (const k of this.rows.keys()) {
      if (!filter(k)) continue;
      const t = this.total(split, (x) => x === k);
      if (t.n && t.hit / t.n < low.rate) low = { key: k, rate: t.hit / t.n };
    }
    return low;
  }

  markdown(header: string, withAll = false): string {
    const lines = [`| ${header} | tune | held-out |${withAll ? ' all |' : ''}`, `|---|---|---|${withAll ? '---|' : ''}`];
    for (const [k, r] of [...this.rows].sort((a, b) => a[0].localeCompare(b[0])))
      lines.push(`| ${k} | ${pct(r.tune)} | ${pct(r['held-out'])} |${withAll ? ` ${pct(this.total('all', (x) => x === k))} |` : ''}`);
    return lines.join('\n');
  }
}
