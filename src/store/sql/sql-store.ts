import type { Store } from '../store.js';
import { sqlApprovals } from './approvals.js';
import { sqlAudit } from './audit.js';
import { sqlBudgets } from './budgets.js';
import type { SqlContext } from './context.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { sqlKeys } from './keys.js';
import { sqlLedger } from './ledger.js';
import { migrate } from './migrations.js';
import { sqlTeams } from './teams.js';
import { sqlUsers } from './users.js';

/** The SQL store over either driver; `transaction` hands `fn` a store bound to one transaction. */
export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly users;
  readonly teams;
  readonly keys;
  readonly ledger;
  readonly budgets;
  readonly audit;
  readonly approvals;

  private constructor(
    private readonly driver: SqlDriver,
    private readonly now: () => number,
    tx?: SqlExecutor,
  ) {
    this.kind = driver.dialect;
    const ctx: SqlContext = tx
      ? { exec: tx, read: (sql, params) => tx.all(sql, params), atomic: (fn) => fn(tx), dialect: driver.dialect, identityChanged: () => driver.identityChanged(tx) }
      : {
          exec: driver,
          read: (sql, params) => driver.read(sql, params),
          atomic: (fn) => driver.transaction(fn),
          dialect: driver.dialect,
          identityChanged: () => driver.identityChanged(driver),
        };
    this.users = sqlUsers(ctx, now);
    this.teams = sqlTeams(ctx, now);
    this.keys = sqlKeys(ctx, now);
    this.ledger = sqlLedger(ctx);
    this.budgets = sqlBudgets(ctx);
    this.audit = sqlAudit(ctx);
    this.approvals = sqlApprovals(ctx, now);
  }

  /** Open over a driver and bring its schema up to date. */
  static async open(driver: SqlDriver, now: () => number = Date.now): Promise<SqlStore> {
    try {
      await migrate(driver);
    } catch (err) {
      await driver.close().catch(() => {});
      throw err;
    }
    return new SqlStore(driver, now);
  }

  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) => fn(new SqlStore(this.driver, this.now, tx)));
  }

  identityVersion(): number {
    return this.driver.identityVersion();
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
