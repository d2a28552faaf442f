import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { configuredCatalog, errorTraces, finalStatuses, records } from './support/messages.js';
import { startStage, type Stage } from './support/stage.js';
import { createStressCli, type StressCli, type StressRun } from './support/stress-cli.js';

// A saved cursor later than Metabase's clock (a hand-edited or corrupted state, a server whose clock was set back)
// must never hide records: the stream is read again from the start, with a WARN naming the stream and the cursor, and
// the state saved is one the next sync can trust. Through the built CLI, against the sandbox, for the plain list
// streams and for dashboards, whose partition router uses the cursor to skip unchanged dashboards.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

const streams = ['cards', 'dashboards', 'databases'];
const day = 86_400_000;

function stateFor(cursor: string): unknown[] {
  return streams.map((name) => ({
    type: 'STREAM',
    stream: { stream_descriptor: { name }, stream_state: { updated_at: cursor, state_version: 1 } },
  }));
}

function warnings(run: StressRun): string[] {
  return run.messages.flatMap((m) => (m.type === 'LOG' && m.log.level === 'WARN' ? [m.log.message] : []));
}

/** The last STATE of each stream. */
function finalStates(run: { messages: readonly AirbyteMessage[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of run.messages)
    if (m.type === 'STATE' && m.state.stream !== undefined)
      out[m.state.stream.stream_descriptor.name] = m.state.stream.stream_state;
  return out;
}

function expectEveryRecord(run: StressRun, stage: Stage): void {
  expect(run.exitCode).toBe(0);
  expect(errorTraces(run)).toEqual([]);
  expect(finalStatuses(run)).toEqual({ cards: 'COMPLETE', dashboards: 'COMPLETE', databases: 'COMPLETE' });
  expect(records(run, 'cards')).toHaveLength(stage.sandbox.expected.cards().length);
  expect(records(run, 'dashboards')).toHaveLength(stage.sandbox.expected.dashboardCount());
  expect(records(run, 'databases')).toHaveLength(stage.sandbox.expected.databases().length);
}

const read = (stage: Stage, state: unknown, order = streams) =>
  stage.invoke(cli, {
    command: 'read',
    config: stage.config('api_key'),
    catalog: configuredCatalog(order, 'incremental'),
    state,
  });
/** Dashboards first: its partition router asks for the cursor before any answer has shown the server's clock. */
const dashboardsFirst = ['dashboards', 'cards', 'databases'];

describe.concurrent('future cursors', () => {
  it.for([
    ['the end of time', '9999-12-31T23:59:59Z'],
    ['a date without a time', '9999-12-31'],
    [
      'tomorrow, written with a +14:00 offset',
      () => new Date(Date.now() + day + 14 * 3_600_000).toISOString().replace('Z', '+14:00'),
    ],
    [
      'an hour ahead, with microseconds',
      () => new Date(Date.now() + 3_600_000).toISOString().replace(/\.(\d{3})Z$/, '.$1456Z'),
    ],
    ['next year, with no offset', () => `${new Date().getUTCFullYear() + 1}-06-01T00:00:00`],
  ] as const)(
    '%s: every record is read, each stream WARNs once, and the next sync starts from a trustworthy state',
    { timeout: 60_000 },
    async ([, shape], test) => {
      const cursor = typeof shape === 'string' ? shape : shape();
      const stage = await startStage(test);
      const run = await read(stage, stateFor(cursor));
      expectEveryRecord(run, stage);
      for (const name of streams) {
        expect(
          warnings(run).filter((w) =>
            w.startsWith(`Stream "${name}": the saved cursor updated_at ${cursor} is later than`),
          ),
          name,
        ).toHaveLength(1);
      }
      const serverNow = Date.now();
      for (const [name, state] of Object.entries(finalStates(run))) {
        const saved = (state as { updated_at?: string }).updated_at;
        expect(saved === undefined || Date.parse(saved) <= serverNow, `${name} saved ${String(saved)}`).toBe(true);
      }
      // The state just saved is taken as it is: no WARN, and only what changed since (nothing) comes again.
      const next = await read(
        stage,
        run.messages.flatMap((m) => (m.type === 'STATE' ? [m.state] : [])),
      );
      expect(next.exitCode).toBe(0);
      expect(warnings(next)).toEqual([]);
      expect(records(next).length).toBeLessThan(records(run).length);
    },
  );

  it(
    "Metabase's clock set back a day: a cursor from an hour ago is in its future; dashboards, which used it before the first answer, save an empty state so the next sync reads them all",
    { timeout: 60_000 },
    async (test) => {
      const stage = await startStage(test, { sandbox: { dateHeaderClock: () => Date.now() - day } });
      const cursor = new Date(Date.now() - 3_600_000).toISOString();
      const run = await read(stage, stateFor(cursor), dashboardsFirst);
      expect(run.exitCode).toBe(0);
      expect(records(run, 'cards')).toHaveLength(stage.sandbox.expected.cards().length);
      expect(records(run, 'databases')).toHaveLength(stage.sandbox.expected.databases().length);
      expect(
        warnings(run).filter((w) => / is later than the server's clock .*reads the stream from the start/.test(w)),
      ).toHaveLength(2);
      expect(
        warnings(run).filter((w) =>
          /^Stream "dashboards": .*may be missing; the state saved at the end makes the next sync read the stream from the start/.test(
            w,
          ),
        ),
      ).toHaveLength(1);
      expect(finalStates(run).dashboards).toEqual({});

      const next = await read(
        stage,
        run.messages.flatMap((m) => (m.type === 'STATE' ? [m.state] : [])),
        dashboardsFirst,
      );
      expect(next.exitCode).toBe(0);
      expect(warnings(next)).toEqual([]);
      expect(records(next, 'dashboards')).toHaveLength(stage.sandbox.expected.dashboardCount());
    },
  );

  it('a cursor in the past is used as it is: no WARN, fewer records', { timeout: 60_000 }, async (test) => {
    const stage = await startStage(test);
    const full = await read(stage, []);
    expectEveryRecord(full, stage);
    const next = await read(stage, stateFor(new Date(Date.now() - 60_000).toISOString()));
    expect(next.exitCode).toBe(0);
    expect(warnings(next)).toEqual([]);
    expect(records(next)).toEqual([]);
  });
});
