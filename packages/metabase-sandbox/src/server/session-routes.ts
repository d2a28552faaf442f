// POST /api/session (login, with Metabase's throttle and exact error bodies) and DELETE /api/session.
import type { IncomingMessage } from 'node:http';
import type { World } from '../data/world.js';
import type { SandboxStats } from '../types.js';
import type { LoginThrottle } from './login-throttle.js';
import { jsonReply, NOT_FOUND, textReply, type Reply } from './reply.js';
import type { SessionStore } from './session-store.js';

export const SESSION_COOKIE = 'metabase.SESSION';
const NON_BLANK = 'value must be a non-blank string.';

export interface SessionDeps {
  world: World;
  sessions: SessionStore;
  usernameThrottle: LoginThrottle;
  ipThrottle: LoginThrottle;
  stats: SandboxStats;
}

/** The session key from the `metabase.SESSION` cookie, else the `X-Metabase-Session` header. */
export function sessionKeyOf(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=');
  }
  const header = req.headers['x-metabase-session'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

function clientIp(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return first ?? req.socket.remoteAddress ?? 'unknown';
}

function missing(field: string): Reply {
  return jsonReply(
    {
      errors: { [field]: NON_BLANK },
      'specific-errors': { [field]: ['missing required key, received: nil', 'should be a string, received: nil'] },
    },
    400,
  );
}

export function login(deps: SessionDeps, req: IncomingMessage, rawBody: string): Reply {
  let body: unknown;
  try {
    body = rawBody === '' ? {} : JSON.parse(rawBody);
  } catch {
    // Metabase's wording for a malformed JSON body is UNVERIFIED.
    return textReply(400, 'Malformed JSON in request body.');
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { username, password, remember } = fields;
  if (typeof username !== 'string' || username.trim() === '') return missing('username');
  if (typeof password !== 'string' || password.trim() === '') return missing('password');

  const userKey = username.toLowerCase();
  const ip = clientIp(req);
  const fail = (errors: Record<string, string>): Reply => {
    deps.stats.failedLogins++;
    return jsonReply({ errors }, 401);
  };
  const refusal = deps.ipThrottle.check(ip) ?? deps.usernameThrottle.check(userKey);
  if (refusal === undefined && !deps.world.passwordLogin) {
    // An SSO-only instance (enable-password-login off): the refusal counts as a failed attempt, like every error.
    deps.ipThrottle.recordFailure(ip);
    deps.usernameThrottle.recordFailure(userKey);
    return fail({ password: 'Password login is disabled for this instance.' });
  }
  if (refusal !== undefined) {
    // A refusal counts as a failure under both keys, so a client retrying in a loop never gets out.
    deps.ipThrottle.recordFailure(ip);
    deps.usernameThrottle.recordFailure(userKey);
    return fail({ username: refusal });
  }
  const user = deps.world.users.find((u) => u.email.toLowerCase() === userKey);
  if (user?.password !== password) {
    deps.ipThrottle.recordFailure(ip);
    deps.usernameThrottle.recordFailure(userKey);
    return fail({ password: 'did not match stored password' });
  }
  if (!user.active) {
    deps.ipThrottle.recordFailure(ip);
    deps.usernameThrottle.recordFailure(userKey);
    return fail({ _error: 'Your account is disabled.' });
  }
  const token = deps.sessions.create(user.id);
  deps.stats.logins++;
  const maxAge = remember === true ? ';Max-Age=1209600' : '';
  return jsonReply({ id: token }, 200, {
    'Set-Cookie': `${SESSION_COOKIE}=${token};HttpOnly;Path=/;SameSite=Lax;Secure${maxAge}`,
  });
}

export function logout(deps: SessionDeps, req: IncomingMessage): Reply {
  const key = sessionKeyOf(req);
  if (key === undefined || !deps.sessions.remove(key)) return NOT_FOUND();
  deps.stats.logouts++;
  return { status: 204, kind: 'empty', headers: { 'Set-Cookie': `${SESSION_COOKIE}=;Path=/;Max-Age=0;Secure` } };
}
