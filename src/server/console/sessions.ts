import { randomHex, sha256Hex, timingSafeEqual } from '../../core/crypto.js';

/** One signed-in browser: the credential it signed in with stays here, never in the browser. */
export interface ConsoleSession {
  /** The key or token presented at sign-in: every admin call of this session carries it. */
  readonly credential: string;
  /** Sent back by the page on every change (`x-csrf-token`). */
  readonly csrf: string;
  readonly createdAt: number;
  lastSeen: number;
}

export interface SessionLimits {
  /** A session unused this long ends (ms). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (ms). */
  maxAgeMs: number;
  /** Sessions kept at most; past it the least recently used ends. */
  maxSessions: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, maxAgeMs: 12 * 3_600_000, maxSessions: 1000 };

/** 256 random bits, as hex. */
const token = () => randomHex(32);
/** Sessions are looked up by a digest of the cookie: a timing difference in the Map says nothing about the id. */
const digest = (id: string) => sha256Hex(id);
const encoder = new TextEncoder();

/**
 * Server-side sessions of the console, in memory (a restart signs everyone out). The cookie holds
 * a random id only; the credential and the CSRF token stay on the server.
 */
export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session: returns the cookie value and the session. */
  create(credential: string): { id: string; session: ConsoleSession } {
    const id = token();
    const at = this.now();
    const session: ConsoleSession = { credential, csrf: token(), createdAt: at, lastSeen: at };
    while (this.sessions.size >= this.limits.maxSessions) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.delete(oldest);
    }
    this.sessions.set(digest(id), session);
    return { id, session };
  }

  /** The live session of a cookie value (touching it), or undefined. */
  get(id: string | undefined): ConsoleSession | undefined {
    if (!id || id.length > 100) return undefined;
    const key = digest(id);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    const at = this.now();
    if (at - s.lastSeen > this.limits.idleMs || at - s.createdAt > this.limits.maxAgeMs) {
      this.sessions.delete(key);
      return undefined;
    }
    s.lastSeen = at;
    // Most recently used last: eviction takes the first.
    this.sessions.delete(key);
    this.sessions.set(key, s);
    return s;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(digest(id));
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(session: ConsoleSession, presented: string | null): boolean {
  if (!presented) return false;
  return timingSafeEqual(encoder.encode(presented), encoder.encode(session.csrf));
}
