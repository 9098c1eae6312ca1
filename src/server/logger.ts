export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>): void;
  /** Whether `level` would be written; lets callers skip building fields nobody reads (default: yes). */
  enabled?(level: Exclude<LogLevel, 'silent'>): boolean;
}

/**
 * One JSON object per line on stderr. Callers pass only fields they chose (ids, route, status,
 * timings): never headers, bodies or keys, so secrets cannot reach the log.
 */
export function createLogger(level: LogLevel = 'info', format: 'json' | 'pretty' = 'json', write: (line: string) => void = stderrLine): Logger {
  const min = ORDER[level];
  return {
    enabled: (lvl) => ORDER[lvl] >= min,
    log(lvl, msg, fields = {}) {
      if (ORDER[lvl] < min) return;
      if (format === 'pretty') {
        const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
        write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}${rest ? ` ${rest}` : ''}\n`);
        return;
      }
      write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
    },
  };
}

/** stderr where the runtime has one (Node, Bun, Deno), else the console (workerd, browsers). */
function stderrLine(line: string): void {
  const stderr = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process?.stderr;
  if (stderr) stderr.write(line);
  else console.error(line.trimEnd());
}
