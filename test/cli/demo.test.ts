import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo.js';

describe('tokligence demo', () => {
  it('runs offline and shows translation both ways and a tool round trip', async () => {
    const lines: string[] = [];
    await runDemo((l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toContain('upstream received (anthropic)');
    expect(text).toContain('upstream received (openai-chat)');
    expect(text).toMatch(/"type":"tool_use","id":"call_mock\w+","name":"Bash"/);
    expect(text).toContain('"role": "tool"');
    expect(text).toContain('Bash returned: hi');
  });
});
