import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/index.js';
import { FatalCause } from './fatal-cause.js';

const refused = (): ConnectorError =>
  new ConnectorError({
    message: 'The API key was refused (HTTP 401). Create a new key.',
    failureType: 'config_error',
    endsRun: true,
  });

describe('FatalCause', () => {
  it('trips once: the first cause stays, the signal aborts with it as the reason', () => {
    const fatal = new FatalCause();
    expect(fatal.error).toBeUndefined();
    expect(fatal.signal.aborted).toBe(false);
    const first = refused();
    expect(fatal.trip(first)).toBe(true);
    expect(fatal.trip(refused())).toBe(false);
    expect(fatal.error).toBe(first);
    expect(fatal.signal.aborted).toBe(true);
    expect(fatal.signal.reason).toBe(first);
  });

  it('explains the cause, errors caused by it, other run-ending errors and whatever follows its abort; nothing before it trips', () => {
    const fatal = new FatalCause();
    const cause = refused();
    const own = new ConnectorError({ message: 'Bad page.', failureType: 'system_error' });
    expect(fatal.explains(cause)).toBe(false);
    fatal.trip(cause);
    expect(fatal.explains(cause)).toBe(true);
    expect(fatal.explains(new Error('wrapped', { cause }))).toBe(true);
    expect(fatal.explains(refused())).toBe(true);
    expect(fatal.explains(own)).toBe(false);
    const stopped = AbortSignal.any([new AbortController().signal, fatal.signal]);
    expect(fatal.explains(own, stopped)).toBe(true);
    const cancelled = new AbortController();
    cancelled.abort(new Error('SIGTERM'));
    expect(fatal.explains(own, cancelled.signal)).toBe(false);
  });

  it('points at the cause with the first clause of its message, capped', () => {
    const fatal = new FatalCause();
    fatal.trip(refused());
    expect(fatal.pointer('users')).toBe(
      'Stream "users" stopped: the read ended because of an earlier error: The API key was refused (HTTP 401) (see the ERROR trace).',
    );
    const detailed = new FatalCause();
    detailed.trip(
      new ConnectorError({
        message:
          'Metabase refused the API key: it answered 401 to GET https://m.example.com/api/card. Create a new key.',
        failureType: 'config_error',
        endsRun: true,
      }),
    );
    expect(detailed.pointer('cards')).toBe(
      'Stream "cards" stopped: the read ended because of an earlier error: Metabase refused the API key (see the ERROR trace).',
    );
    const long = new FatalCause();
    long.trip(new ConnectorError({ message: 'x'.repeat(1000), failureType: 'transient_error', endsRun: true }));
    expect(long.pointer('cards').length).toBeLessThan(300);
  });
});
