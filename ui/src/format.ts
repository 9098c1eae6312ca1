/** Numbers, money and dates in the reader's locale (the browser's), money in USD. */

const locale = typeof navigator !== 'undefined' ? navigator.languages?.[0] ?? navigator.language : undefined;

const usdFine = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const usdWhole = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayLong = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });

/** USD: cents for amounts of a dollar or more, four decimals below (a single call costs fractions of a cent). */
export const money = (usd: number) => (Math.abs(usd) >= 1 || usd === 0 ? usdWhole : usdFine).format(usd);
export const count = (n: number) => integer.format(n);
export const short = (n: number) => compact.format(n);
export const when = (ms: number) => dateTime.format(new Date(ms));
export const clock = (ms: number) => time.format(new Date(ms));
/** A UTC day (`2026-12-07`) as the reader writes it. */
export const dayLabel = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));
export const longDay = (iso: string) => dayLong.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
export const percent = (part: number, whole: number) => (whole > 0 ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole) : '–');
export const ms = (n: number) => `${integer.format(Math.round(n))} ms`;
