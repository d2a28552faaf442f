// The four figures of `pnpm bench` (plus the incremental comparison), each measured against its floor in the same run.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compareRuns, measured, median, summarize } from './compare-runs.mjs';

const floorScript = fileURLToPath(new URL('./floor-read.mjs', import.meta.url));

/** The nine streams that take one request each. */
export const BULK_STREAMS = [
  'cards',
  'collections',
  'users',
  'databases',
  'native_query_snippets',
  'tables',
  'segments',
  'permission_groups',
  'alerts',
];

/** The dashboards chain as users select it: both streams that read each dashboard's detail. */
export const FAN_OUT_STREAMS = ['dashboards', 'dashboard_cards'];

export const TARGETS = {
  bulk: { timeRatio: 0.75, peakRssMb: 100 },
  fanOut: { timeRatio: 0.7 },
  fanOutLatency: { timeRatio: 0.25, peakInFlight: 8 },
  memory: { peakRssMb: 120 },
  start: { medianMs: 100 },
};

/** Floor and connector reading the same streams; `names` picks the connector's catalog, `figure` the floor's plan. */
export function readComparison({ name, inputs, cli, runs, floorRuns, sandbox }, names, figure) {
  return compareRuns({
    name,
    runs,
    ...(floorRuns === undefined ? {} : { floorRuns }),
    floor: [floorScript, inputs.plan(figure)],
    connector: [cli, 'read', '--config', inputs.config, '--catalog', inputs.catalog(names)],
    sandbox,
  });
}

/** Which streams each sandbox route serves; the detail route serves every selected stream that reads details. */
const ROUTE_STREAMS = {
  'GET /api/card': ['cards'],
  'GET /api/collection': ['collections'],
  'GET /api/collection/root/items': ['collections_items_dashboards'],
  'GET /api/collection/:id/items': ['collections_items_dashboards'],
  'GET /api/dashboard': ['dashboards'],
  'GET /api/dashboard/:id': FAN_OUT_STREAMS,
  'GET /api/user': ['users'],
  // The connector asks who it is once per run, to tell a non-administrator why users and groups may be partial.
  'GET /api/user/current': ['users', 'permission_groups'],
  'GET /api/database': ['databases'],
  'GET /api/native-query-snippet': ['native_query_snippets'],
  'GET /api/table': ['tables'],
  'GET /api/segment': ['segments'],
  'GET /api/permissions/group': ['permission_groups'],
  'GET /api/alert': ['alerts'],
};

/** Requests per stream (or per route, for routes no stream reads), from the sandbox's per-route counts. */
export function requestsByStream(requestsByRoute, selected) {
  const byStream = {};
  for (const [route, n] of Object.entries(requestsByRoute ?? {})) {
    const streams = ROUTE_STREAMS[route]?.filter((name) => selected.includes(name) || !FAN_OUT_STREAMS.includes(name));
    const key = streams === undefined || streams.length === 0 ? route : streams.join(' + ');
    byStream[key] = (byStream[key] ?? 0) + n;
  }
  return byStream;
}

/** The comparison with requests per stream on both sides. */
function withStreams(result, streams) {
  for (const side of [result.floor, result.connector]) {
    if (side.requestsByRoute !== undefined) side.requestsByStream = requestsByStream(side.requestsByRoute, streams);
  }
  return result;
}

export async function bulkFigure(context) {
  const result = withStreams(
    await readComparison({ ...context, name: `bulk (scale ${context.scale})` }, BULK_STREAMS, 'bulk'),
    BULK_STREAMS,
  );
  return {
    scale: context.scale,
    streams: BULK_STREAMS,
    ...result,
    target: TARGETS.bulk,
    pass: result.timeRatio <= TARGETS.bulk.timeRatio && result.connector.medianPeakRssMb <= TARGETS.bulk.peakRssMb,
  };
}

/**
 * Runs of each side for the fan-out figure, at least: a run takes a few seconds, and its time swings more with the
 * machine's other load than the longer figures do (the connector's lead rests on using both cores).
 */
export const FAN_OUT_MIN_RUNS = 7;

export async function fanOutFigure(context) {
  const name = `fan-out (scale ${context.scale})`;
  const runs = Math.max(context.runs, FAN_OUT_MIN_RUNS);
  const result = withStreams(
    await readComparison({ ...context, runs, name }, FAN_OUT_STREAMS, 'fan-out'),
    FAN_OUT_STREAMS,
  );
  return {
    scale: context.scale,
    streams: FAN_OUT_STREAMS,
    ...result,
    target: TARGETS.fanOut,
    pass: result.timeRatio <= TARGETS.fanOut.timeRatio,
  };
}

