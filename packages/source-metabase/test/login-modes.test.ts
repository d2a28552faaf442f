// What differs between Metabase versions and login modes at the door: an API key sent to a Metabase older than 0.49
// (no API keys: 401), and an SSO-only instance (password login disabled): each is said as such, with what to use.
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { checkSource, readSource } from '@mb-airbyte/http-source-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { metabaseMajor } from '../src/auth/api-key-version.js';
import { fastSource, finalStatuses, sandboxConfig } from './support/sandbox-source.js';

const source = fastSource();
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

describe('an API key', () => {
  it('reads the feature version of open-source and Enterprise tags', () => {
    expect(metabaseMajor('v0.47.14')).toBe(47);
    expect(metabaseMajor('v1.48.2')).toBe(48);
    expect(metabaseMajor('v0.50.0-RC2')).toBe(50);
    expect(metabaseMajor('vUNKNOWN')).toBeUndefined();
  });

  it.each(['0.46', '0.48'] as const)(
    'on Metabase %s: check and read say API keys need 0.49, once, and stop',
    async (version) => {
      sandbox = await startSandbox({ seed: 3, version });
      const config = sandboxConfig(sandbox, 'admin_api_key');
      const checked = await checkSource(source, config);
      expect(checked.connectionStatus?.status).toBe('FAILED');
      expect(checked.connectionStatus?.message).toContain(
        `this Metabase is ${sandbox.versionTag}, and API keys need Metabase 0.49 or later`,
      );

      sandbox.resetStats();
      const output = await readSource(source, { config });
      expect(output.exitCode).not.toBe(0);
      const errors = output.traces.filter((trace) => trace.type === 'ERROR').map((trace) => trace.error.message);
      expect(errors.filter((message) => message.includes('API keys need Metabase 0.49 or later'))).toHaveLength(1);
      expect(errors.some((message) => /deleted or regenerated/.test(message))).toBe(false);
      expect(sandbox.stats().requestsByRoute['GET /api/session/properties']).toBe(1);
      expect([...finalStatuses(output).values()].every((status) => status === 'INCOMPLETE')).toBe(true);
    },
  );

  it('on 0.49 and later, a wrong key is still "deleted or regenerated", after one look at the version', async () => {
    sandbox = await startSandbox({ seed: 3, version: '0.49' });
    const checked = await checkSource(source, {
      ...sandboxConfig(sandbox, 'admin_api_key'),
      api_key: 'mb_not+a/real=key',
    });
    expect(checked.connectionStatus?.status).toBe('FAILED');
    expect(checked.connectionStatus?.message).toMatch(/deleted or regenerated/);
  });
});

describe('an SSO-only instance', () => {
  it('says that password login is disabled and suggests an API key, instead of a deactivated account', async () => {
    sandbox = await startSandbox({ seed: 3, passwordLogin: false });
    const checked = await checkSource(source, sandboxConfig(sandbox, 'username_password'));
    expect(checked.connectionStatus?.status).toBe('FAILED');
    const message = checked.connectionStatus?.message ?? '';
    expect(message).toContain('password login is disabled on this instance');
    expect(message).toContain('Use an API key');
    expect(message).not.toMatch(/deactivated/);
    expect(sandbox.stats().logins).toBe(0);
    expect((await checkSource(source, sandboxConfig(sandbox, 'admin_api_key'))).connectionStatus?.status).toBe(
      'SUCCEEDED',
    );
  });
});
