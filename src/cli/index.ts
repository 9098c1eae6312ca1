#!/usr/bin/env node
import { Command } from 'commander';
import { listProfiles, loadConfig } from '../config/index.js';
import { runDemo } from './demo.js';
import { runServe } from './serve.js';

const program = new Command();
program.name('tokligence').description('An LLM gateway: one endpoint that speaks OpenAI, Anthropic and Responses to any provider.');

program
  .command('serve')
  .description('Run the HTTP gateway')
  .option('-p, --profile <name>', 'built-in profile (personal, coder, agent, team, enterprise, security)')
  .option('-c, --config <file>', 'config file (YAML or JSON)')
  .option('--port <port>', 'port to listen on (default 8081)', (v) => Number.parseInt(v, 10))
  .option('--host <host>', 'address to bind (default 127.0.0.1)')
  .action(async (opts) => {
    await runServe(opts);
  });

program
  .command('demo')
  .description('An offline tour on the mock provider: translation both ways and a streamed tool call round trip')
  .action(async () => {
    await runDemo();
  });

const profile = program.command('profile').description('Inspect the built-in profiles');
profile
  .command('list')
  .description('List the built-in profiles')
  .action(() => {
    for (const name of listProfiles()) console.log(name);
  });
profile
  .command('show <name>')
  .description('Print a profile after merging file, environment and defaults')
  .action((name: string) => {
    console.log(JSON.stringify(redact(loadConfig({ profile: name })), null, 2));
  });

/** Never print keys. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /key|secret|token/i.test(k) && typeof v === 'string' && v ? '***' : redact(v)]));
  return value;
}

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
