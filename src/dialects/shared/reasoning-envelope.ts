import type { DialectName, ReasoningPart } from '../../core/types.js';

/**
 * Foreign reasoning carried through a caller's own opaque field. A Responses caller (Codex) gets an
 * Anthropic thinking block's text and signature sealed into `encrypted_content`, which it replays
 * unchanged with `include: ["reasoning.encrypted_content"]`; opening it on the way back gives the
 * Anthropic upstream its signed block byte for byte, so thinking survives a tool loop (TH-11).
 * Not a secret: the signature is what the provider verifies; this only transports it.
 */
const PREFIX = 'tkg1.';

interface SealedBlock {
  /** thinking text */
  t: string;
  /** signature */
  s?: string;
  /** redacted_thinking data */
  r?: string;
}

interface Envelope {
  o: DialectName;
  b: SealedBlock[];
}

/** Seal reasoning parts that carry another dialect's opaque data; undefined when there is none. */
export function sealReasoning(parts: ReasoningPart[]): string | undefined {
  const foreign = parts.filter((p) => p.origin !== undefined && p.origin !== 'responses' && (p.signature || p.redactedData !== undefined));
  const origin = foreign[0]?.origin;
  if (!origin) return undefined;
  const envelope: Envelope = {
    o: origin,
    b: foreign.map((p) => ({ t: p.text, ...(p.signature ? { s: p.signature } : {}), ...(p.redactedData !== undefined ? { r: p.redactedData } : {}) })),
  };
  return PREFIX + Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/** The reasoning parts sealed in `value`, or undefined when it is not one of our envelopes. */
export function openReasoning(value: string | null | undefined): ReasoningPart[] | undefined {
  if (!value?.startsWith(PREFIX)) return undefined;
  try {
    const envelope = JSON.parse(Buffer.from(value.slice(PREFIX.length), 'base64url').toString('utf8')) as Envelope;
    if (typeof envelope.o !== 'string' || !Array.isArray(envelope.b)) return undefined;
    return envelope.b.map((b) => ({
      type: 'reasoning',
      text: typeof b.t === 'string' ? b.t : '',
      origin: envelope.o,
      ...(typeof b.s === 'string' ? { signature: b.s } : {}),
      ...(typeof b.r === 'string' ? { redactedData: b.r } : {}),
    }));
  } catch {
    return undefined;
  }
}
