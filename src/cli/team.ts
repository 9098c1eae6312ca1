import type { Command } from 'commander';
import { loadConfig } from '../config/index.js';
import { AdminError, AdminService, storeOptionsOf } from '../governance/admin.js';
import { userInfo } from 'node:os';
import { AuditLog, auditKeyFromEnv } from '../audit/audit-log.js';
import { auditRepoOf } from '../audit/service.js';
import { DEFAULT_TENANT, openStore, type Store } from '../store/index.js';
import { formatOf, isoDay, render, usd } from './output.js';

/** Exit codes: 2 bad input, 3 no such user/team/key, 4 already exists, 1 anything else. */
const EXIT = { invalid: 2, not_found: 3, conflict: 4, forbidden: 5 } as const;

interface Common {
  profile?: string;
  config?: string;
  json?: boolean;
  csv?: boolean;
}

/** `--quota 100` → 100; anything else is a clear error naming the option. */
function number(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new AdminError('invalid', `${option} expects a number, got '${value}'`);
  return n;
}

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

/** Open the configured store, run `fn` with the admin service, close it; errors become a message and an exit code. */
export async function withAdmin(opts: Common & { tenant?: string }, fn: (admin: AdminService, actor: string) => Promise<string>): Promise<void> {
  let store: Store | undefined;
  let audit: AuditLog | undefined;
  try {
    const config = loadConfig({ profile: opts.profile, configFile: opts.config });
    if (config.database.type === 'memory')
      throw new AdminError('invalid', 'database.type is "memory": nothing would be kept. Set database.type to sqlite (database.path) or postgresql in the config.');
    const tenant = opts.tenant ?? DEFAULT_TENANT;
    const mt = config.multi_tenancy;
    if (opts.tenant && mt.enabled && !mt.tenants.some((t) => t.name === tenant)) throw new AdminError('invalid', `tenant '${tenant}' is not configured (multi_tenancy.tenants)`, 'tenant');
    store = await openStore(storeOptionsOf(config));
    // Changes made here are audited like those made through /admin/, naming the OS user.
    const actor = `cli:${userInfo().username}`;
    if (config.audit.enabled) audit = new AuditLog({ repo: auditRepoOf(config, store), immutable: config.audit.immutable, auditKey: auditKeyFromEnv() });
    const log = audit;
    const admin = new AdminService(store, tenant, Date.now, async (a) => {
      await log?.recordNow({ ts: Date.now(), tenant: a.tenant, kind: 'admin', action: a.action, actor, target: a.target, route: 'cli', decision: 'ok', ...(a.details ? { details: a.details } : {}) });
    });
    process.stdout.write(await fn(admin, actor));
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exitCode = err instanceof AdminError ? EXIT[err.code] : 1;
  } finally {
    await audit?.close().catch(() => {});
    await store?.close();
  }
}

export const common = (cmd: Command) =>
  cmd
    .option('-p, --profile <name>', 'built-in profile whose database to use')
    .option('--tenant <name>', 'the tenant to act in (multi_tenancy; default "default")')
    .option('-c, --config <file>', 'config file (the same one `serve` uses)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV');

