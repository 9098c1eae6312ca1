import { type DetectOptions, detectPii, type PiiEntity } from './pii/detect.js';
import type { PiiVault } from './pii/redact.js';

/**
 * Streamed text, made safe chunk by chunk. Text is held back until nothing at the cut can be half
 * of something: half a placeholder (`[EMAIL_` … `1]`), half an entity (`john@exa` … `mple.com`),
 * half a PEM key. On each release the released text is (1) scanned with `inspect` together with an
 * overlap of what came before, (2) redacted of new PII when asked, (3) restored from the vault.
 */
export interface StreamTextOptions {
  vault?: PiiVault;
  /** Redact PII the upstream produced itself (replace mode); needs `detect`. */
  redactNew?: boolean;
  detect?: DetectOptions;
  /** Escape restored values (e.g. for JSON string context in tool arguments). */
  escape?: (value: string) => string;
  /** Characters always held back (default 96). */
  holdBack?: number;
  /** Characters of already released text scanned again with the next chunk (default 64). */
  overlap?: number;
  /** Called with each released segment plus overlap, before restore; return a reason to stop the stream. */
  inspect?: (window: string, segment: string) => string | undefined;
}

export interface StreamStep {
  text: string;
  /** Set when `inspect` asked to stop: nothing more may be released. */
  blocked?: string;
}

const MAX_TOKEN = 4096;

export class StreamTextGuard {
  private buf = '';
  private tail = '';
  private stopped?: string;
  private readonly holdBack: number;
  private readonly overlap: number;

  constructor(private readonly options: StreamTextOptions = {}) {
    this.holdBack = Math.max(options.holdBack ?? 96, (options.vault?.maxTokenLength ?? 0) + 2);
    this.overlap = options.overlap ?? 64;
  }

  /** Add upstream text; returns what may be released now. */
  push(text: string): StreamStep {
    if (this.stopped) return { text: '', blocked: this.stopped };
    this.buf += text;
    return this.release(false);
  }

  /** The stream ended: release everything left. */
  flush(): StreamStep {
    if (this.stopped) return { text: '', blocked: this.stopped };
    return this.release(true);
  }

  private release(final: boolean): StreamStep {
    const buf = this.buf;
    let cut = final ? buf.length : this.safeCut(buf);
    if (cut <= 0) return { text: '' };
    let entities: PiiEntity[] = [];
    if (this.options.redactNew && this.options.detect) {
      // Detect with the released tail in front, so words just before an entity (its context, or a
      // label such as "order no.") count the same as when the whole text is scanned at once.
      const lead = this.tail.length;
      entities = detectPii(this.tail + buf, this.options.detect)
        .filter((e) => e.start >= lead)
        .map((e) => ({ ...e, start: e.start - lead, end: e.end - lead }));
      // Never cut through an entity found in the buffer.
      for (const e of entities) if (e.start < cut && e.end > cut) cut = e.start;
      if (cut <= 0) return { text: '' };
    }
    const segment = buf.slice(0, cut);
    this.buf = buf.slice(cut);
    const reason = this.options.inspect?.(this.tail + segment, segment);
    this.tail = (this.tail + segment).slice(-this.overlap);
    if (reason) {
      this.stopped = reason;
      return { text: '', blocked: reason };
    }
    let out = segment;
    if (entities.length) {
      let redacted = '';
      let pos = 0;
      for (const e of entities) {
        if (e.end > cut || e.start < pos) continue;
        redacted += `${segment.slice(pos, e.start)}[${e.type.toUpperCase()}_REDACTED]`;
        pos = e.end;
      }
      out = redacted + segment.slice(pos);
    }
    if (this.options.vault) out = this.options.vault.restore(out, this.options.escape);
    return { text: out };
  }

  /**
   * Where the buffer may be cut: at least `holdBack` characters from the end, then back to the
   * start of the whitespace-delimited token there (entities and placeholders rarely hold spaces;
   * those that do are caught by the entity check), and never inside an open `[…` or PEM block.
   */
  private safeCut(buf: string): number {
    let cut = buf.length - this.holdBack;
    if (cut <= 0) return 0;
    let back = cut;
    while (back > 0 && !/\s/.test(buf[back - 1]) && cut - back < MAX_TOKEN) back--;
    if (back > 0 || cut - back >= MAX_TOKEN) cut = back;
    else return 0;
    const open = buf.lastIndexOf('[', cut);
    if (open >= 0 && cut - open < 40 && buf.indexOf(']', open) < 0) cut = open;
    const pem = buf.lastIndexOf('-----BEGIN', cut);
    if (pem >= 0 && buf.indexOf('-----END', pem) < 0) cut = Math.min(cut, pem);
    return cut;
  }
}
