import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-error.js';
import { HttpError } from './http-error.js';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('drops userinfo and the values of secret-looking query keys, keeping the rest', () => {
    expect(redactUrl('https://alice:pw@h:8443/api/x?limit=5&api_key=mb_abc&session_id=s&Token=t&f=all')).toBe(
      'https://h:8443/api/x?limit=5&api_key=***&session_id=***&Token=***&f=all',
    );
    expect(redactUrl('not a url')).toBe('[unparseable URL]');
  });
});

describe('errors', () => {
  it('are recognised by marker, also across copies of the class', () => {
    const error = new HttpError({
      message: 'm',
      failureType: 'transient_error',
      method: 'get',
      url: 'https://h/x?password=p',
      retryable: true,
      status: 503,
    });
    expect(HttpError.isInstance(error)).toBe(true);
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect(HttpError.isInstance(new ConnectorError({ message: 'm', failureType: 'system_error' }))).toBe(false);
    expect(ConnectorError.isInstance({ message: 'lookalike' })).toBe(false);
    const foreign = Object.assign(Object.create(null) as object, {
      [Symbol.for('mb-airbyte.http-source-kit.ConnectorError')]: true,
    });
    expect(ConnectorError.isInstance(foreign)).toBe(true);
    expect(error.method).toBe('GET');
    expect(error.url).toBe('https://h/x?password=***');
    expect(`${inspect(error)}${JSON.stringify(error)}`).not.toContain('=p');
  });

  it('keeps a short, flattened body snippet', () => {
    const error = new HttpError({
      message: 'm',
      failureType: 'system_error',
      method: 'GET',
      url: 'https://h',
      retryable: false,
      body: `a\n\n  b${'x'.repeat(1000)}`,
    });
    expect(error.bodySnippet?.startsWith('a b')).toBe(true);
    expect(error.bodySnippet?.length).toBeLessThanOrEqual(301);
  });

  it('carry a failure type, a user message and an internal message', () => {
    const cause = new Error('root');
    const error = new ConnectorError({
      message: 'Check the URL.',
      internalMessage: 'ENOTFOUND',
      failureType: 'config_error',
      cause,
    });
    expect(error).toMatchObject({
      message: 'Check the URL.',
      userMessage: 'Check the URL.',
      internalMessage: 'ENOTFOUND',
      failureType: 'config_error',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
  });
});
