import { tmpdir } from 'node:os';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { answer } from './support/front-proxy.js';
import type { RequestHandler } from './support/loopback-https.js';
import { configuredCatalog, parseMessage } from './support/messages.js';
import { readSlowly, type SlowReadResult } from './support/slow-reader.js';
import { startStage } from './support/stage.js';
import { bundleFile, createStressCli, type StressCli } from './support/stress-cli.js';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { EXIT_WITHIN_MS } from '@mb-airbyte/connector-cli';

// Nothing hangs and nothing stays silent, through the built CLI: stdout shows a slow read as it happens, and a
// cancelled read (SIGTERM from the platform, SIGINT from a person) ends with INCOMPLETE statuses, whole lines only and
// the signal's exit code, also while stdout's reader is slow. Times are measured and logged; the assertions on them
// are loose enough for a loaded machine (the bound itself is tested in-process in test/cancel.test.ts).

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

interface TimedLine {
  message: AirbyteMessage;
  atMs: number;
}

const statusOf = (m: AirbyteMessage) =>
  m.type === 'TRACE' && m.trace.type === 'STREAM_STATUS' ? m.trace.stream_status : undefined;

/** Answers after `ms`, as a server that is slow to answer. */
function after(ms: number, send: (res: ServerResponse) => void): RequestHandler {
  return answer((res) => {
    setTimeout(() => {
      send(res);
    }, ms);
  });
}

