import type { Command } from 'commander';
import { isoDay, render } from './output.js';
import { common, withAdmin } from './team.js';

/** `tokligence approval request|list|approve|deny`: model approval (team.model_approval), the same operations as /admin/approvals. */
export function registerApprovalCommands(program: Command): void {
  const approval = program.command('approval').description('Model approval: ask to use a gated model (team.model_approval.requires_approval), and decide');
  common(approval.command('request <model>'))
    .description('Ask to use a model that needs approval; prints the request id')
    .requiredOption('--user <user>', 'who asks (user id, name or email)')
    .option('--reason <text>', 'why')
    .action((model: string, o) =>
      withAdmin(o, async (admin) => {
        const a = await admin.requestApproval(o.user, model, o.reason);
        if (o.json) return render('json', [], [], a);
        process.stderr.write(a.status === 'pending' ? `requested; an approver runs: tokligence approval approve ${a.id}\n` : `already ${a.status}\n`);
        return `${a.id}\n`;
      }),
    );
  common(approval.command('list'))
    .description('List requests (newest first)')
    .option('--user <user>', 'one user only')
    .option('--status <status>', 'pending, approved or denied')
    .action((o) =>
      withAdmin(o, async (admin) => {
        const rows = await admin.listApprovals({ user: o.user, status: o.status });
        const fmt = o.json ? 'json' : o.csv ? 'csv' : 'table';
        return render(
          fmt,
          ['id', 'user', 'model', 'status', 'requested', 'decided_by', 'reason'],
          rows.map((a) => ({ id: a.id, user: a.userId, model: a.model, status: a.status, requested: isoDay(a.requestedAt), decided_by: a.decidedBy ?? '', reason: a.reason ?? '' })),
          rows,
        );
      }),
    );
  for (const verb of ['approve', 'deny'] as const)
    common(approval.command(`${verb} <id>`))
      .description(verb === 'approve' ? 'Approve a pending request: the user may call the model at once' : 'Deny a pending request')
      .option('--note <text>', 'a note for the user')
      .action((id: string, o) =>
        withAdmin(o, async (admin, actor) => {
          const a = await admin.decideApproval(id, verb === 'approve' ? 'approved' : 'denied', actor, o.note);
          return o.json ? render('json', [], [], a) : `${a.id} ${a.status}\n`;
        }),
      );
}
