// GET /api/user is read in one request without limit/offset: Metabase 0.47 and 0.48 order users without a tie break,
// so limit/offset pages repeat and skip users who share a name. Every user comes exactly once on every version.
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { readSource } from '@mb-airbyte/http-source-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { byPrimaryKey, fastSource, recordsByStream, sandboxConfig } from './support/sandbox-source.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const source = fastSource();

async function readUsers(s: Sandbox, includeDeactivated: boolean) {
  s.resetStats();
  // A login works on every version (API keys need 0.49).
  const config = sandboxConfig(s, 'username_password', { include_deactivated_users: includeDeactivated });
  const output = await readSource(source, { config, streams: ['users'] });
  expect(output.exitCode).toBe(0);
  return { users: recordsByStream(output).get('users') ?? [], output };
}

describe('users', () => {
  it.each(['0.49', '0.50'] as const)(
    'on %s, with include_deactivated_users: every user once, deactivated ones included, in one request',
    async (version) => {
      sandbox = await startSandbox({ seed: 2, scale: 3, version });
      const all = sandbox.expected.users();
      expect(all.some((user) => user.is_active === false)).toBe(true);
      const { users } = await readUsers(sandbox, true);
      expect(users.map((user) => user.id).sort()).toEqual(all.map((user) => user.id).sort());
      expect(byPrimaryKey(users)).toEqual(byPrimaryKey(all));
      expect(sandbox.stats().requestsByRoute['GET /api/user']).toBe(1);
    },
  );

  it.each(['0.47', '0.48'] as const)(
    'on %s, where pages would repeat and skip users sharing a name: every user exactly once',
    async (version) => {
      sandbox = await startSandbox({ seed: 2, scale: 3, version });
      const all = sandbox.expected.users();
      const names = all.map((user) => `${String(user.first_name)}|${String(user.last_name)}`.toLowerCase());
      expect(new Set(names).size).toBeLessThan(names.length);
      for (let read = 0; read < 3; read++) {
        const { users } = await readUsers(sandbox, true);
        expect(users.map((user) => user.id).sort()).toEqual(all.map((user) => user.id).sort());
      }
    },
  );

  it('without include_deactivated_users: active users only', async () => {
    sandbox = await startSandbox({ seed: 2 });
    const active = sandbox.expected.users().filter((user) => user.is_active === true);
    const { users } = await readUsers(sandbox, false);
    expect(byPrimaryKey(users)).toEqual(byPrimaryKey(active));
  });

  it('an administrator credential reads without a warning; a group manager gets its groups and a LOG saying the stream may be partial', async () => {
    sandbox = await startSandbox({ seed: 2, scale: 3, groupManager: true });
    const { output } = await readUsers(sandbox, true);
    expect(output.logs.filter((log) => /not a Metabase administrator/.test(log.message))).toEqual([]);

    const { groupManagerUsername, groupManagerPassword } = sandbox.credentials;
    const config = {
      instance_api_url: sandbox.url,
      ca_certificate: sandbox.caPem,
      username: groupManagerUsername,
      password: groupManagerPassword,
    };
    const managed = await readSource(source, { config, streams: ['users', 'permission_groups'] });
    expect(managed.exitCode).toBe(0);
    const warnings = managed.logs
      .filter((log) => log.level === 'WARN' && /not a Metabase administrator/.test(log.message))
      .map((log) => log.message);
    expect(warnings).toEqual([
      expect.stringContaining(
        'Stream "users": the credential acts as group.manager@example.com, who is not a Metabase administrator. Metabase gives a group manager (Enterprise) only the users of the groups it manages, so this stream may be partial',
      ),
      expect.stringContaining('Stream "permission_groups": the credential acts as group.manager@example.com'),
    ]);
    const users = recordsByStream(managed).get('users') ?? [];
    expect(users.length).toBeGreaterThan(0);
    expect(users.length).toBeLessThan(sandbox.expected.users().length);
  });
});
