/**
 * Provider options the AI SDK carries on prompt parts, read the way `@ai-sdk/anthropic` reads them,
 * so a prompt written for Anthropic keeps its prompt-cache markers and thinking signatures through
 * Tokligence: `anthropic.cacheControl` (or `cache_control`) on messages, parts and tools;
 * `anthropic.signature` / `redactedData` on reasoning parts. Our own answers carry the same under
 * `tokligence` (with the dialect that minted the signature), which the SDK hands back next turn.
 */
import type { SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { CacheControl, DialectName, ReasoningPart } from '../../core/types.js';

type Options = SharedV3ProviderOptions | undefined;

/** The Anthropic prompt-cache marker on a message, part or tool, if any. */
export function cacheControlOf(options: Options): CacheControl | undefined {
  const a = options?.anthropic as Record<string, unknown> | undefined;
  const cc = (a?.cacheControl ?? a?.cache_control) as { type?: unknown; ttl?: unknown } | undefined;
  if (cc?.type !== 'ephemeral') return undefined;
  return typeof cc.ttl === 'string' ? { type: 'ephemeral', ttl: cc.ttl } : { type: 'ephemeral' };
}

/** A reasoning part's opaque replay data: ours (`tokligence`) first, else what `@ai-sdk/anthropic` minted. */
export function reasoningReplay(options: Options): Pick<ReasoningPart, 'signature' | 'redactedData' | 'origin'> {
  const ours = options?.tokligence as { signature?: unknown; redactedData?: unknown; origin?: unknown } | undefined;
  const theirs = options?.anthropic as { signature?: unknown; redactedData?: unknown } | undefined;
  const from = typeof ours?.signature === 'string' || typeof ours?.redactedData === 'string' ? ours : theirs;
  const origin = (from === ours && typeof ours?.origin === 'string' ? ours.origin : 'anthropic') as DialectName;
  return {
    ...(typeof from?.signature === 'string' ? { signature: from.signature, origin } : {}),
    ...(typeof from?.redactedData === 'string' ? { redactedData: from.redactedData, origin } : {}),
  };
}

/** Provider metadata for a reasoning part of our answer, so the SDK replays its signature. */
export function reasoningMetadata(part: { signature?: string; redactedData?: string; origin?: DialectName }): { tokligence: Record<string, string> } | undefined {
  if (!part.signature && !part.redactedData) return undefined;
  return {
    tokligence: {
      ...(part.signature ? { signature: part.signature } : {}),
      ...(part.redactedData ? { redactedData: part.redactedData } : {}),
      ...(part.origin ? { origin: part.origin } : {}),
    },
  };
}
