import type { AuditRepo, AuditRow } from '../store/audit/types.js';
import { decryptText, encryptText, type Keyring } from '../store/encryption.js';

/**
 * Re-encrypt every row's content under the keyring's current key (after a rotation: the new key
 * in TOKLIGENCE_ENCRYPTION_KEY, the old in TOKLIGENCE_ENCRYPTION_PREVIOUS_KEYS). Plain content
 * (written before encryption was turned on) is encrypted too. The chain is untouched (content is
 * outside it). Returns how many rows changed; a row whose key is missing stops it, naming the key.
 */
export async function rekeyAudit(repo: AuditRepo, ring: Keyring): Promise<{ rows: number }> {
  let rows = 0;
  for (let after = 0; ; ) {
    const page = await repo.list({ afterSeq: after, limit: 500 });
    if (page.length === 0) break;
    const updates: Array<{ seq: number; content: string; keyId: string }> = [];
    for (const row of page) {
      if (row.content === undefined || row.keyId === ring.currentId) continue;
      const plain = row.keyId ? decryptText(ring, row.keyId, row.content) : row.content;
      const { keyId, data } = encryptText(ring, plain);
      updates.push({ seq: row.seq, content: data, keyId });
    }
    if (updates.length) await repo.setContent(updates);
    rows += updates.length;
    after = (page[page.length - 1] as AuditRow).seq;
  }
  return { rows };
}
