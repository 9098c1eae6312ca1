/** The memory item store: bounded by responses (their items go with them), expiring, copies both ways. */
import { describe, expect, it } from 'vitest';
import { MemoryItemStore } from '../../src/sessions/index.js';

const message = (id: string, text: string) => ({ type: 'message', id, role: 'assistant', content: [{ type: 'output_text', text }] });

describe('MemoryItemStore', () => {
  it('finds items by id across responses; unknown ids are absent', async () => {
    const store = new MemoryItemStore({ maxResponses: 10, ttlMs: 60_000 });
    await store.putItems('resp_1', [message('msg_a', 'one'), { type: 'function_call', id: 'fc_a', call_id: 'c', name: 'f', arguments: '{}' }]);
    await store.putItems('resp_2', [message('msg_b', 'two')]);
    const found = await store.getItems(['msg_a', 'fc_a', 'msg_b', 'msg_zzz']);
    expect([...found.keys()]).toEqual(['msg_a', 'fc_a', 'msg_b']);
    expect(found.get('msg_b')).toEqual(message('msg_b', 'two'));
  });

  it('drops the least recently used response with all its items past maxResponses', async () => {
    const store = new MemoryItemStore({ maxResponses: 2, ttlMs: 60_000 });
    await store.putItems('resp_1', [message('msg_1', 'a')]);
    await store.putItems('resp_2', [message('msg_2', 'b')]);
    await store.putItems('resp_3', [message('msg_3', 'c')]);
    expect(store.size).toBe(2);
    expect([...(await store.getItems(['msg_1', 'msg_2', 'msg_3'])).keys()]).toEqual(['msg_2', 'msg_3']);
  });

  it('expires items after the TTL', async () => {
    // lru-cache reads its own clock (performance.now, captured at load): real time, kept short.
    const store = new MemoryItemStore({ maxResponses: 10, ttlMs: 30 });
    await store.putItems('resp_1', [message('msg_1', 'a')]);
    expect((await store.getItems(['msg_1'])).size).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect((await store.getItems(['msg_1'])).size).toBe(0);
  });

  it('keeps copies: changing what was stored or returned changes nothing inside', async () => {
    const store = new MemoryItemStore({ maxResponses: 10, ttlMs: 60_000 });
    const item = message('msg_1', 'a');
    await store.putItems('resp_1', [item]);
    item.content[0]!.text = 'changed';
    const got = (await store.getItems(['msg_1'])).get('msg_1') as ReturnType<typeof message>;
    got.content[0]!.text = 'changed too';
    expect((await store.getItems(['msg_1'])).get('msg_1')).toEqual(message('msg_1', 'a'));
  });
});
