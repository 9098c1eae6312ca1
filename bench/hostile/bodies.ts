/**
 * The hostile request bodies of issue 22 (bench:hostile and test/hardening/reliability-hostile-memory):
 * a 1 MB prompt, JSON nested 10,000 levels deep, and arrays of 256k numbers (where a list of
 * objects is expected, and in a field nobody validates item by item), sent to every route.
 */
export const HOSTILE_ROUTES = ['/v1/chat/completions', '/v1/messages', '/v1/responses', '/v1beta/models/mock-1:generateContent'] as const;

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i % 10).join(',');

export function hostileBodies(): Array<{ label: string; body: string }> {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  return [
    { label: '1 MB prompt', body: JSON.stringify({ model: 'mock-1', max_tokens: 16, messages: [{ role: 'user', content: 'x'.repeat(1_000_000) }], contents: [{ parts: [{ text: 'x'.repeat(1000) }] }] }) },
    { label: '10,000-deep JSON', body: `{"model":"mock-1","max_tokens":16,"messages":[{"role":"user","content":${deep}}],"input":${deep},"contents":${deep}}` },
    { label: '256k numbers as messages', body: `{"model":"mock-1","max_tokens":16,"messages":[${numbers(262_144)}],"input":[${numbers(262_144)}],"contents":[${numbers(262_144)}]}` },
    { label: '256k numbers in a field', body: `{"model":"mock-1","max_tokens":16,"messages":[{"role":"user","content":"hi"}],"input":"hi","contents":[{"parts":[{"text":"hi"}]}],"stop":[${numbers(262_144)}],"metadata":{"x":[${numbers(262_144)}]}}` },
  ];
}
