#!/usr/bin/env node
import { Command } from 'commander';
import { registerApprovalCommands } from './approval.js';
import { registerAuditCommands, registerDoctorCommand } from './audit.js';
import { listProfiles, loadConfig } from '../config/index.js';
import { runBatchCli } from './batch.js';
import { runCompareCli } from './compare.js';
import { runDemo } from './demo.js';
import { runServe } from './serve.js';
import { registerTeamCommands } from './team.js';
import { VERSION } from '../version.js';

const program = new Command();
program
  .name('tokligence')
  .description('An LLM gateway: one endpoint that speaks OpenAI, Anthropic and Responses to any provider.')
  .version(VERSION, '-v, --version', 'print the version');

program
  .command('serve')
  .description('Run the HTTP gateway')
  .option('-p, --profile <name>', 'built-in profile (personal, coder, agent, team, enterprise, security)')
  .option('-c, --config <file>', 'config file (YAML or JSON)')
  .option('--port <port>', 'port to listen on (default 8081)', (v) => Number.parseInt(v, 10))
  .option('--host <host>', 'address to bind (default 127.0.0.1)')
  .option(
    '-r, --route <alias=target>',
    'route a model name or glob to targets, e.g. "claude-*=openai/gpt-4o" (repeatable; comma-separate a fallback chain)',
    (v: string, acc: string[]) => [...acc, v],
    [] as string[],
  )
  .option('--no-watch', 'do not reload when the config file changes (SIGHUP still reloads)')
  .action(async (opts) => {
    await runServe(opts);
  });

program
  .command('demo')
  .description('An offline tour on the mock provider: translation both ways and a streamed tool call round trip')
  .action(async () => {
    await runDemo();
  });

program
  .command('batch <input>')
  .description('Run every JSONL row through one or more models; resumable, with progress, cost and tags')
  .option('-m, --model <model>', 'model to run (repeat for an A/B comparison)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .requiredOption('-o, --out <file>', 'results JSONL (appended; rows already in it are skipped)')
  .option('--concurrency <n>', 'calls in flight at once (default 4)', (v) => Number.parseInt(v, 10))
  .option('-t, --tag <key=value>', 'experiment tag stored with every result (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--retry-errors', 'run rows whose earlier result was an error again')
  .option('-p, --profile <name>', 'built-in profile')
  .option('-c, --config <file>', 'config file (YAML or JSON)')
  .action(async (input: string, opts) => {
    await runBatchCli(input, opts);
  });

program
  .command('compare <results>')
  .description('Per-model latency p50/p95, tokens, cost and error rate of a batch results file')
  .option('--csv <file>', 'write the table as CSV')
  .option('--html <file>', 'write a self-contained HTML report with charts')
  .action((results: string, opts) => {
    runCompareCli(results, opts);
  });

registerTeamCommands(program);

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

registerApprovalCommands(program);
registerAuditCommands(program);
registerDoctorCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