/** The same chain against a sandbox that takes tens of milliseconds per request, as a remote, busy server does. */
export async function fanOutLatencyFigure(context) {
  const name = `fan-out, ${context.sandbox.latencyMs} ms per request (scale ${context.scale})`;
  const result = withStreams(await readComparison({ ...context, name }, FAN_OUT_STREAMS, 'fan-out'), FAN_OUT_STREAMS);
  const target = TARGETS.fanOutLatency;
  const pass = result.timeRatio <= target.timeRatio && result.connector.maxPeakInFlight <= target.peakInFlight;
  return {
    scale: context.scale,
    latencyMs: context.sandbox.latencyMs,
    streams: FAN_OUT_STREAMS,
    ...result,
    target,
    pass,
  };
}

export async function memoryFigure(context) {
  const result = await readComparison(
    { ...context, name: `memory (scale ${context.scale})`, floorRuns: 1 },
    ['cards'],
    'cards',
  );
  return {
    scale: context.scale,
    streams: ['cards'],
    ...result,
    target: TARGETS.memory,
    pass: result.connector.maxPeakRssMb <= TARGETS.memory.peakRssMb,
  };
}

/** `spec` from a cold process, against bare `node -e 0` on the same machine at the same moment. */
export async function startFigure({ cli, runs = 11 }) {
  const spec = [];
  const bare = [];
  await measured('start warm-up (not counted)', [cli, 'spec'], { direct: true });
  for (let run = 1; run <= runs; run++) {
    bare.push(await measured(`start: node -e 0 ${run}/${runs}`, ['-e', '0'], { direct: true }));
    spec.push(await measured(`start: spec ${run}/${runs}`, [cli, 'spec'], { direct: true }));
  }
  const ms = (list) => list.map((r) => Math.round(r.seconds * 1000));
  const medianMs = median(ms(spec));
  return {
    medianMs,
    bareNodeMedianMs: median(ms(bare)),
    runsMs: ms(spec),
    bareNodeRunsMs: ms(bare),
    peakRssMb: summarize(spec).medianPeakRssMb,
    target: TARGETS.start,
    pass: medianMs <= TARGETS.start.medianMs,
  };
}

/** The incremental comparison's streams: the bulk nine and the dashboards chain, where a saved cursor saves requests. */
export const INCREMENTAL_STREAMS = [...BULK_STREAMS, 'dashboards'];

/**
 * A second read of an unchanged instance with the first read's final state, against the first (full) read: the
 * streams that support incremental sync read incrementally, the others in full refresh, as the platform would.
 */
export async function incrementalFigure({ sandbox, inputs, cli, runs, dir }) {
  const catalog = inputs.catalog(INCREMENTAL_STREAMS, 'incremental');
  const read = [cli, 'read', '--config', inputs.config, '--catalog', catalog];
  const stateFile = join(dir, `scale-${sandbox.scale}-state.json`);
  writeFileSync(
    stateFile,
    JSON.stringify(await finalStates(read, join(dir, `scale-${sandbox.scale}-first-read.jsonl`))),
  );
  const full = [];
  const incremental = [];
  for (let run = 1; run <= runs; run++) {
    for (const [list, label, args] of [
      [full, 'full', read],
      [incremental, 'incremental', [...read, '--state', stateFile]],
    ]) {
      await sandbox.reset();
      const result = await measured(`incremental (scale ${sandbox.scale}) ${label} ${run}/${runs}`, args);
      const stats = await sandbox.stats();
      list.push({ ...result, requests: stats.requests, requestsByRoute: stats.requestsByRoute });
    }
  }
  const sum = (list) => ({
    ...summarize(list),
    medianRequests: median(list.map((r) => r.requests)),
    requestsByRoute: list.at(-1)?.requestsByRoute,
  });
  const result = { full: sum(full), incremental: sum(incremental) };
  return {
    scale: sandbox.scale,
    streams: INCREMENTAL_STREAMS,
    ...result,
    timeRatio: Number((result.incremental.medianSeconds / result.full.medianSeconds).toFixed(3)),
  };
}

/** Runs one read to a file (not measured) and returns the last STATE of each stream, as the platform saves them. */
async function finalStates(readArgs, outFile) {
  const fd = openSync(outFile, 'w');
  const run = spawnSync(process.execPath, readArgs, { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  if (run.status !== 0) throw new Error(`the first read for the incremental figure exited with ${run.status}`);
  const byStream = new Map();
  for await (const line of createInterface({ input: createReadStream(outFile) })) {
    if (!line.startsWith('{"type":"STATE"')) continue;
    const { state } = JSON.parse(line);
    byStream.set(state.stream.stream_descriptor.name, state);
  }
  return [...byStream.values()];
}
