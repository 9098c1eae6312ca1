import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** Whether Debian's nginx is installed (`.ci/run` installs it). */
export function hasNginx(): boolean {
  return NGINX !== undefined;
}

export interface NginxProcess {
  url: string;
  /** The access log so far: one line per request, `status upstream request_id`. */
  accessLog(): string;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground (not the system service) with a config and prefix of its own in a temp
 * dir, on a free loopback port, as a round-robin load balancer over `upstreams` (loopback ports).
 * A connection refused or reset before the request was sent goes to the next instance; a POST
 * already sent is not retried (nginx never retries non-idempotent requests), so its caller gets a 502.
 * Each answer names the instance that served it in `x-upstream`.
 */
export async function startNginx(upstreams: number[]): Promise<NginxProcess> {
  if (!NGINX) throw new Error('nginx is not installed: apt-get install -y nginx');
  const dir = mkdtempSync(join(tmpdir(), 'tk-nginx-'));
  // Workers run as `nobody` when nginx starts as root: they must reach the temp paths.
  chmodSync(dir, 0o755);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, t));
    chmodSync(join(dir, t), 0o777);
  }
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  log_format lb '$status $upstream_addr $upstream_status $http_x_request_id';
  access_log ${dir}/access.log lb;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream gateways {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout;
      add_header x-upstream $upstream_addr always;
    }
  }
}
`,
  );
  const test = spawnSync(NGINX, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${readLog(join(dir, 'error.log'))}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer on port ${port} within 10 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    accessLog: () => readLog(join(dir, 'access.log')),
    stop: async () => {
      // SIGTERM: nginx's fast shutdown (the master stops its workers).
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
