import { describe, expect, it } from 'vitest';
import { parseRoutes } from '../../src/cli/serve.js';
import { Tokligence } from '../../src/index.js';

describe('tokligence serve --route', () => {
  it('turns alias=target flags into the models map (a comma list is a fallback chain)', () => {
    expect(parseRoutes(['claude-*=openai/gpt-4o', 'fast=ollama/llama3.2, mock/mock-1'])).toEqual({
      'claude-*': 'openai/gpt-4o',
      fast: ['ollama/llama3.2', 'mock/mock-1'],
    });
    expect(() => parseRoutes(['claude-*'])).toThrow(/expected alias=provider\/model/);
    expect(() => parseRoutes(['=openai/gpt-4o'])).toThrow(/expected alias/);
  });

  it('a route overrides the profile alias for the same glob (Claude Code on GPT models)', () => {
    const tk = new Tokligence({ env: { OPENAI_API_KEY: 'sk-test' }, configFile: false, models: parseRoutes(['claude-*=openai/gpt-4o']) });
    expect(tk.resolve('claude-opus-4-8')[0]).toMatchObject({ provider: 'openai', model: 'gpt-4o' });
  });
});
