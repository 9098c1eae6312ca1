import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { AUDIT_KEY_ENV, auditKeyFromEnv } from '../audit/audit-log.js';
import { type ExportFormat, exportAudit } from '../audit/export.js';
import { rekeyAudit } from '../audit/rekey.js';
import { auditRepoOf } from '../audit/service.js';
import { verifyAudit } from '../audit/verify.js';
import { complianceReport, DEPLOYMENT_CONTROLS } from '../config/compliance.js';
import { loadConfig } from '../config/index.js';
import { storeOptionsOf } from '../governance/admin.js';
import { type AuditRepo, keyringFromEnv, openStore, requireKeyring, type Store } from '../store/index.js';

interface Common {
  profile?: string;
  config?: string;
}

/** Open the audit log the config names (the store's, or its files); run `fn`; close. Exit 2 on bad input, 1 on failure. */
async function withAudit(opts: Common, fn: (repo: AuditRepo) => Promise<number | undefined>): Promise<void> {
  let store: Store | undefined;
  try {
    const config = loadConfig({ profile: opts.profile, configFile: opts.config });
    if (config.audit.storage === 'database') {
      if (config.database.type === 'memory') throw new Error('database.type is "memory": there is no audit log to read');
      store = await openStore(storeOptionsOf(config));
    }
    process.exitCode = (await fn(auditRepoOf(config, store))) ?? 0;
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exitCode = process.exitCode || 1;
  } finally {
    await store?.close();
  }
}

/** `YYYY-MM-DD` or an ISO time → epoch ms; anything else exits 2 naming the option. */
function when(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!Number.isFinite(t)) {
    process.exitCode = 2;
    throw new Error(`${option} expects a date (2026-11-01) or an ISO time, got '${value}'`);
  }
  return t;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit log: verify, export, rekey');
  const common = (c: Command) => c.option('-p, --profile <name>', 'built-in profile').option('-c, --config <file>', 'config file (YAML or JSON)');

  common(audit.command('verify').description(`Check every row, link and signed checkpoint; exit 1 naming the first edited, inserted, deleted or reordered row (${AUDIT_KEY_ENV} checks the signatures)`))
    .option('--json', 'print the report as JSON')
    .action((opts: Common & { json?: boolean }) =>
      withAudit(opts, async (repo) => {
        const report = await verifyAudit(repo, { auditKey: auditKeyFromEnv(), keyring: keyringFromEnv() });
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const span = report.rows ? `rows ${report.firstSeq}-${report.lastSeq}` : 'no rows';
          process.stdout.write(report.ok ? `ok: ${report.rows} row(s) (${span}), ${report.checkpoints} checkpoint(s)${report.signed ? ' signed' : ''}, ${report.contentChecked} content MAC(s) checked\n` : `TAMPERED: ${report.problem?.message}\n`);
          for (const w of report.warnings) process.stdout.write(`note: ${w}\n`);
        }
        return report.ok ? 0 : 1;
      }),
    );

  common(audit.command('export').description('Rows between --from and --to as JSON lines or CSV, for auditors (content decrypted with TOKLIGENCE_ENCRYPTION_KEY)'))
    .option('--from <date>', 'first day or time (inclusive)')
    .option('--to <date>', 'last day or time (exclusive)')
    .option('--tenant <name>', 'one tenant only')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((opts: Common & { from?: string; to?: string; tenant?: string; format: string; out?: string }) =>
      withAudit(opts, async (repo) => {
        if (opts.format !== 'jsonl' && opts.format !== 'csv') {
          process.stderr.write(`error: --format must be jsonl or csv, got '${opts.format}'\n`);
          return 2;
        }
        const query = { from: when(opts.from, '--from'), to: when(opts.to, '--to'), ...(opts.tenant ? { tenant: opts.tenant } : {}) };
        const out: NodeJS.WritableStream = opts.out ? createWriteStream(opts.out, { mode: 0o600 }) : process.stdout;
        let n = 0;
        for await (const line of exportAudit(repo, query, opts.format as ExportFormat, keyringFromEnv())) {
          if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
          n++;
        }
        if (opts.out) await new Promise<void>((r) => out.end(() => r()));
        process.stderr.write(`${opts.format === 'csv' ? Math.max(0, n - 1) : n} row(s) exported\n`);
        return 0;
      }),
    );

  common(audit.command('rekey').description('Re-encrypt stored content under TOKLIGENCE_ENCRYPTION_KEY (old keys in TOKLIGENCE_ENCRYPTION_PREVIOUS_KEYS)')).action((opts: Common) =>
    withAudit(opts, async (repo) => {
      const { rows } = await rekeyAudit(repo, requireKeyring(process.env, 'audit rekey needs the new key'));
      process.stdout.write(`${rows} row(s) re-encrypted\n`);
      return 0;
    }),
  );
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Check the configuration; --compliance lists, per enabled preset, which controls are on and which are missing')
    .option('--compliance', 'the compliance presets (compliance.soc2, hipaa, gdpr)')
    .option('-p, --profile <name>', 'built-in profile')
    .option('-c, --config <file>', 'config file (YAML or JSON)')
    .option('--json', 'print as JSON')
    .action((opts: Common & { compliance?: boolean; json?: boolean }) => {
      const config = loadConfig({ profile: opts.profile, configFile: opts.config });
      for (const n of config.notices) process.stderr.write(`notice: ${n}\n`);
      if (!opts.compliance) {
        process.stdout.write('config ok\n');
        return;
      }
      const lines = complianceReport(config);
      if (opts.json) process.stdout.write(`${JSON.stringify({ controls: lines, deployment: DEPLOYMENT_CONTROLS }, null, 2)}\n`);
      else if (lines.length === 0) process.stdout.write('no compliance preset is on (compliance.soc2, compliance.hipaa, compliance.gdpr)\n');
      else {
        for (const l of lines) process.stdout.write(`${l.preset.padEnd(6)} ${l.status === 'on' ? 'on     ' : 'MISSING'} ${l.title}${l.fix ? `  → ${l.fix}` : ''}\n`);
        for (const d of DEPLOYMENT_CONTROLS) process.stdout.write(`all    deploy  ${d}\n`);
      }
      process.exitCode = lines.some((l) => l.status === 'missing') ? 1 : 0;
    });
}
