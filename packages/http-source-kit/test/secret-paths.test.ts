// Every form a secret can take, on every path the runner prints: LOG messages, the ERROR trace's message,
// internal_message and stack_trace (its cause chain too), the CONNECTION_STATUS message, and log lines sent to an
// outside logger (where the CLI puts them on stderr). Each path is shown to carry the text (masked), so the absence
// of the secret means something.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError, defineSource, defineStream } from '../src/index.js';
import { runSourceInMemory, secretEncodings, type SourceOutput } from '../src/testing/index.js';
import { errorsOf } from './support/output-timeline.js';

const API_KEY = 'mb_Xp9/Q+zL7w==Rt4/kk+e8A=';
const PASSWORD = 'Pw+/= &?%"\\é<>\'#;-9f3a😀';
const USER = 'leak.probe@example.com';

/** A source whose every output path carries `echo` (the form under test) around a marker. */
function echoingSource(echo: string) {
  return defineSource({
    name: 'source-echo',
    version: '1.0.0',
    config: z.object({
      api_key: z.string().meta({ airbyte_secret: true }),
      username: z.string(),
      password: z.string().meta({ airbyte_secret: true }),
    }),
    http: () => ({ baseUrl: 'https://unused.invalid/' }),
    check: ({ logger }) => {
      logger.warn(`check log <${echo}>`);
      throw new ConnectorError({
        message: `status <${echo}>`,
        internalMessage: `check internal <${echo}>`,
        failureType: 'config_error',
      });
    },
    streams: () => [
      defineStream({
        name: 'plain_error',
        jsonSchema: { type: 'object', properties: {} },
        read: async function* ({ logger }) {
          logger.info(`read log <${echo}>`);
          await Promise.resolve();
          yield* [];
          const error = new Error(`outer <${echo}>`, { cause: new Error(`cause <${echo}>`) });
          error.stack = `Error: custom stack <${echo}>\n    at somewhere (file:///x.js:1:1)`;
          throw error;
        },
      }),
      defineStream({
        name: 'connector_error',
        jsonSchema: { type: 'object', properties: {} },
        read: async function* () {
          await Promise.resolve();
          yield* [];
          throw new ConnectorError({
            message: `message <${echo}>`,
            internalMessage: `internal <${echo}>`,
            failureType: 'system_error',
          });
        },
      }),
    ],
  });
}

const config = { api_key: API_KEY, username: USER, password: PASSWORD };

/** Each printed string that should carry the echo, with the echo masked. */
function pathsOf(read: SourceOutput, check: SourceOutput, stderr: string[]): [string, string | undefined][] {
  const [plain, connector] = ['plain_error', 'connector_error'].map((name) =>
    errorsOf(read).find((e) => e.stream_descriptor?.name === name),
  );
  return [
    ['LOG (read)', read.logs.find((l) => l.message.startsWith('read log'))?.message],
    ['LOG (check)', check.logs.find((l) => l.message.startsWith('check log'))?.message],
    ['LOG: check failed', check.logs.find((l) => l.message.startsWith('check failed'))?.message],
    ['ERROR trace message', connector?.message],
    ['ERROR trace internal_message', connector?.internal_message],
    ['ERROR trace internal_message (unexpected error)', plain?.internal_message],
    ['ERROR trace stack_trace', plain?.stack_trace],
    ['ERROR trace stack_trace (cause)', plain?.stack_trace?.split('Caused by: ')[1]],
    ['CONNECTION_STATUS message', check.connectionStatus?.message],
    ['outside logger (stderr)', stderr.find((line) => line.startsWith('read log'))],
  ];
}

describe('secrets on every output path, in every form', () => {
  for (const [name, secret, user] of [
    ['API key', API_KEY, undefined],
    ['password', PASSWORD, USER],
  ] as const) {
    it.for(secretEncodings(secret, user === undefined ? {} : { user }))(`${name}, %s`, async ([, form]) => {
      const source = echoingSource(form);
      const read = await runSourceInMemory(source, {
        command: 'read',
        config,
        catalog: catalogOf(['plain_error', 'connector_error']),
      });
      const check = await runSourceInMemory(source, { command: 'check', config });
      const stderr: string[] = [];
      const collect = (line: string) => stderr.push(line);
      await runSourceInMemory(source, {
        command: 'read',
        config,
        catalog: catalogOf(['plain_error']),
        logger: { debug: collect, info: collect, warn: collect, error: collect },
      });
      for (const [path, text] of pathsOf(read, check, stderr)) {
        expect(text, path).toBeDefined();
        expect(text, path).toMatch(/<\*\*\*\*>/);
      }
      for (const [label, leaked] of secretEncodings(secret, user === undefined ? {} : { user })) {
        for (const text of [read.text, check.text, stderr.join('\n')])
          expect(text.includes(leaked), `${label} printed`).toBe(false);
      }
    });
  }
});

function catalogOf(streams: string[]) {
  return {
    streams: streams.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh' as const] },
      sync_mode: 'full_refresh' as const,
      destination_sync_mode: 'overwrite' as const,
    })),
  };
}
