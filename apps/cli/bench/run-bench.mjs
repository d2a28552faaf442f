// `pnpm bench`: the connector against a plain floor on the Metabase sandbox, at scales 1, 100, 1000 and 5000.
// Writes bench-results/bench.json, bench.md and bench-by-scale.svg at the repository root, and the figures table
// between the bench markers of the root README. Options: --runs N (default 3), --max-scale N (default 5000),
// --out DIR (instead of bench-results), --no-readme (a run with --max-scale below 5000 never touches the README),
// --only fan-out|fan-out-latency|bulk (that figure alone, printed as JSON; no report files are written).
// Every program measured runs in a process of its own (see measure-process.mjs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import {
  bulkFigure,
  fanOutFigure,
  fanOutLatencyFigure,
  incrementalFigure,
  memoryFigure,
  startFigure,
} from './figures.mjs';
import { machineInfo } from './machine-info.mjs';
import { benchMarkdown, machineLine, readmeSection } from './report-markdown.mjs';
import { scaleChartSvg } from './report-svg.mjs';
import { runInputs } from './run-inputs.mjs';
import { startSandboxProcess } from './sandbox-process.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('--runs', 3);
const maxScale = option('--max-scale', 5000);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../dist/source-metabase.js', import.meta.url));
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1] : join(root, 'bench-results');
const README_BEGIN = '<!-- bench:begin -->';
/** Server time per request for the fan-out-with-latency comparison (the sandbox waits 0.5x to 1.5x this). */
const LATENCY_MS = 20;
/** Its scale: about 700 requests, so the one-at-a-time floor takes about 15 s. */
const LATENCY_SCALE = 20;
const scratchDir = mkdtempSync(join(tmpdir(), 'mb-bench-'));
const README_END = '<!-- bench:end -->';

const METHOD = [
  'The sandbox (packages/metabase-sandbox, seed 1, its default realistic shape: a personal collection for each of 12 users per unit of scale, most of them empty, nested shared collections, items gathered in a few places) runs in a process of its own; the connector (`node apps/cli/dist/source-metabase.js read --config ... --catalog ...`) and the floor (`node apps/cli/bench/floor-read.mjs`) each run as a separate child, authenticated with the admin API key, their stdout piped to the bench process, which counts lines and RECORD lines and discards them.',
  'The floor: one request at a time with `node:https` (keep-alive), each whole body `JSON.parse`d, one `JSON.stringify`d RECORD line per element. Fan-out floor: collections, then the items (dashboards) of each, then the detail of each dashboard in turn, fetched once for its `dashboards` record and its `dashboard_cards` records. Users come in one request, as the connector reads them.',
  "Requests: counted by the sandbox for each run (its counters reset before it), per route and mapped to the streams each route serves; CPU per request is the process's whole CPU time (start-up included) over its requests; in flight: the most requests the sandbox held at once.",
  'Wall time: from spawn to exit, seen by the bench process. Peak RSS and CPU time: GNU time (`/usr/bin/time -f "%U %S %M"`, the kernel\'s rusage of the finished process) when installed, else VmHWM from /proc/<pid>/status polled every 20 ms.',
  'bulk: cards, collections, users, databases, native_query_snippets, tables, segments, permission_groups, alerts (full refresh). fan-out: `dashboards` and `dashboard_cards` (their parents collections and collections_items_dashboards are read as partition sources). memory: `cards` alone. start: `spec` from a cold process, against `node -e 0`, alternating. Every measured process runs without NODE_EXTRA_CA_CERTS (Node would read that bundle at each start; neither side needs it).',
  'incremental: the nine streams and dashboards, incremental where supported (cards, databases, native_query_snippets, tables, segments, alerts, dashboards; the rest full refresh), read once to get the final states, then a full read and a read with those states alternate; request counts come from the sandbox (per route in bench.json).',
  `fan-out with latency: the same streams at scale ${LATENCY_SCALE} against a sandbox that waits ${LATENCY_MS} ms (0.5x to 1.5x) before answering each request, as a Metabase across a network and busy with its application database would; it shows what the dashboards chain's concurrency is for, and that it stays within its bound of requests in flight.`,
  "The by-scale points are the bulk figure's medians at 1000 and single runs at 5000.",
];

