// One cold start, in a fresh process: import the package, construct a client, make one call to the
// built-in mock. Prints one JSON line of milliseconds (from the process's time origin) and RSS.
// CPU: this process's user + system time at the first line and at the end (steadier than wall time
// on a busy machine). `node probe.mjs tokligence|openai|anthropic|node [esm|cjs]`.
import { createRequire } from 'node:module';

const [what = 'tokligence', format = 'esm'] = process.argv.slice(2);
const root = new URL('../../', import.meta.url);
const atStart = performance.now();
const cpuAtStart = process.cpuUsage();
const out = { what, format, nodeReady: atStart, nodeCpu: (cpuAtStart.user + cpuAtStart.system) / 1000 };
if (what === 'tokligence') {
  const mod = format === 'cjs' ? createRequire(import.meta.url)(new URL('dist/index.cjs', root).pathname) : await import(new URL('dist/index.js', root).href);
  out.imported = performance.now();
  const tk = new mod.Tokligence({ env: {}, configFile: false });
  out.constructed = performance.now();
  const r = await tk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  if (!r.choices?.[0]?.message) throw new Error('no answer');
  out.firstCall = performance.now();
} else if (what === 'openai') {
  const { default: OpenAI } = await import('openai');
  out.imported = performance.now();
  new OpenAI({ apiKey: 'x' });
  out.constructed = performance.now();
} else if (what === 'anthropic') {
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  out.imported = performance.now();
  new Anthropic({ apiKey: 'x' });
  out.constructed = performance.now();
}
const cpu = process.cpuUsage();
out.cpu = (cpu.user + cpu.system) / 1000;
out.rssMb = process.memoryUsage().rss / 2 ** 20;
console.log(JSON.stringify(out));
