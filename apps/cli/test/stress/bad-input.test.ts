import { execFileSync } from 'node:child_process';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { FailureType } from '@mb-airbyte/airbyte-protocol';
import {
  EXPIRED_CERTIFICATE_VALIDITY,
  OTHER_HOST_NAMES,
  type Sandbox,
  type SandboxOptions,
} from '@mb-airbyte/metabase-sandbox';
import { answerWith, htmlPage, hugeCard } from './support/bad-answers.js';
import type { FrontOptions } from './support/front-proxy.js';
import { configuredCatalog, errorTraces, finalStatuses, records } from './support/messages.js';
import { configSecrets, startStage, type Stage } from './support/stage.js';
import { createStressCli, type StressCli } from './support/stress-cli.js';

// The bad-input catalogue: one row per input a person or a platform can get wrong, or a server can answer wrongly.
// Each row says, per command, the outcome the protocol asks for (the Airbyte protocol's rules for check, discover and read): a config problem is a FAILED
// CONNECTION_STATUS with exit 0 for check, and an ERROR trace (config_error) with exit 1 for discover and read; a
// stream the server answers badly fails alone (INCOMPLETE + its ERROR trace) while the others complete, exit 1.
// Every run also passes stress-cli.ts: protocol lines only on stdout, no stack trace on stderr, no secret printed.
// A config_error about the input carries no stack_trace; a system_error keeps it, masked, for maintainers.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

type Command = 'check' | 'discover' | 'read';

interface Outcome {
  exitCode: 0 | 1;
  /** check: CONNECTION_STATUS FAILED whose message matches. */
  failed?: RegExp;
  /** check: CONNECTION_STATUS SUCCEEDED. */
  succeeded?: true;
  /**
   * An ERROR trace whose message matches: of `stream`, or the run's own when `stream` is omitted. A config_error has
   * no stack trace unless `stackTrace` says so (a server's certificate is configuration, not the user's input).
   */
  error?: { failureType: FailureType; message: RegExp; stream?: string; stackTrace?: true };
  /** Final STREAM_STATUS per stream, when streams were read. */
  streams?: Record<string, string>;
}

/**
 * A file argument: a JSON value, text written as is, a path where no file exists, a named pipe nobody writes to,
 * or an existing path that is not a file of ours (a device, a directory).
 */
type Input = { json: unknown } | { text: string } | { missing: true } | { fifo: true } | { path: string };

interface Row {
  input: string;
  /** The sandbox's options, for rows about the server itself (its certificate). */
  sandbox?: SandboxOptions;
  /** The front's bad answers, for rows about the server. */
  routes?: (sandbox: Sandbox) => FrontOptions['routes'];
  /** The config (default: a good API-key config), catalog and state for the row. */
  files?: (stage: Stage) => { config?: Input; catalog?: Input; state?: Input };
  outcomes: Partial<Record<Command, Outcome>>;
}

/** A problem with the config: check says FAILED (exit 0); discover and read fail with a config_error (exit 1). */
function configProblem(message: RegExp): Row['outcomes'] {
  const error = { failureType: 'config_error' as const, message };
  return { check: { exitCode: 0, failed: message }, discover: { exitCode: 1, error }, read: { exitCode: 1, error } };
}

/** A certificate the server should not use: check says FAILED; a read fails each stream with it (discover makes no request). */
function certificateProblem(message: RegExp): Row['outcomes'] {
  return {
    check: { exitCode: 0, failed: message },
    // The server's certificate is the same for every request: one ERROR trace for the run, not one per stream.
    read: {
      exitCode: 1,
      error: { failureType: 'config_error', message, stackTrace: true },
      streams: { cards: 'INCOMPLETE', databases: 'INCOMPLETE' },
    },
  };
}

/** A read of `cards` (answered badly) and `databases` (answered well): cards fails alone. */
function cardsFail(failureType: FailureType, message: RegExp): Row['outcomes'] {
  return {
    read: {
      exitCode: 1,
      error: { failureType, message, stream: 'cards' },
      streams: { cards: 'INCOMPLETE', databases: 'COMPLETE' },
    },
  };
}

