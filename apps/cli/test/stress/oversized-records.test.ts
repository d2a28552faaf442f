import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureType } from '@mb-airbyte/airbyte-protocol';
import type { Sandbox } from '@mb-airbyte/metabase-sandbox';
import type { FrontOptions } from './support/front-proxy.js';
import {
  lengthOf,
  oversized,
  oversizedEnvelope,
  sendCompressed,
  sendPieces,
  type BodyPieces,
  type Encoding,
} from './support/hostile-bodies.js';
import { configuredCatalog, finalStatuses, records, streamErrors } from './support/messages.js';
import { startStage } from './support/stage.js';
import { createStressCli, type StressCli, type StressRun } from './support/stress-cli.js';

// One record must never take memory without bound. Through the built CLI, against the sandbox behind a front that
// answers one route with a hostile body: records too large of every kind (a huge string, number, object, array, a
// bare string, a dashboard detail), values too large on the way to the records (a key, a value beside them), a record
// that never ends, and compressed bodies that inflate like a bomb (gzip, deflate, brotli; one huge record, or
// nothing but whitespace). Each fails its stream alone with an ERROR trace naming the stream, the request and the
// limit, the other stream completes, and the CLI's peak memory stays bounded (the kernel's high-water mark, read by
// the process itself at exit). Without the limits these runs took 1.1 to 2.1 GB, or grew until killed.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

const MiB = 1024 * 1024;
/** Past the default 24 MiB limit. */
const OVER = 48 * MiB;
/**
 * Peak RSS allowed for a run that meets a hostile body. The limit lets a run hold up to 24 MiB of one record on top
 * of the ~68 MB a read of two streams needs; measured peaks are 65-105 MB. The bound leaves room for a loaded
 * machine's lazier garbage collection, and stays an order of magnitude under what these bodies cost without limits.
 */
const PEAK_RSS_BOUND_MB = 200;

interface Case {
  name: string;
  /** The stream that fails and the route that answers it. */
  stream: 'cards' | 'databases' | 'dashboards';
  route: (sandbox: Sandbox) => FrontOptions['routes'];
  failureType: FailureType;
  message: RegExp;
}

const sizeMessage = (stream: string, path: string, what: string): RegExp =>
  new RegExp(
    `^Stream "${stream}": the response to GET https://127\\.0\\.0\\.1:\\d+/api/${path} could not be read as records at \\$[.a-z]*: ` +
      `${what} \\(from byte \\d+\\) is larger than the limit of 24 MiB on one record\\. If Metabase really holds records this large, ` +
      'raise max_record_size_mb in the source config \\(now 24\\)\\.$',
  );
const bombMessage = (encoding: Encoding): RegExp =>
  new RegExp(
    `^Stream "cards": The response to GET https://127\\.0\\.0\\.1:\\d+/api/card inflated to more than 200 times the size it had on the wire \\([\\d.]+ MiB from [\\d.]+ (KiB|bytes) of ${encoding}\\)`,
  );

const cards =
  (body: BodyPieces, length?: number): Case['route'] =>
  () => ({ 'GET /api/card': sendPieces(body, length === undefined ? {} : { length }) });
const sized = (body: BodyPieces): Case['route'] => cards(body, lengthOf(body));

const cases: Case[] = [
  ...(['string', 'number', 'wideObject', 'longArray', 'bareString'] as const).map((kind) => ({
    name: `a record with a ${kind} of 48 MiB`,
    stream: 'cards' as const,
    route: sized(oversized[kind](OVER)),
    failureType: 'config_error' as const,
    message: sizeMessage('cards', 'card', 'record 1'),
  })),
  {
    name: 'a record with a string of 200 MB',
    stream: 'cards',
    route: sized(oversized.string(200_000_000)),
    failureType: 'config_error',
    message: sizeMessage('cards', 'card', 'record 1'),
  },
  {
    name: 'a record with a string that never ends',
    stream: 'cards',
    route: cards(oversized.string(Infinity)),
    failureType: 'config_error',
    message: sizeMessage('cards', 'card', 'record 1'),
  },
  {
    name: 'a key of 48 MiB on the way to the records',
    stream: 'databases',
    route: () => ({ 'GET /api/database': sendPieces(oversizedEnvelope.key(OVER)) }),
    failureType: 'config_error',
    message: sizeMessage('databases', 'database', 'a key'),
  },
  {
    name: 'a value of 48 MiB beside the records',
    stream: 'databases',
    route: () => ({ 'GET /api/database': sendPieces(oversizedEnvelope.sibling(OVER)) }),
    failureType: 'config_error',
    message: sizeMessage('databases', 'database', 'a value beside the records'),
  },
  {
    name: 'a dashboard detail (one object) of 48 MiB',
    stream: 'dashboards',
    route: (sandbox) => {
      const id = Number(sandbox.expected.dashboards()[0]?.id);
      return { [`GET /api/dashboard/${id}`]: sendPieces(oversized.detail(id, OVER)) };
    },
    failureType: 'config_error',
    message: sizeMessage('dashboards', 'dashboard/\\d+', 'record 1'),
  },
  ...(['gzip', 'deflate', 'br'] as const).map((encoding) => ({
    name: `a ${encoding} body inflating to a 1 GiB record`,
    stream: 'cards' as const,
    route: () => ({ 'GET /api/card': sendCompressed(oversized.string(1024 * MiB), encoding) }),
    failureType: 'system_error' as const,
    message: bombMessage(encoding),
  })),
  {
    name: 'a gzip body inflating to 1 GiB of whitespace',
    stream: 'cards',
    route: () => ({ 'GET /api/card': sendCompressed(oversized.whitespace(1024 * MiB), 'gzip') }),
    failureType: 'system_error',
    message: bombMessage('gzip'),
  },
];