/** `tokligence user|team|apikey|usage`: the same store and operations as the admin HTTP API. */
export function registerTeamCommands(program: Command): void {
  const user = program.command('user').description('Manage users (each gets API keys, budgets and usage)');
  common(user.command('create <name>'))
    .description('Create a user; prints its id')
    .option('--email <email>', 'email address (unique)')
    .option('--quota <usd>', 'monthly budget in USD (default team.quotas.per_user_monthly)')
    .option('--daily-quota <usd>', 'daily budget in USD (default team.quotas.per_user_daily)')
    .option('--team <team>', 'team id or name')
    .option('--models <globs>', 'models the user may use, comma-separated (e.g. "gpt-4o*,claude-*")')
    .option('--role <role>', 'admin, tenant_admin, member (default) or viewer (README, Roles)')
    .action((name: string, o) =>
      withAdmin(o, async (admin) => {
        const u = await admin.createUser({ name, email: o.email, quota: number(o.quota, '--quota'), dailyQuota: number(o.dailyQuota, '--daily-quota'), team: o.team, models: list(o.models), role: o.role });
        if (o.json) return render('json', [], [], u);
        process.stderr.write(`created user ${u.name}; give them a key: tokligence apikey create ${u.id} --name "${u.name}'s key"\n`);
        return `${u.id}\n`;
      }),
    );
  common(user.command('list'))
    .description('List users')
    .option('--team <team>', 'only this team')
    .option('--limit <n>', 'rows per page (default 50)')
    .option('--cursor <cursor>', 'the next page (printed after a full page)')
    .action((o) =>
      withAdmin(o, async (admin) => {
        const page = await admin.listUsers({ team: o.team, limit: number(o.limit, '--limit'), cursor: o.cursor });
        const rows = page.items.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          team: u.teamId,
          monthly: usd(u.monthlyBudget),
          daily: usd(u.dailyBudget),
          status: u.disabled ? 'disabled' : 'active',
          created: isoDay(u.createdAt),
        }));
        const out = render(formatOf(o), ['id', 'name', 'email', 'team', 'monthly', 'daily', 'status', 'created'], rows, page);
        if (page.next && !o.json) process.stderr.write(`more: --cursor ${page.next}\n`);
        return out;
      }),
    );
  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    common(user.command(`${verb} <user>`))
      .description(disabled ? 'Disable a user: their keys stop working at once' : 'Enable a disabled user again')
      .action((ref: string, o) =>
        withAdmin(o, async (admin) => {
          const u = await admin.setUserDisabled(ref, disabled);
          return o.json ? render('json', [], [], u) : `${u.id} ${u.disabled ? 'disabled' : 'enabled'}\n`;
        }),
      );

  const team = program.command('team').description('Manage teams (a budget and model list shared by their users)');
  common(team.command('create <name>'))
    .description('Create a team; prints its id')
    .option('--budget <usd>', 'monthly budget in USD for the whole team')
    .option('--daily-budget <usd>', 'daily budget in USD for the whole team')
    .option('--models <globs>', 'models the team may use, comma-separated')
    .action((name: string, o) =>
      withAdmin(o, async (admin) => {
        const t = await admin.createTeam({ name, monthlyBudget: number(o.budget, '--budget'), dailyBudget: number(o.dailyBudget, '--daily-budget'), models: list(o.models) });
        return o.json ? render('json', [], [], t) : `${t.id}\n`;
      }),
    );
  common(team.command('list'))
    .description('List teams')
    .option('--limit <n>', 'rows per page (default 50)')
    .option('--cursor <cursor>', 'the next page')
    .action((o) =>
      withAdmin(o, async (admin) => {
        const page = await admin.listTeams({ limit: number(o.limit, '--limit'), cursor: o.cursor });
        const rows = page.items.map((t) => ({ id: t.id, name: t.name, monthly: usd(t.monthlyBudget), daily: usd(t.dailyBudget), models: t.models?.join(' '), created: isoDay(t.createdAt) }));
        return render(formatOf(o), ['id', 'name', 'monthly', 'daily', 'models', 'created'], rows, page);
      }),
    );

  const apikey = program.command('apikey').description('Manage API keys (shown once, stored hashed)');
  common(apikey.command('create <user>'))
    .description('Create a key for a user (id, name or email); prints the key once')
    .option('--name <name>', 'a label, e.g. "Alice\'s key"')
    .option('--models <globs>', 'models the key may use, comma-separated')
    .option('--expires-in-days <days>', 'the key stops working after this many days')
    .option('--daily-budget <usd>', 'daily budget in USD for this key')
    .option('--monthly-budget <usd>', 'monthly budget in USD for this key')
    .action((ref: string, o) =>
      withAdmin(o, async (admin) => {
        const { key, secret } = await admin.createKey(ref, {
          name: o.name,
          models: list(o.models),
          expiresInDays: number(o.expiresInDays, '--expires-in-days'),
          dailyBudget: number(o.dailyBudget, '--daily-budget'),
          monthlyBudget: number(o.monthlyBudget, '--monthly-budget'),
        });
        if (o.json) return render('json', [], [], { ...key, key: secret });
        process.stderr.write(`key ${key.id} for user ${key.userId}: shown once, store it now (tokligence keeps only its hash)\n`);
        return `${secret}\n`;
      }),
    );
  common(apikey.command('list'))
    .description('List keys (never the keys themselves)')
    .option('--user <user>', 'only this user\u2019s keys')
    .option('--limit <n>', 'rows per page (default 50)')
    .option('--cursor <cursor>', 'the next page')
    .action((o) =>
      withAdmin(o, async (admin) => {
        const page = await admin.listKeys({ user: o.user, limit: number(o.limit, '--limit'), cursor: o.cursor });
        const rows = page.items.map((k) => ({
          id: k.id,
          user: k.userId,
          name: k.name,
          prefix: `tkl_${k.prefix}_…`,
          models: k.models?.join(' '),
          expires: isoDay(k.expiresAt),
          status: k.status,
          created: isoDay(k.createdAt),
        }));
        return render(formatOf(o), ['id', 'user', 'name', 'prefix', 'models', 'expires', 'status', 'created'], rows, page);
      }),
    );
  common(apikey.command('revoke <id>'))
    .description('Revoke a key: the next request with it is refused')
    .action((id: string, o) =>
      withAdmin(o, async (admin) => {
        const k = await admin.revokeKey(id);
        return o.json ? render('json', [], [], k) : `${k.id} revoked\n`;
      }),
    );

  common(program.command('usage'))
    .description('Calls, tokens and cost from the usage ledger, for a month (default this one)')
    .option('--user <user>', 'one user (id, name or email), by model')
    .option('--team [team]', 'one team (by user), or every team (by team)')
    .option('--session <id>', 'one session (all its time), by model')
    .option('--month <YYYY-MM>', 'the month (UTC), e.g. 2026-12')
    .option('--group-by <what>', 'user | team | key | session | model | day')
    .action((o) =>
      withAdmin(o, async (admin) => {
        const groupBy = o.groupBy as string | undefined;
        if (groupBy && !['user', 'team', 'key', 'session', 'model', 'day'].includes(groupBy))
          throw new AdminError('invalid', `--group-by expects user, team, key, session, model or day, got '${groupBy}'`);
        const report = await admin.usage({
          user: o.user,
          team: typeof o.team === 'string' ? o.team : undefined,
          allTeams: o.team === true,
          session: o.session,
          month: o.month,
          groupBy: groupBy as never,
        });
        const row = (group: string, t: typeof report.total) => ({
          [report.groupBy]: group,
          requests: t.requests,
          errors: t.errors,
          input: t.inputTokens,
          output: t.outputTokens,
          cache_read: t.cacheReadTokens,
          cache_write: t.cacheWriteTokens,
          cost_usd: o.csv || o.json ? Number(t.costUsd.toFixed(6)) : usd(t.costUsd),
        });
        const rows = [...report.groups.map((g) => row(g.group || '-', g)), row('TOTAL', report.total)];
        const columns = [report.groupBy, 'requests', 'errors', 'input', 'output', 'cache_read', 'cache_write', 'cost_usd'];
        const title = o.json || o.csv ? '' : `usage ${report.month ?? 'all time'}${Object.entries(report.filter).map(([k, v]) => ` ${k}=${v}`).join('')}\n`;
        return title + render(formatOf(o), columns, rows, report);
      }),
    );
}
