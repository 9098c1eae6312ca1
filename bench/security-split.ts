/**
 * The held-out split for the security evaluation: a deterministic 30% of every set, chosen by a hash
 * of the text, that is never looked at while tuning rules. `heldOut(text)` is true for those rows.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function heldOut(text: string): boolean {
  return fnv1a(`tokligence-security-split:${text}`) % 100 < 30;
}
