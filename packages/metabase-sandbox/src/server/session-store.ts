// Sessions as Metabase keeps them: a UUID per login, valid for MAX_SESSION_AGE from creation (not
// sliding). Optionally a session also dies after N authenticated requests, to test expiry mid-sync.
import { randomUUID } from 'node:crypto';

interface SessionRow {
  userId: number;
  createdMs: number;
  requests: number;
}

export interface SessionStoreOptions {
  maxAgeMs: number;
  maxRequests?: number;
  now: () => number;
  /** Told when a session is found dead, once per session. */
  onExpired?: (reason: 'age' | 'requests') => void;
}

export interface SessionStore {
  create(userId: number): string;
  /** The user id behind a live session, counting this use; undefined when unknown or expired. */
  use(token: string): number | undefined;
  remove(token: string): boolean;
  removeAll(): void;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const sessions = new Map<string, SessionRow>();
  return {
    create(userId) {
      const token = randomUUID();
      sessions.set(token, { userId, createdMs: options.now(), requests: 0 });
      return token;
    },
    use(token) {
      const row = sessions.get(token);
      if (row === undefined) return undefined;
      const tooOld = options.now() - row.createdMs > options.maxAgeMs;
      const tooUsed = options.maxRequests !== undefined && row.requests >= options.maxRequests;
      if (tooOld || tooUsed) {
        sessions.delete(token);
        options.onExpired?.(tooOld ? 'age' : 'requests');
        return undefined;
      }
      row.requests++;
      return row.userId;
    },
    remove: (token) => sessions.delete(token),
    removeAll() {
      sessions.clear();
    },
  };
}
