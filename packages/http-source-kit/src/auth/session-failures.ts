import { ConnectorError } from '../errors/index.js';
import type { SessionAuthMessages } from './session-login.js';

/** A session failure: the user's to fix, never retried, and the end of the run (no stream can get a session). */
function endOfRun(message: string, internalMessage: string, cause?: unknown): ConnectorError {
  return new ConnectorError({
    message,
    internalMessage,
    failureType: 'config_error',
    retryable: false,
    endsRun: true,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The errors that end a session-authenticated run, in the source's words where it gives them. */
export function sessionFailures(messages: SessionAuthMessages) {
  return {
    expired: (): ConnectorError =>
      endOfRun(
        messages.expired ??
          'The session token was rejected (HTTP 401): it is invalid or expired. Provide a fresh token, or credentials to log in with.',
        'session token rejected, no credentials to log in with',
      ),
    freshSessionRefused: (): ConnectorError =>
      endOfRun(
        messages.freshSessionRefused ??
          'The server answered 401 to the first requests made with the session it had just opened, so logging in again ' +
            'would not help. Something between the connector and the server may drop the session header, or the server ends sessions at once.',
        'a session was refused before it served any request',
      ),
    tooManyLogins: (limit: number): ConnectorError =>
      endOfRun(
        messages.tooManyLogins?.(limit) ??
          `The server ended the connector's sessions so often that it logged in ${limit} times within a minute; it stops ` +
            'there rather than keep logging in. Check how long the server keeps sessions.',
        `login ceiling reached: ${limit} logins within 60 s`,
      ),
    /**
     * A failed login as the end of the run: even a transient one (the server was down for the whole retry budget of
     * the login request) must not lead to another login attempt, and every stream needs a session.
     */
    loginFailed: (error: unknown): ConnectorError => {
      const known = ConnectorError.isInstance(error);
      return new ConnectorError({
        message: known ? error.userMessage : 'Login failed unexpectedly.',
        internalMessage: `login failed: ${known ? (error.internalMessage ?? '') : error instanceof Error ? error.message : String(error)}`,
        failureType: known ? error.failureType : 'system_error',
        retryable: false,
        endsRun: true,
        cause: error,
      });
    },
  };
}
