import type { TextPart } from '../../core/types.js';

/**
 * System text that only means something to Anthropic: Claude Code's billing line
 * (`x-anthropic-billing-header: cc_version=…`). Other targets would see it as prompt text, so
 * their encoders leave it out (SYS-4, in reverse); the Anthropic encoder keeps it for Anthropic.
 */
export function isAnthropicOnlySystemText(text: string): boolean {
  return text.startsWith('x-anthropic-billing-header:');
}

/** The system parts a non-Anthropic target should see. */
export function portableSystem(system: TextPart[] | undefined): TextPart[] {
  return (system ?? []).filter((p) => !isAnthropicOnlySystemText(p.text));
}
