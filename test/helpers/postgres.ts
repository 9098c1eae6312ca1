import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

const BIN = '/usr/lib/postgresql/15/bin';

/** Whether PostgreSQL 15's server binaries are installed (Debian's `postgresql` package; `.ci/run` installs it). */
export function hasPostgres(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

export interface PostgresProcess {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
  /** Shut the server down (fast shutdown), keeping its data: a database outage. */
  halt(): Promise<void>;
  /** Start it again on the same port and data (after `halt`); resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Freeze every process of the server (SIGSTOP): connections stay open and nothing answers. */
  pause(): void;
  /** Thaw it (SIGCONT). */
  resume(): void;
}

/**
 * initdb refuses to run as root: as root, the server runs as the `postgres` system user (the
 * package creates it), through runuser; otherwise as ourselves.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A throw-away PostgreSQL 15 in a temp dir on a free loopback port, trust auth, no fsync. */
export async function startPostgres(): Promise<PostgresProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'tk-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const user = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(user.stdout.trim()), Number(group.stdout.trim()));
  }
  const [initCmd, initArgs] = asServerUser(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const [cmd, args] = asServerUser(join(BIN, 'postgres'), ['-D', data, ...options.split(' ')]);
  let child: ChildProcess;
  let exited = false;
  const launch = async () => {
    child = spawn(cmd, args, { stdio: 'ignore' });
    exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = spawnSync(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      if (ready.status === 0) break;
      if (exited) throw new Error(`postgres exited before accepting connections on port ${port}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`postgres did not accept connections on port ${port} within 15 s`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await launch();
  // The server's own pid (runuser, as root, does not pass signals on to it).
  const serverPid = () => {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  const halt = async () => {
    const pid = serverPid();
    // SIGINT: PostgreSQL's fast shutdown; then wait for it to be gone, SIGKILL after 5 s.
    if (pid) signal(pid, 'SIGINT');
    const deadline = Date.now() + 5000;
    while (pid && alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (pid && alive(pid)) signal(pid, 'SIGKILL');
    if (!exited) child.kill('SIGKILL');
  };
  // The postmaster and its backends (children of the postmaster, which is a child of runuser as root).
  const family = (): number[] => {
    const pid = serverPid();
    if (!pid) return [];
    const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
    return [pid, ...children];
  };
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    halt,
    restart: launch,
    pause: () => {
      for (const pid of family()) signal(pid, 'SIGSTOP');
    },
    resume: () => {
      for (const pid of family()) signal(pid, 'SIGCONT');
    },
    stop: async () => {
      for (const pid of family()) signal(pid, 'SIGCONT');
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A fresh database on a running server, for one test file; returns its URL. */
export async function createDatabase(serverUrl: string, name = `t_${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return serverUrl.replace(/\/[^/]*$/, `/${name}`);
}