const goodKey = (stage: Stage): Record<string, unknown> => stage.config('api_key');
/** A good config for the sandbox itself rather than the front (for rows about the sandbox's own certificate). */
const direct = (stage: Stage): Record<string, unknown> => ({
  ...goodKey(stage),
  instance_api_url: stage.sandbox.url,
  ca_certificate: stage.sandbox.caPem,
});
const huge = 10_000_000;
/** What a message shows of a huge input: its first 200 characters, "…" and its length. */
const capped = (char: string) => new RegExp(`"${char}{200}…" \\(${huge} characters\\)`);
const twoStreams: Input = { json: configuredCatalog(['cards', 'databases']) };
const bigRecordBytes = 20 * 1024 * 1024;
let bigCard: Record<string, unknown> | undefined;

const rows: Row[] = [
  {
    input: 'config file missing',
    files: () => ({ config: { missing: true } }),
    outcomes: configProblem(/config file .*no-such-config\.json.*not found/i),
  },
  // Input files that are not files: refused at once (a FIFO without a writer would block for ever, /dev/zero be read
  // without end), and so is a file too large to be what it claims.
  {
    input: 'config is a named pipe nobody writes to',
    files: () => ({ config: { fifo: true } }),
    outcomes: configProblem(/config file .*named pipe \(FIFO\).*regular file/),
  },
  {
    input: 'config is /dev/zero',
    files: () => ({ config: { path: '/dev/zero' } }),
    outcomes: configProblem(/config file "\/dev\/zero": not a regular file: it is a character device/),
  },
  {
    input: 'config is a directory',
    files: () => ({ config: { path: tmpdir() } }),
    outcomes: configProblem(/config file .*it is a directory/),
  },
  {
    input: 'config of 11 MB',
    files: (s) => ({ config: { json: { ...goodKey(s), padding: 'x'.repeat(11 * 1024 * 1024) } } }),
    outcomes: configProblem(/config file .*is 11\.\d MiB, larger than the 10 MiB limit for config files/),
  },
  {
    input: 'catalog is a named pipe nobody writes to',
    files: (s) => ({ config: { json: goodKey(s) }, catalog: { fifo: true } }),
    outcomes: { read: { exitCode: 1, error: { failureType: 'config_error', message: /catalog file .*named pipe/ } } },
  },
  {
    input: 'state is /dev/zero',
    files: (s) => ({ config: { json: goodKey(s) }, catalog: twoStreams, state: { path: '/dev/zero' } }),
    outcomes: {
      read: { exitCode: 1, error: { failureType: 'config_error', message: /state file .*character device/ } },
    },
  },
  {
    input: 'config not JSON',
    files: () => ({ config: { text: '{"instance_api_url": "https://metabase.example.com",\n  "api_key": }' } }),
    outcomes: configProblem(/not valid JSON.*line 2/i),
  },
  {
    input: 'config not an object',
    files: () => ({ config: { json: ['https://metabase.example.com', 'mb_key'] } }),
    outcomes: configProblem(/JSON object/),
  },
  {
    input: 'required field missing (instance_api_url)',
    files: (s) => ({ config: { json: { api_key: s.sandbox.credentials.adminApiKey } } }),
    outcomes: configProblem(/instance_api_url/),
  },
  {
    input: 'wrong types (api_key a number, include_deactivated_users a string)',
    files: (s) => ({
      config: { json: { instance_api_url: s.front.url, api_key: 1234567890, include_deactivated_users: 'yes' } },
    }),
    outcomes: configProblem(/api_key[\s\S]*include_deactivated_users|include_deactivated_users[\s\S]*api_key/),
  },
  {
    input: 'no credential at all',
    files: (s) => ({ config: { json: { instance_api_url: s.front.url } } }),
    outcomes: configProblem(/api_key|session_token|username/),
  },
  {
    input: 'http URL',
    files: (s) => ({ config: { json: { ...goodKey(s), instance_api_url: s.front.url.replace('https:', 'http:') } } }),
    outcomes: configProblem(/https/),
  },
  {
    input: 'ca_certificate that is not PEM',
    files: (s) => ({ config: { json: { ...goodKey(s), ca_certificate: 'my-ca.crt' } } }),
    outcomes: configProblem(/ca_certificate.*PEM/),
  },
  // Paste mistakes in credentials: a character a header (key, token) or a login (user name, password) cannot hold.
  ...(
    [
      [
        'api_key',
        (s: Stage) => `${s.sandbox.credentials.adminApiKey}\n`,
        /api_key contains a line break \(U\+000A\) at its end/,
      ],
      [
        'api_key',
        (s: Stage) =>
          `${s.sandbox.credentials.adminApiKey.slice(0, 8)}\u2019${s.sandbox.credentials.adminApiKey.slice(8)}`,
        /api_key contains a character HTTP headers cannot carry \(U\+2019\) at character 9 of/,
      ],
      [
        'session_token',
        (s: Stage) => `\u200b${s.sandbox.createSession()}`,
        /session_token contains a character HTTP headers cannot carry \(U\+200B\) at its start/,
      ],
      [
        'password',
        (s: Stage) => `${s.sandbox.credentials.password}\r\n`,
        /password contains a line break \(U\+000D\) at character \d+ of \d+/,
      ],
    ] as const
  ).map(([field, value, message]): Row => ({
    input: `${field} pasted with an extra character`,
    files: (s) => ({
      config: {
        json: {
          ...s.config(field === 'api_key' ? 'api_key' : field === 'session_token' ? 'session_token' : 'password'),
          [field]: value(s),
        },
      },
    }),
    outcomes: configProblem(message),
  })),
  // Spaces around the URL: ignored at both ends alike.
  {
    input: 'URL with spaces and a line break around it',
    files: (s) => ({ config: { json: { ...goodKey(s), instance_api_url: `  ${s.front.url}  \n` } } }),
    outcomes: {
      check: { exitCode: 0, succeeded: true },
      read: { exitCode: 0, streams: { cards: 'COMPLETE', databases: 'COMPLETE' } },
    },
  },
  // Input too big to quote: messages show 200 characters of it at most.
  {
    input: 'URL with a 10 MB host name',
    files: (s) => ({
      config: { json: { ...goodKey(s), instance_api_url: `https://${'h'.repeat(huge)}.example.com/api/` } },
    }),
    outcomes: configProblem(
      new RegExp(`instance_api_url is ${huge + 25} characters long; a Metabase URL has at most 2048`),
    ),
  },
  {
    input: 'catalog with a stream name of 10 MB',
    files: (s) => ({ config: { json: goodKey(s) }, catalog: { json: configuredCatalog(['cards', 'n'.repeat(huge)]) } }),
    outcomes: {
      read: {
        exitCode: 1,
        error: {
          failureType: 'config_error',
          message: new RegExp(`asks for stream ${capped('n').source}, which`),
          stream: 'n'.repeat(huge),
        },
        streams: { cards: 'COMPLETE', ['n'.repeat(huge)]: 'INCOMPLETE' },
      },
    },
  },
  {
    input: 'state with a cursor of 10 MB',
    files: (s) => ({
      config: { json: goodKey(s) },
      catalog: {
        json: {
          streams: [
            ...configuredCatalog(['cards'], 'incremental').streams,
            ...configuredCatalog(['databases']).streams,
          ],
        },
      },
      state: {
        json: [
          {
            type: 'STREAM',
            stream: { stream_descriptor: { name: 'cards' }, stream_state: { updated_at: 'u'.repeat(huge) } },
          },
        ],
      },
    }),
    outcomes: {
      read: {
        exitCode: 1,
        error: {
          failureType: 'config_error',
          message: new RegExp(`found updated_at ${capped('u').source}, not a date-time`),
          stream: 'cards',
        },
        streams: { cards: 'INCOMPLETE', databases: 'COMPLETE' },
      },
    },
  },
  // The server's certificate: the actual problem, not advice to set ca_certificate.
  {
    input: 'server certificate expired',
    sandbox: { certificate: 'expired' },
    files: (s) => ({ config: { json: direct(s) } }),
    outcomes: certificateProblem(
      new RegExp(
        `the server's certificate expired on ${EXPIRED_CERTIFICATE_VALIDITY.to}\\. It must be renewed on the server`,
      ),
    ),
  },
  {
    input: 'server certificate for another host name',
    sandbox: { certificate: 'other-host' },
    files: (s) => ({ config: { json: direct(s) } }),
    outcomes: certificateProblem(
      new RegExp(
        `the server's certificate is for ${OTHER_HOST_NAMES.join(', ')}, not 127\\.0\\.0\\.1\\. Use a host name the certificate names`,
      ),
    ),
  },
  {
    input: 'URL that is not Metabase (an HTML page)',
    routes: () => ({
      'GET /api/user/current': answerWith(htmlPage, 'text/html'),
      'GET /api/card': answerWith(htmlPage, 'text/html'),
    }),
    files: (s) => ({ config: { json: goodKey(s) }, catalog: { json: configuredCatalog(['cards']) } }),
    outcomes: {
      check: { exitCode: 0, failed: /HTML page.*does not look like a Metabase API.*https:\/\/<host>\/api\//i },
      // In a read, an HTML page could also be a proxy's error page: the connector's fault to report, with the advice.
      read: {
        exitCode: 1,
        error: {
          failureType: 'system_error',
          message: /api\/card.*invalid JSON.*Check that the configured URL points at the API/,
          stream: 'cards',
        },
        streams: { cards: 'INCOMPLETE' },
      },
    },
  },
  {
    input: 'catalog with an unknown stream',
    files: (s) => ({ config: { json: goodKey(s) }, catalog: { json: configuredCatalog(['cards', 'no_such_stream']) } }),
    outcomes: {
      read: {
        exitCode: 1,
        error: { failureType: 'config_error', message: /no_such_stream.*does not have/, stream: 'no_such_stream' },
        streams: { cards: 'COMPLETE', no_such_stream: 'INCOMPLETE' },
      },
    },
  },
  {
    input: 'catalog with an unsupported sync mode (collections incremental)',
    files: (s) => ({
      config: { json: goodKey(s) },
      catalog: {
        json: {
          streams: [
            ...configuredCatalog(['cards']).streams,
            ...configuredCatalog(['collections'], 'incremental').streams,
          ],
        },
      },
    }),
    outcomes: {
      read: {
        exitCode: 1,
        error: {
          failureType: 'config_error',
          message: /collections.*does not support incremental/,
          stream: 'collections',
        },
        streams: { cards: 'COMPLETE', collections: 'INCOMPLETE' },
      },
    },
  },
  {
    input: 'catalog that is not a catalog',
    files: (s) => ({ config: { json: goodKey(s) }, catalog: { json: { streams: 'cards' } } }),
    outcomes: { read: { exitCode: 1, error: { failureType: 'config_error', message: /catalog/ } } },
  },
  {
    input: 'state file malformed (not JSON)',
    files: (s) => ({ config: { json: goodKey(s) }, catalog: twoStreams, state: { text: '[{"type": "STREAM", ' } }),
    outcomes: { read: { exitCode: 1, error: { failureType: 'config_error', message: /state .*not valid JSON/i } } },
  },
  {
    input: 'state of the wrong shape',
    files: (s) => ({
      config: { json: goodKey(s) },
      catalog: twoStreams,
      state: { json: [{ type: 'STREAM', stream: { stream_state: { updated_at: 'x' } } }] },
    }),
    outcomes: { read: { exitCode: 1, error: { failureType: 'config_error', message: /state/i } } },
  },
  {
    input: 'server answers non-JSON (200 text/plain)',
    routes: () => ({ 'GET /api/card': answerWith('Internal error: the connection pool is exhausted', 'text/plain') }),
    files: (s) => ({ config: { json: goodKey(s) }, catalog: twoStreams }),
    outcomes: cardsFail('system_error', /\/api\/card.*not.*JSON|JSON.*\/api\/card/i),
  },
  {
    input: 'server answers an empty body (200)',
    routes: () => ({ 'GET /api/card': answerWith('') }),
    files: (s) => ({ config: { json: goodKey(s) }, catalog: twoStreams }),
    outcomes: cardsFail('system_error', /\/api\/card.*empty|empty.*\/api\/card/i),
  },
  {
    input: 'server answers 200 with an error body',
    routes: () => ({
      'GET /api/card': answerWith(JSON.stringify({ message: 'Too many open connections to the application database' })),
    }),
    files: (s) => ({ config: { json: goodKey(s) }, catalog: twoStreams }),
    outcomes: cardsFail(
      'system_error',
      /\/api\/card.*at \$: expected an array at \$, found an object.*Too many open connections/,
    ),
  },
  {
    input: 'one record of 20 MB',
    routes: (sandbox) => {
      bigCard = hugeCard(sandbox.expected.cards()[0] ?? {}, bigRecordBytes);
      return { 'GET /api/card': answerWith(JSON.stringify([bigCard])) };
    },
    files: (s) => ({ config: { json: goodKey(s) }, catalog: twoStreams }),
    outcomes: { read: { exitCode: 0, streams: { cards: 'COMPLETE', databases: 'COMPLETE' } } },
  },
];

const cases = rows.flatMap((row) =>
  (Object.keys(row.outcomes) as Command[]).map((command) => ({ row, command, name: `${row.input}: ${command}` })),
);

describe.concurrent('bad-input catalogue', () => {
  it.for(cases)('$name', { timeout: 60_000 }, (c, test) => checkRow(c, test));
});

async function checkRow({ row, command }: { row: Row; command: Command }, test: TestContext): Promise<void> {
  const outcome = row.outcomes[command];
  if (outcome === undefined) throw new Error('no outcome');
  const stage = await startStage(test, {
    ...(row.routes === undefined ? {} : { routes: row.routes }),
    ...(row.sandbox === undefined ? {} : { sandbox: row.sandbox }),
  });
  const files = row.files?.(stage) ?? {};
  const args: string[] = [command];
  const add = async (flag: string, name: string, input: Input | undefined): Promise<void> => {
    if (input === undefined) return;
    args.push(flag, await inputPath(name, input));
  };
  await add('--config', 'config.json', files.config ?? { json: goodKey(stage) });
  if (command === 'read') {
    await add('--catalog', 'catalog.json', files.catalog ?? twoStreams);
    await add('--state', 'state.json', files.state);
  }
  const config = files.config !== undefined && 'json' in files.config ? files.config.json : undefined;
  // A run that hangs (a blocked open) is killed before the test's own timeout, so no process outlives it.
  const run = await cli.run(args, {
    secrets: configSecrets(config),
    issuedTokens: () => stage.front.issuedTokens,
    timeoutMs: 50_000,
  });

  expect(run.exitCode).toBe(outcome.exitCode);
  // Nothing repeats a huge input: stdout stays small, apart from the 20 MB record and the stream descriptors that
  // must carry a catalog's stream name as given.
  const stdoutChars = run.lines
    .filter((line) => !line.includes('"stream_descriptor"') && !line.startsWith('{"type":"RECORD"'))
    .join('\n').length;
  expect(stdoutChars, 'stdout besides records and stream descriptors').toBeLessThan(100_000);
  const statuses = run.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
  if (outcome.succeeded === true)
    expect(
      statuses.map((s) => s.status),
      JSON.stringify(statuses),
    ).toEqual(['SUCCEEDED']);
  if (outcome.failed !== undefined) {
    expect(statuses.map((s) => s.status)).toEqual(['FAILED']);
    expect(statuses[0]?.message).toMatch(outcome.failed);
    expectActionable(statuses[0]?.message);
  }
  const errors = errorTraces(run);
  if (outcome.error !== undefined) {
    const wanted = outcome.error;
    const error = errors.find((e) => e.stream_descriptor?.name === wanted.stream);
    expect(
      error,
      `ERROR trace for ${wanted.stream ?? 'the run'}: ${JSON.stringify(errors.map((e) => e.message))}`,
    ).toBeDefined();
    expect(error?.failure_type).toBe(wanted.failureType);
    expect(error?.message).toMatch(wanted.message);
    expectActionable(error?.message);
    // Every config_error here is about the user's input: no stack trace (noise). The connector's own failures keep one.
    if (wanted.failureType === 'config_error' && wanted.stackTrace !== true) expect(error?.stack_trace).toBeUndefined();
    else expect(error?.stack_trace).toMatch(/\n\s+at /);
  } else if (outcome.failed === undefined) {
    expect(errors).toEqual([]);
  }
  if (outcome.streams !== undefined) expect(finalStatuses(run)).toEqual(outcome.streams);
  else expect(records(run)).toEqual([]);

  if (row.input === 'one record of 20 MB') {
    const [card] = records(run, 'cards');
    expect(records(run, 'cards')).toHaveLength(1);
    expect(run.lines.some((line) => Buffer.byteLength(line) > bigRecordBytes)).toBe(true);
    expect(card?.data).toEqual(bigCard);
  }
}

async function inputPath(name: string, input: Input): Promise<string> {
  if ('missing' in input) return join(tmpdir(), `no-such-${name}`);
  if ('path' in input) return input.path;
  if ('fifo' in input) {
    const path = await cli.file(name, '');
    await unlink(path);
    execFileSync('mkfifo', [path]);
    return path;
  }
  return cli.file(name, 'json' in input ? input.json : input.text);
}

/** A message a person can act on: specific (not the generic fallback), one paragraph, no stack frames. */
function expectActionable(message: string | undefined): void {
  expect(message).toBeDefined();
  expect(message).not.toMatch(/Something went wrong in the connector/);
  expect(message).not.toMatch(/\n\s+at /);
  expect(message?.length).toBeLessThan(1_000);
  // A list of issues ("...: $.a: ...; $.b: ..."): each once.
  const issues = (message ?? '').split('; ').map((issue) => issue.slice(Math.max(0, issue.indexOf('$'))));
  expect(issues, 'an issue listed twice').toEqual([...new Set(issues)]);
}
