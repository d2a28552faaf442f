// GET /api/user is Metabase's one paged list: the connector walks limit/offset pages until `total`, and asks for
// deactivated users only when include_deactivated_users is on.
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { readSource } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byPrimaryKey, fastSource, recordsByStream, sandboxConfig } from './support/sandbox-source.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2 });
});
afterAll(async () => {
  await sandbox.stop();
});

const pageSize = 3;
const source = fastSource({ streams: { usersPageSize: pageSize } });

async function readUsers(includeDeactivated: boolean) {
  sandbox.resetStats();
  const config = sandboxConfig(sandbox, 'admin_api_key', { include_deactivated_users: includeDeactivated });
  const output = await readSource(source, { config, streams: ['users'] });
  expect(output.exitCode).toBe(0);
  return recordsByStream(output).get('users') ?? [];
}

describe('users', () => {
  it('with include_deactivated_users: every user, deactivated ones included, over ceil(total / limit) pages', async () => {
    const all = sandbox.expected.users();
    expect(all.some((user) => user.is_active === false)).toBe(true);
    const users = await readUsers(true);
    expect(byPrimaryKey(users)).toEqual(byPrimaryKey(all));
    expect(sandbox.stats().requestsByRoute['GET /api/user']).toBe(Math.ceil(all.length / pageSize));
  });

  it('without it: active users only', async () => {
    const active = sandbox.expected.users().filter((user) => user.is_active === true);
    const users = await readUsers(false);
    expect(byPrimaryKey(users)).toEqual(byPrimaryKey(active));
    expect(users.every((user) => user.is_active === true)).toBe(true);
    expect(sandbox.stats().requestsByRoute['GET /api/user']).toBe(Math.ceil(active.length / pageSize));
  });
});
