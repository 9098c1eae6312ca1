/**
 * The little the SQL store needs from a database: statements with `?` placeholders (the PostgreSQL
 * driver numbers them), and transactions. Values are only ever bound, never spliced into SQL.
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  /** Rows of a statement (SELECT, or anything with RETURNING). */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement's count of changed rows. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** A read that may go to a replica (PostgreSQL `replication.replicas`); else the primary. */
  read<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Run `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Say that users, teams or keys changed (on `tx`, so other instances hear it when it commits). */
  identityChanged(tx: SqlExecutor): Promise<void>;
  /** See Store.identityVersion. */
  identityVersion(): number;
  close(): Promise<void>;
}

/** The unique-constraint violation of either database, with the column when it can be told. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; message?: string; constraint?: string; detail?: string };
  // PostgreSQL: `Key (tenant, email)=(…) already exists.`; the last column is the one that matters.
  if (e?.code === '23505') return /Key \(([^)]*)\)=/.exec(e.detail ?? '')?.[1]?.split(',').pop()?.trim() ?? e.constraint ?? 'unique';
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return /\.(\w+)$/.exec(e.message ?? '')?.[1] ?? 'unique';
  return undefined;
}
