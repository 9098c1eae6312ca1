import type { TestProject } from 'vitest/node';
import { hasPostgres, type PostgresProcess, startPostgres } from './helpers/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL 15 server for the whole run (`postgres://postgres@127.0.0.1:<port>/postgres`), or '' when not installed. */
    postgresUrl: string;
  }
}

/**
 * Once per test run: one PostgreSQL 15 server for every test file that needs one (each makes its
 * own database on it). Without PostgreSQL installed, those tests are skipped; in CI it always is.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let pg: PostgresProcess | undefined;
  if (hasPostgres()) pg = await startPostgres();
  else if (process.env.CI) throw new Error('PostgreSQL 15 is not installed: apt-get install -y postgresql');
  project.provide('postgresUrl', pg?.url ?? '');
  return async () => {
    await pg?.stop();
  };
}
