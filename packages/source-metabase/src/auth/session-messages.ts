import type { SessionAuthMessages } from '@mb-airbyte/http-source-kit';

/** Why a given session token can fail, and every way out; shown as a config_error. */
export const expiredTokenMessage =
  'The Metabase session token has expired or is not valid: Metabase answered 401 Unauthenticated. ' +
  'Sessions last 14 days from login by default (MAX_SESSION_AGE on the Metabase server, in minutes; 20160 by default). ' +
  'Get a new token with POST /api/session (its "id"), add username and password so the connector can log in again ' +
  'when the token expires, or use an API key (recommended: it does not expire).';

/** Metabase's "wait N seconds" from a throttled login answer, when it says so. */
export function throttleWaitSeconds(body: string): number | undefined {
  const match = /must wait (\d+) seconds/i.exec(body);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function isThrottledLogin(_status: number, body: string): boolean {
  return body.includes('Too many attempts');
}

function throttledMessage(username: string): (body: string) => string {
  return (body) => {
    const seconds = throttleWaitSeconds(body);
    const wait =
      seconds === undefined
        ? 'Metabase says to try again later'
        : `Metabase says to wait ${seconds} seconds before trying again`;
    return (
      `Metabase refused to log in ${username}: too many failed login attempts ("Too many attempts!"). ${wait}; ` +
      'every attempt made before then makes the wait longer, so the connector does not retry. Check the password, ' +
      'wait, then run again, or use an API key, which is not subject to login throttling.'
    );
  };
}

function loginFailedMessage(username: string): (status: number, body: string) => string {
  return (status, body) => {
    if (/password login is (disabled|not enabled)/i.test(body)) {
      return (
        `Metabase refused to log in ${username}: password login is disabled on this instance (people sign in with single ` +
        'sign-on, such as Google, SAML or JWT). Use an API key (Admin settings > Authentication > API keys, Metabase ' +
        '0.49 and later) or a session token.'
      );
    }
    if (body.includes('disabled')) {
      return `Metabase refused to log in ${username}: the account is deactivated ("Your account is disabled."). Use an active account or an API key.`;
    }
    if (status === 400) {
      return `Metabase refused the login request (HTTP 400): the username and password must be non-blank strings.`;
    }
    if (status === 401) {
      return (
        `Metabase rejected the username or password of ${username} (HTTP 401). Check both in the configuration; ` +
        'after 10 failed attempts in an hour Metabase locks the username out for a growing delay.'
      );
    }
    return `Logging in to Metabase as ${username} failed (HTTP ${status}). Check the username and password, or use an API key.`;
  };
}

/** A session just opened by logging in was refused from its first request. */
export const freshSessionRefusedMessage =
  'Metabase answered 401 Unauthenticated to the first requests made with the session it had just opened, so logging ' +
  'in again would not help. A proxy or load balancer in front of Metabase may drop the X-Metabase-Session header, or ' +
  'Metabase ends sessions at once (MAX_SESSION_AGE, in minutes, on the Metabase server). Use an API key, or let the ' +
  'header through.';

function tooManyLoginsMessage(limit: number): string {
  return (
    `Metabase ended the connector's sessions so often that it logged in ${limit} times within a minute; it stops there ` +
    'rather than keep logging in. Sessions this short point at a very low MAX_SESSION_AGE (minutes) on the Metabase ' +
    'server, or at something ending sessions as soon as they are opened. Use an API key, or lengthen the sessions.'
  );
}

/** The kit's session messages in Metabase's terms. */
export function sessionMessages(username: string | undefined): SessionAuthMessages {
  const who = username ?? 'the configured user';
  return {
    expired: expiredTokenMessage,
    loginFailed: loginFailedMessage(who),
    throttled: throttledMessage(who),
    freshSessionRefused: freshSessionRefusedMessage,
    tooManyLogins: tooManyLoginsMessage,
  };
}
