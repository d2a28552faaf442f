import { describe, expect, it } from 'vitest';
import { chooseCredential, missingCredentialMessage } from './choose-credential.js';
import { MetabaseConfigError } from './config-error.js';

const login = { username: 'ada@example.com', password: 'pw-1' };

describe('chooseCredential: order of preference api_key > session_token > username+password', () => {
  it('api_key alone', () => {
    expect(chooseCredential({ api_key: 'mb_key' })).toEqual({ kind: 'api_key', apiKey: 'mb_key' });
  });

  it('api_key wins over a session token and a login', () => {
    expect(chooseCredential({ api_key: 'mb_key', session_token: 'tok', ...login })).toEqual({
      kind: 'api_key',
      apiKey: 'mb_key',
    });
  });

  it('session_token alone: no re-login possible', () => {
    expect(chooseCredential({ session_token: 'tok' })).toEqual({ kind: 'session_token', sessionToken: 'tok' });
  });

  it('session_token with username and password: the login is kept for re-login', () => {
    expect(chooseCredential({ session_token: 'tok', ...login })).toEqual({
      kind: 'session_token',
      sessionToken: 'tok',
      relogin: login,
    });
  });

  it('session_token with a username only (the official spec required username): token used, no re-login', () => {
    expect(chooseCredential({ session_token: 'tok', username: 'ada@example.com' })).toEqual({
      kind: 'session_token',
      sessionToken: 'tok',
    });
  });

  it('username and password: one login per run', () => {
    expect(chooseCredential(login)).toEqual({ kind: 'username_password', login });
  });

  it('blank strings count as absent', () => {
    expect(chooseCredential({ api_key: '', session_token: '  ', ...login })).toEqual({
      kind: 'username_password',
      login,
    });
  });

  it.each([
    [{}, missingCredentialMessage],
    [{ api_key: ' ', session_token: '' }, missingCredentialMessage],
    [{ username: 'ada@example.com' }, 'without a password'],
    [{ password: 'pw-1' }, 'without a username'],
  ])('nothing usable in %j: a config error', (config, message) => {
    let thrown: unknown;
    try {
      chooseCredential(config);
    } catch (error) {
      thrown = error;
    }
    expect(MetabaseConfigError.isInstance(thrown)).toBe(true);
    const error = thrown as MetabaseConfigError;
    expect(error.failureType).toBe('config_error');
    expect(error.userInput).toBe(true);
    expect(error.userMessage).toContain(message);
    expect(error.userMessage).not.toContain('pw-1');
  });
});