function otherStream(stream: Case['stream']): string {
  return stream === 'cards' ? 'databases' : 'cards';
}

async function readWith(
  c: Pick<Case, 'stream' | 'route'>,
  test: Parameters<typeof startStage>[0],
  extra: Record<string, unknown> = {},
): Promise<StressRun> {
  const stage = await startStage(test, { routes: c.route });
  return stage.invoke(cli, {
    command: 'read',
    config: stage.config('api_key', extra),
    catalog: configuredCatalog([c.stream, otherStream(c.stream)]),
    measureMemory: true,
    timeoutMs: 120_000,
  });
}

const peaks: string[] = [];
afterAll(() => {
  if (peaks.length > 0) console.log(`peak RSS per case:\n${peaks.join('\n')}`);
});

describe.concurrent('oversized records and decompression bombs', () => {
  it.for(cases.map((c) => [c.name, c] as const))(
    '%s: the stream fails alone, naming the limit, the stream and the request; memory stays bounded',
    { timeout: 180_000 },
    async ([, c], test) => {
      const run = await readWith(c, test);
      peaks.push(`${c.name}: ${run.peakRssMb?.toFixed(1) ?? '?'} MB`);
      expect(run.exitCode).toBe(1);
      expect(finalStatuses(run)).toEqual({ [c.stream]: 'INCOMPLETE', [otherStream(c.stream)]: 'COMPLETE' });
      const errors = streamErrors(run, c.stream);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(c.message);
      expect(errors[0]?.failure_type).toBe(c.failureType);
      expect(records(run, c.stream).filter((r) => JSON.stringify(r.data).length > MiB)).toEqual([]);
      expect(run.peakRssMb).toBeLessThan(PEAK_RSS_BOUND_MB);
    },
  );
});

describe.concurrent('records within the limit, and the limit as a setting', () => {
  it('a plain read (the memory every case above starts from)', { timeout: 60_000 }, async (test) => {
    const stage = await startStage(test);
    const run = await stage.invoke(cli, {
      command: 'read',
      config: stage.config('api_key'),
      catalog: configuredCatalog(['cards', 'databases']),
      measureMemory: true,
    });
    peaks.push(`a plain read of cards and databases: ${run.peakRssMb?.toFixed(1) ?? '?'} MB`);
    expect(run.exitCode).toBe(0);
    expect(run.peakRssMb).toBeLessThan(PEAK_RSS_BOUND_MB);
  });

  it.for(['gzip', 'deflate', 'br'] as const)(
    'a real list compressed with %s passes whole',
    { timeout: 60_000 },
    async (encoding, test) => {
      let expected: unknown[] = [];
      const stage = await startStage(test, {
        routes: (sandbox) => {
          expected = sandbox.expected.cards();
          return { 'GET /api/card': sendCompressed(() => [JSON.stringify(expected)], encoding) };
        },
      });
      const run = await stage.invoke(cli, {
        command: 'read',
        config: stage.config('api_key'),
        catalog: configuredCatalog(['cards']),
      });
      expect(run.exitCode).toBe(0);
      expect(records(run, 'cards').map((r) => r.data)).toEqual(expected);
    },
  );

  it.for<[string, number, Record<string, unknown>]>([
    ['just under the default limit', 23 * MiB, {}],
    ['48 MiB with max_record_size_mb: 64', OVER, { max_record_size_mb: 64 }],
  ])('a record %s passes, byte for byte', { timeout: 120_000 }, async ([, bytes, extra], test) => {
    const body = oversized.string(bytes);
    const run = await readWith({ stream: 'cards', route: sized(body) }, test, extra);
    peaks.push(`a record of ${(bytes / MiB).toFixed(0)} MiB that passes: ${run.peakRssMb?.toFixed(1) ?? '?'} MB`);
    expect(run.exitCode).toBe(0);
    const line = run.lines.find((l) => l.includes('"stream":"cards"'));
    expect(line).toContain(`"data":{"id":1,"name":"${'a'.repeat(1000)}`);
    expect(records(run, 'cards').map((r) => (r.data.name as string).length)).toEqual([bytes]);
  });

  it(
    'max_record_size_mb: 1 turns a 2 MiB record into an error that names the setting and its value',
    { timeout: 60_000 },
    async (test) => {
      const run = await readWith({ stream: 'cards', route: sized(oversized.string(2 * MiB)) }, test, {
        max_record_size_mb: 1,
      });
      expect(run.exitCode).toBe(1);
      expect(streamErrors(run, 'cards')[0]?.message).toMatch(
        /record 1 \(from byte 1\) is larger than the limit of 1 MiB on one record\. .*raise max_record_size_mb in the source config \(now 1\)\.$/,
      );
    },
  );
});