/** How every run here spawns the CLI. */
const spawnOptions = { cliFile: bundleFile, cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' }, timeoutMs: 50_000 };

/** Never answers: the request stays open until the connector goes. */
const hold: RequestHandler = () => new Promise<void>(() => undefined);

describe('output while a read waits', () => {
  it('the STARTED status and the retry warning reach stdout long before the first record', async (test) => {
    let calls = 0;
    const stage = await startStage(test, {
      routes: (sandbox) => ({
        // A busy server: 503 with Retry-After 6 s, then a slow answer.
        'GET /api/card': (req, res) =>
          ++calls === 1
            ? answer((r) => {
                r.writeHead(503, { 'retry-after': '6', 'content-type': 'text/plain' });
                r.end('busy');
              })(req, res)
            : after(2_000, (r) => {
                r.writeHead(200, { 'content-type': 'application/json' });
                r.end(JSON.stringify(sandbox.expected.cards().slice(0, 3)));
              })(req, res),
      }),
    });
    const lines: TimedLine[] = [];
    const run = await stage.invoke(cli, {
      command: 'read',
      config: stage.config('api_key'),
      catalog: ['cards'],
      onMessage: (message, atMs) => lines.push({ message, atMs }),
    });
    expect(run.exitCode).toBe(0);
    const started = lines.find((l) => statusOf(l.message)?.status === 'STARTED');
    const warning = lines.find(
      (l) =>
        l.message.type === 'LOG' &&
        l.message.log.level === 'WARN' &&
        /api\/card.*503.*attempt 2/.test(l.message.log.message),
    );
    const firstRecord = lines.find((l) => l.message.type === 'RECORD');
    expect(
      started && warning && firstRecord,
      JSON.stringify(lines.map((l) => [l.message.type, Math.round(l.atMs)])),
    ).toBeTruthy();
    // Before the writer flushed on a timer, all of these arrived together at the end (one 64 KiB chunk).
    console.info(
      `STARTED at ${Math.round(started?.atMs ?? 0)} ms, retry warning at ${Math.round(warning?.atMs ?? 0)} ms, first record at ${Math.round(firstRecord?.atMs ?? 0)} ms`,
    );
    expect((firstRecord?.atMs ?? 0) - (warning?.atMs ?? 0)).toBeGreaterThan(4_000);
    expect((firstRecord?.atMs ?? 0) - (started?.atMs ?? 0)).toBeGreaterThan(4_000);
  }, 60_000);
});

describe('cancelling a read', () => {
  for (const [signal, exitCode] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} while a request waits: no new request, INCOMPLETE for the stream in progress, exit ${exitCode}`, async (test) => {
      const stage = await startStage(test, { routes: () => ({ 'GET /api/card': hold }) });
      const config = await cli.file('config.json', stage.config('api_key'));
      const catalog = await cli.file('catalog.json', configuredCatalog(['databases', 'cards', 'collections', 'users']));
      const messages: AirbyteMessage[] = [];
      const badLines: string[] = [];
      let requestsAtSignal = -1;
      const result = await readSlowly(['read', '--config', config, '--catalog', catalog], {
        ...spawnOptions,
        initialPauseMs: 0,
        pauseEveryBytes: Number.MAX_SAFE_INTEGER,
        pauseMs: 0,
        onLine: (line) => {
          const message = parseMessage(line);
          if (message === undefined) badLines.push(line.slice(0, 200));
          else messages.push(message);
        },
        onSpawn: (send) => {
          void (async () => {
            while (!stage.front.requests.some((r) => r.url.startsWith('/api/card')))
              await new Promise((resolve) => setTimeout(resolve, 20));
            requestsAtSignal = stage.front.requests.length;
            send(signal);
          })();
        },
      });
      const tookMs = result.exitedAtMs - (result.signalledAtMs ?? 0);
      console.info(`${signal}: exit ${result.exitCode} ${Math.round(tookMs)} ms after the signal`);
      expect(result.exitCode, result.stderr).toBe(exitCode);
      expect(tookMs).toBeLessThan(15_000);
      expect(badLines).toEqual([]);
      expect(result.unterminatedTail).toBe('');
      expect(stage.front.requests.slice(requestsAtSignal)).toEqual([]);
      const statuses = messages.flatMap((m) => statusOf(m) ?? []).map((s) => `${s.stream_descriptor.name}:${s.status}`);
      expect(statuses).toEqual([
        'databases:STARTED',
        'databases:RUNNING',
        'databases:COMPLETE',
        'cards:STARTED',
        'cards:INCOMPLETE',
      ]);
      expect(messages.at(-1)?.type).toBe('TRACE'); // the INCOMPLETE status ends the output: nothing after it
      const note = messages.find((m) => m.type === 'LOG' && m.log.level === 'WARN');
      expect(note?.type === 'LOG' && note.log.message).toBe(
        `Cancelled by ${signal}: stopped reading; streams in progress are INCOMPLETE: cards.`,
      );
      expect(messages.some((m) => m.type === 'TRACE' && m.trace.type === 'ERROR')).toBe(false);
    }, 60_000);
  }

  describe('while stdout is read slowly (a pipe under back-pressure)', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 11, scale: 500 }); // about 40 MB of cards: far more than the pipe holds
    });
    afterAll(async () => {
      await sandbox.stop();
    });
    const cardsRead = async () => ({
      config: await cli.file('config.json', {
        instance_api_url: sandbox.url,
        api_key: sandbox.credentials.adminApiKey,
        ca_certificate: sandbox.caPem,
      }),
      catalog: await cli.file('catalog.json', configuredCatalog(['cards'])),
    });

    // When the signal comes: while the reader takes nothing yet (the pipe is full: the CLI starts writing within about
    // a second; the reader starts 1 s after the signal, within the flush bound), and at several points of a slow read.
    const initialPauseMs = 4_000;
    const moments = [{ afterMs: 3_000 }, { afterBytes: 200_000 }, { afterBytes: 1_500_000 }, { afterBytes: 4_000_000 }];
    const repeats = 3;
    const cases = moments.flatMap((when) => Array.from({ length: repeats }, (_, i) => ({ when, i })));
    const outcomes: string[] = [];
    afterAll(() => {
      console.info(`SIGTERM under back-pressure, exit time after the signal: ${outcomes.join(', ')}`);
    });

    it(
      'a reader that takes nothing at all: the process still leaves at the bound, exit 143',
      { timeout: 60_000 },
      async () => {
        const { config, catalog } = await cardsRead();
        const result = await readSlowly(['read', '--config', config, '--catalog', catalog], {
          ...spawnOptions,
          initialPauseMs: 8_000, // the reader wakes up long after the process is gone
          pauseEveryBytes: Number.MAX_SAFE_INTEGER,
          pauseMs: 0,
          sendSignal: { signal: 'SIGTERM', afterMs: 3_000 },
          onLine: () => undefined, // the last line may be cut here: the pipe already held its start (see the README)
        });
        const tookMs = result.exitedAtMs - (result.signalledAtMs ?? 0);
        console.info(
          `SIGTERM with a reader that reads nothing: exit ${result.exitCode} ${Math.round(tookMs)} ms after the signal`,
        );
        expect(result.exitCode, result.stderr).toBe(143);
        expect(tookMs).toBeGreaterThanOrEqual(EXIT_WITHIN_MS - 100); // it did wait for the reader, up to the bound
        expect(tookMs).toBeLessThan(15_000);
      },
    );

    it.for(cases)(
      'SIGTERM at $when (run $i): whole lines only, cards INCOMPLETE last, exit 143',
      { timeout: 60_000 },
      async ({ when }) => {
        const { config, catalog } = await cardsRead();
        const messages: AirbyteMessage[] = [];
        const badLines: string[] = [];
        const result: SlowReadResult = await readSlowly(['read', '--config', config, '--catalog', catalog], {
          ...spawnOptions,
          initialPauseMs,
          pauseEveryBytes: 64 * 1024,
          pauseMs: 25,
          sendSignal: { signal: 'SIGTERM', ...when },
          onLine: (line) => {
            const message = parseMessage(line);
            if (message === undefined) badLines.push(line.slice(0, 200));
            else messages.push(message);
          },
        });
        const tookMs = result.exitedAtMs - (result.signalledAtMs ?? 0);
        outcomes.push(`${Math.round(tookMs)} ms`);
        expect(result.signalledAtMs, 'the read ended before the signal').toBeDefined();
        expect(result.exitCode, result.stderr).toBe(143);
        expect(tookMs).toBeLessThan(15_000);
        expect(badLines).toEqual([]);
        expect(result.unterminatedTail).toBe('');
        const statuses = messages.flatMap((m) => statusOf(m)?.status ?? []);
        expect(statuses[0], 'the signal came before the read started').toBe('STARTED');
        const last = messages.at(-1);
        expect(last && statusOf(last)).toMatchObject({ status: 'INCOMPLETE', stream_descriptor: { name: 'cards' } });
        expect(messages.filter((m) => statusOf(m)?.status === 'COMPLETE')).toEqual([]);
      },
    );
  });
});
