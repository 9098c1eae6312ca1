import { ConfigError } from '../../core/errors.js';

/**
 * Why a SQLite file could not be opened or migrated at start, for the operator: the file, what is
 * wrong with it, and what to do. SQLite's own words ("file is not a database") name neither the
 * file nor a way out, and a gateway that exits with them gets restarted into the same wall.
 * Nothing here touches the file or the usage spool: rows waiting there are written to whichever
 * database the gateway opens next.
 */
export function sqliteOpenError(path: string, err: unknown): ConfigError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const said = typeof e?.message === 'string' ? e.message : String(err);
  const file = `the SQLite database ${path} (database.path)`;
  const moveAside = `stop every gateway using it, move it aside with its -wal and -shm files (mv ${path} ${path}.broken) and restore your last backup to ${path}, or start without one (a new, empty database is made: API keys, users, teams and budgets must then be created again)`;
  const because = ` [${code ? `${code}: ` : ''}${said}]`;
  let text: string;
  if (code === 'SQLITE_NOTADB')
    text = `${file} is not a SQLite database: the file is corrupted, was overwritten, or belongs to another program. To fix: ${moveAside}.`;
  else if (code.startsWith('SQLITE_CORRUPT'))
    text = `${file} is damaged (truncated or corrupted). To fix: ${moveAside}; \`sqlite3 ${path}.broken .recover\` may save the rows that can still be read.`;
  else if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT' || /SQLITE_IOERR.*(WRITE|FSYNC|TRUNCATE)/.test(code) || /disk is full|no space/i.test(said))
    text = `${file} cannot be written: the disk holding it is full. To fix: free space on that disk, or point database.path at another disk.`;
  else if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    text = `${file} cannot be opened for reading and writing. To fix: check that the file and its directory exist, are writable by this user, and are on a writable disk; or point database.path elsewhere.`;
  else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    text = `${file} is locked by another process for longer than 5 s. To fix: stop whatever holds it (another gateway, a \`tokligence team\` command, a sqlite3 shell), then start again.`;
  else if (code.startsWith('SQLITE_IOERR'))
    text = `${file} could not be read or written (an I/O error from the disk). To fix: check the disk (dmesg, SMART); if the file is damaged, ${moveAside}.`;
  else text = `cannot open ${file}.`;
  return new ConfigError(`${text}${because}`, { cause: err });
}
