import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort } from './ports.js';

/** Whether a `redis-server` binary is on the PATH (`.ci/run` installs it). */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface RedisProcess {
  port: number;
  url: string;
  /** Stop it (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /** Start it again on the same port (after `stop`), empty; resolves once it answers PING. */
  restart(): Promise<void>;
  /** Freeze it (SIGSTOP): connections stay open and nothing answers. */
  pause(): void;
  /** Thaw it (SIGCONT). */
  resume(): void;
}

/** One PING over a raw socket; true on `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(200, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** Start a throw-away redis-server on a free loopback port, without persistence; resolves once it answers PING. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess;
  let exited = false;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 5000;
    while (!(await ping(port))) {
      if (exited) throw new Error(`redis-server exited before answering on port ${port}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not answer PING on port ${port} within 5 s`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    restart: launch,
    pause: () => {
      if (!exited) child.kill('SIGSTOP');
    },
    resume: () => {
      if (!exited) child.kill('SIGCONT');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGCONT');
        child.kill('SIGTERM');
      }),
  };
}