/** Figures that can be measured alone with --only, each against a sandbox of its own. */
const ALONE = {
  'fan-out': () => withSandbox(100, 0, fanOutFigure),
  'fan-out-latency': () => withSandbox(LATENCY_SCALE, LATENCY_MS, fanOutLatencyFigure),
  bulk: () => withSandbox(1000, 0, bulkFigure),
};

async function main() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (pnpm bench does)`);
  const onlyIndex = args.indexOf('--only');
  if (onlyIndex >= 0) return measureAlone(args[onlyIndex + 1]);
  const results = {
    generatedAt: new Date().toISOString(),
    machine: machineInfo(),
    options: { runs, maxScale, latencyMs: LATENCY_MS, latencyScale: LATENCY_SCALE, shape: 'realistic' },
    figures: {},
    byScale: [],
    method: METHOD,
  };
  process.stderr.write(`bench on ${machineLine(results)}\n`);
  try {
    results.figures.start = await startFigure({ cli });
    for (const scale of [1, 100, 1000, 5000].filter((s) => s <= maxScale)) {
      await withSandbox(scale, 0, async (context) => {
        if (scale === 100) results.figures.fanOut = await fanOutFigure(context);
        if (scale === 5000) results.figures.memory = await memoryFigure(context);
        const bulk = await bulkFigure({ ...context, runs: scale === 5000 ? 1 : runs });
        if (scale === 1000) {
          results.figures.bulk = bulk;
          results.figures.incremental = await incrementalFigure(context);
        }
        results.byScale.push({ scale, connector: pointOf(bulk.connector), floor: pointOf(bulk.floor) });
      });
    }
    if (maxScale >= 100)
      results.figures.fanOutLatency = await withSandbox(LATENCY_SCALE, LATENCY_MS, fanOutLatencyFigure);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
  writeReports(results);
}

async function measureAlone(name) {
  const figure = ALONE[name];
  if (figure === undefined) throw new Error(`--only takes one of: ${Object.keys(ALONE).join(', ')}`);
  process.stderr.write(`bench (${name} only) on ${machineLine({ machine: machineInfo() })}\n`);
  try {
    process.stdout.write(`${JSON.stringify(await figure(), null, 2)}\n`);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** Runs `work` against a sandbox of its own, started for it and stopped after it. */
async function withSandbox(scale, latencyMs, work) {
  const sandbox = await startSandboxProcess(scale, latencyMs);
  try {
    return await work({ scale, sandbox, inputs: runInputs(scratchDir, sandbox, cli), cli, runs, dir: scratchDir });
  } finally {
    await sandbox.stop();
  }
}

const pointOf = ({ medianSeconds, medianPeakRssMb, records, runs: list }) => ({
  medianSeconds,
  medianPeakRssMb,
  records,
  runs: list.length,
});

function writeReports(results) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = benchMarkdown(results);
  writeFileSync(join(outDir, 'bench.md'), markdown);
  writeFileSync(
    join(outDir, 'bench-by-scale.svg'),
    scaleChartSvg(results.byScale, `source-metabase vs floor, ${machineLine(results)}`),
  );
  process.stdout.write(`${markdown}\nWritten to ${outDir}\n`);
  if (args.includes('--no-readme') || maxScale < 5000) return;
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const begin = text.indexOf(README_BEGIN);
  const end = text.indexOf(README_END);
  if (begin < 0 || end < begin) return;
  writeFileSync(readme, `${text.slice(0, begin + README_BEGIN.length)}\n${readmeSection(results)}\n${text.slice(end)}`);
  process.stdout.write('Updated the figures in README.md (Performance).\n');
}

await main();
