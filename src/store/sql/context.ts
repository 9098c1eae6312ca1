import type { SqlExecutor, SqlValue } from './driver.js';

/** What a SQL repository runs on: the primary (or the open transaction), replica reads, and atomic blocks. */
export interface SqlContext {
  exec: SqlExecutor;
  /** Reads that may go to a replica (outside a transaction). */
  read<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Run `fn` atomically (inside an open transaction: in it). */
  atomic<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  dialect: 'sqlite' | 'postgres';
  /** After a write to users, teams or keys: authentication caches keyed by the identity version drop what they hold. */
  identityChanged(): Promise<void>;
}

/** JSON text column → value (models lists, tags). */
export const fromJson = <T>(text: unknown): T | undefined => (typeof text === 'string' && text !== '' ? (JSON.parse(text) as T) : undefined);
export const toJson = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
/** NULL → undefined, numbers as numbers. */
export const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);
export const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
export const nul = (v: SqlValue | undefined): SqlValue => (v === undefined ? null : v);
/** The object without its undefined members (rows read back equal rows written). */
export const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
