import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkedController } from '../../src/core/abort.js';
import { Tokligence } from '../../src/index.js';
import { MockProvider } from '../../src/providers/index.js';

describe('linkedController', () => {
  it('aborts with its parent, and stops listening to it once released', () => {
    const parent = new AbortController();
    const a = linkedController(parent.signal);
    const b = linkedController(parent.signal);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(2);
    b.release();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    parent.abort(new Error('stop'));
    expect(a.controller.signal.aborted).toBe(true);
    expect((a.controller.signal.reason as Error).message).toBe('stop');
    expect(b.controller.signal.aborted).toBe(false);
  });

  it('is aborted at once when the parent already is; works without a parent', () => {
    const parent = new AbortController();
    parent.abort();
    expect(linkedController(parent.signal).controller.signal.aborted).toBe(true);
    const solo = linkedController();
    solo.release();
    expect(solo.controller.signal.aborted).toBe(false);
  });

  it('in-process calls leave no listener on a long-lived caller signal', async () => {
    const appSignal = new AbortController().signal;
    const tk = new Tokligence({ env: {}, configFile: false, drivers: [new MockProvider()] } as never);
    for (let i = 0; i < 20; i++) {
      await tk.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] } as never, { signal: appSignal });
      const stream = (await tk.chat.completions.create({ model: 'mock-1', stream: true, messages: [{ role: 'user', content: 'hi' }] } as never, { signal: appSignal })) as unknown as AsyncIterable<unknown>;
      for await (const _ of stream) void _;
    }
    // One abandoned half-way.
    const stream = (await tk.chat.completions.create({ model: 'mock-1', stream: true, messages: [{ role: 'user', content: 'hi' }] } as never, { signal: appSignal })) as unknown as AsyncIterable<unknown>;
    for await (const _ of stream) break;
    expect(getEventListeners(appSignal, 'abort')).toHaveLength(0);
  });
});
