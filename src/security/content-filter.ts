import { type DetectOptions, detectPii, type PiiEntity } from './pii/detect.js';
import type { PiiType } from './pii/recognizers.js';
import { applyRedaction, PiiVault, type RedactionMode } from './pii/redact.js';
import { type ToxicityCategory, type ToxicityOptions, type ToxicityResult, scoreToxicity } from './toxicity.js';

export interface ContentFilterConfig {
  /** PII types to look for (default: email, phone, ssn, credit_card, iban, ip_address, mac_address, crypto, secrets). */
  types?: PiiType[];
  /** Redaction mode (default `replace`: `[EMAIL_REDACTED]`). */
  mode?: RedactionMode;
  /** Minimum PII score (default 0.5). */
  threshold?: number;
  /** Salt for `hash` mode. */
  salt?: string;
  toxicity?: ToxicityOptions;
  /** Extra recognizer options (phone regions and leniency). */
  detect?: Omit<DetectOptions, 'types' | 'threshold'>;
}

/**
 * PII detection and redaction, and a toxicity score, over plain text.
 *
 * @example
 * new ContentFilter().redactPii('My email is john@example.com') // → 'My email is [EMAIL_REDACTED]'
 * const f = new ContentFilter({ mode: 'tokens' });
 * const r = f.redact('mail john@example.com'); // r.text: 'mail [EMAIL_1]'
 * f.restore('[EMAIL_1] replied', r.vault!)      // → 'john@example.com replied'
 */
export class ContentFilter {
  constructor(private readonly config: ContentFilterConfig = {}) {}

  detectPii(text: string): PiiEntity[] {
    return detectPii(text, { ...this.config.detect, types: this.config.types, threshold: this.config.threshold });
  }

  /** The redacted text (see `redact` for the entities and the vault). */
  redactPii(text: string, mode?: RedactionMode): string {
    return this.redact(text, { mode }).text;
  }

  /** Redact and return the entities; `tokens` mode also returns (or fills the given) vault. */
  redact(text: string, options: { mode?: RedactionMode; vault?: PiiVault } = {}): { text: string; entities: PiiEntity[]; vault?: PiiVault } {
    const mode = options.mode ?? this.config.mode ?? 'replace';
    return applyRedaction(text, this.detectPii(text), { mode, salt: this.config.salt, vault: options.vault });
  }

  /** Put real values back in place of `tokens`-mode placeholders. */
  restore(text: string, vault: PiiVault): string {
    return vault.restore(text);
  }

  toxicity(text: string): ToxicityResult {
    return scoreToxicity(text, this.config.toxicity);
  }

  /** True when any configured toxicity category is at or above its threshold. */
  isToxic(text: string): { toxic: boolean; categories: ToxicityCategory[] } {
    const r = this.toxicity(text);
    return { toxic: r.flagged.length > 0, categories: r.flagged };
  }
}

export { PiiVault };
