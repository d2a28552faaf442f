import { describe, expect, it } from 'vitest';
import { ConnectorError, HttpError } from '../errors/index.js';
import { parseRetryAfter } from './retry-after.js';
import { createRetryPolicy } from './retry-policy.js';

const sleep = () => Promise.resolve();
const transient = (retryAfterMs?: number) =>
  new HttpError({
    message: 'busy',
    failureType: 'transient_error',
    method: 'GET',
    url: 'https://h/x',
    status: 503,
    retryable: true,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP-dates, and ignores garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('createRetryPolicy', () => {
  it('uses full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const top = createRetryPolicy({
      sleep,
      random: () => 0.999999,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      maxAttempts: 10,
    });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => top.nextDelayMs(transient(), attempt, 0))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    const bottom = createRetryPolicy({ sleep, random: () => 0, maxAttempts: 10 });
    expect(bottom.nextDelayMs(transient(), 3, 0)).toBe(0);
  });

  it('prefers Retry-After over backoff, even above maxDelayMs, within the total budget', () => {
    const policy = createRetryPolicy({ sleep, random: () => 0.5, maxDelayMs: 1000, maxTotalMs: 10_000 });
    expect(policy.nextDelayMs(transient(5000), 1, 0)).toBe(5000);
    expect(policy.nextDelayMs(transient(5000), 1, 6000)).toBeUndefined();
  });

  it('stops at maxAttempts and on failures that are not retryable', () => {
    const policy = createRetryPolicy({ sleep, maxAttempts: 3 });
    expect(policy.nextDelayMs(transient(), 2, 0)).toBeTypeOf('number');
    expect(policy.nextDelayMs(transient(), 3, 0)).toBeUndefined();
    expect(
      policy.nextDelayMs(new ConnectorError({ message: 'bad', failureType: 'config_error' }), 1, 0),
    ).toBeUndefined();
    expect(policy.nextDelayMs(new Error('plain'), 1, 0)).toBeUndefined();
    expect(
      policy.nextDelayMs(new ConnectorError({ message: 'flaky', failureType: 'transient_error' }), 1, 0),
    ).toBeTypeOf('number');
    expect(
      policy.nextDelayMs(
        new ConnectorError({ message: 'final', failureType: 'transient_error', retryable: false }),
        1,
        0,
      ),
    ).toBeUndefined();
    expect(policy.nextDelayMs(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 1, 0)).toBeTypeOf('number');
  });

  it('classifies anything into a ConnectorError without keeping the original object', () => {
    const policy = createRetryPolicy({ sleep });
    const fromReset = policy.classify(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', config: { headers: { authorization: 'x' } } }),
    );
    expect(fromReset).toMatchObject({ failureType: 'transient_error' });
    expect(fromReset.cause).toBeUndefined();
    expect(policy.classify('a string')).toMatchObject({ failureType: 'system_error' });
    const known = new ConnectorError({ message: 'm', failureType: 'config_error' });
    expect(policy.classify(known)).toBe(known);
  });
});
