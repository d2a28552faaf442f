// Reads every stream from the sandbox over HTTPS with each kind of credential, and proves what a sync promises:
// every record valid against its discovered schema, the same records as the server holds, and the logins a run
// costs (one login and one logout with a password, none with a token or an API key).
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { discoverSource, readSource, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamCatalog, type StreamName } from '../src/index.js';
import {
  byPrimaryKey,
  catalogValidators,
  expectedRecords,
  fastSource,
  finalStatuses,
  invalidRecords,
  recordsByStream,
  runError,
  sandboxConfig,
  streamErrors,
  type CredentialKind,
} from './support/sandbox-source.js';

const streamNames = Object.keys(streamCatalog) as StreamName[];
const adminOnly: StreamName[] = ['users', 'permission_groups'];
const source = fastSource();

let sandbox: Sandbox;
let validators: Awaited<ReturnType<typeof catalogValidators>>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  const discovered = await discoverSource(source, sandboxConfig(sandbox, 'admin_api_key'));
  if (discovered.catalog === undefined) throw new Error('discover gave no catalog');
  validators = catalogValidators(discovered.catalog);
});
afterAll(async () => {
  await sandbox.stop();
});

/** One full read (every stream) with the sandbox's counters reset just before it. */
async function readAll(kind: CredentialKind): Promise<SourceOutput> {
  const config = sandboxConfig(sandbox, kind); // creating a session token is not a request
  sandbox.resetStats();
  return readSource(source, { config });
}

const adminRuns: [CredentialKind, { logins: number; logouts: number; validations: number }][] = [
  ['username_password', { logins: 1, logouts: 1, validations: 0 }],
  ['session_token', { logins: 0, logouts: 0, validations: 1 }],
  ['admin_api_key', { logins: 0, logouts: 0, validations: 0 }],
];

describe.each(adminRuns)('a full read with %s', (kind, cost) => {
  let output: SourceOutput;
  beforeAll(async () => {
    output = await readAll(kind);
  });

  it('completes every stream and exits 0', () => {
    expect([...streamErrors(output).values()]).toEqual([]);
    expect(output.exitCode).toBe(0);
    expect(Object.fromEntries(finalStatuses(output))).toEqual(
      Object.fromEntries(streamNames.map((name) => [name, 'COMPLETE'])),
    );
  });

  it('emits only records valid against their discovered schema (strict types)', () => {
    const records = recordsByStream(output);
    for (const name of streamNames) {
      const validate = validators.get(name);
      expect(validate, name).toBeDefined();
      if (validate === undefined) continue;
      expect(invalidRecords(validate, records.get(name) ?? []), name).toEqual([]);
    }
  });

  it("emits exactly the sandbox's records, by primary key, in the server's order", () => {
    const records = recordsByStream(output);
    const expected = expectedRecords(sandbox);
    for (const name of streamNames) {
      const ours = records.get(name) ?? [];
      expect(ours.length, name).toBeGreaterThan(0);
      expect(byPrimaryKey(ours), name).toEqual(byPrimaryKey(expected[name]));
      expect(
        ours.map((record) => record.id),
        name,
      ).toEqual(expected[name].map((record) => record.id));
    }
  });

  it(`costs ${cost.logins} login(s), ${cost.logouts} logout(s) and ${cost.validations} token check(s)`, () => {
    const stats = sandbox.stats();
    expect(stats.requestsByRoute['POST /api/session'] ?? 0).toBe(cost.logins);
    expect(stats.logins).toBe(cost.logins);
    expect(stats.logouts).toBe(cost.logouts);
    // Plus one GET /api/user/current that users and permission_groups share, to say whether they may be partial.
    expect(stats.requestsByRoute['GET /api/user/current'] ?? 0).toBe(cost.validations + 1);
  });
});

describe('a full read with a non-admin API key', () => {
  let output: SourceOutput;
  beforeAll(async () => {
    output = await readAll('user_api_key');
  });

  it('fails users and permission_groups alone, naming the stream and the admin permission it needs', () => {
    const errors = streamErrors(output);
    expect([...errors.keys()].sort()).toEqual([...adminOnly].sort());
    for (const name of adminOnly) {
      const error = errors.get(name);
      expect(error?.failure_type).toBe('config_error');
      expect(error?.message).toContain(`"${name}" stream needs an administrator`);
      expect(error?.message).toContain('403');
    }
    expect(output.exitCode).toBe(1);
    expect(runError(output)?.message).toMatch(/users, permission_groups|permission_groups, users/);
  });

  it('still completes every other stream with schema-valid records', () => {
    const statuses = finalStatuses(output);
    const records = recordsByStream(output);
    for (const name of streamNames) {
      expect(statuses.get(name), name).toBe(adminOnly.includes(name) ? 'INCOMPLETE' : 'COMPLETE');
      const validate = validators.get(name);
      if (validate !== undefined) expect(invalidRecords(validate, records.get(name) ?? []), name).toEqual([]);
    }
    expect(records.get('cards')?.length).toBeGreaterThan(0);
    expect(records.has('users')).toBe(false);
  });

  it('never leaks the API key', () => {
    expect(output.text).not.toContain(sandbox.credentials.userApiKey);
  });
});
