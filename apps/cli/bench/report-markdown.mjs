// The results as Markdown: the full report beside the JSON, and the short table the root README quotes.

const s = (seconds) => (seconds === undefined ? 'n/a' : `${seconds.toFixed(2)} s`);
const mb = (value) => (value === undefined ? 'n/a' : `${Math.round(value)} MB`);
const x = (ratio) => (ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}x`);
const verdict = (pass) => (pass === undefined ? '' : pass ? 'met' : '**missed**');
const count = (n) => (n === undefined ? 'n/a' : n.toLocaleString('en-US'));

/** The 1-minute load average over every measured run: the machine's other work shows in the figures. */
export function loadLine(results) {
  const loads = [];
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      if (Array.isArray(value.loadAverage)) loads.push(value.loadAverage[0]);
      Object.values(value).forEach(visit);
    }
  };
  visit(results.figures);
  if (loads.length === 0) return '';
  return `1-minute load average during the runs: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} (on ${results.machine.cores} cores; above about 2, other work was competing for the CPUs).`;
}

export function machineLine(results) {
  const m = results.machine;
  const load = m.loadAverageAtStart.join(', ');
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node} (${m.platform}); load average at start ${load}`;
}

const perRequest = (summary) =>
  summary.medianRequests === undefined
    ? ''
    : `, ${count(summary.medianRequests)} requests, ${summary.medianCpuMsPerRequest.toFixed(2)} ms CPU per request`;

/** Time, peak RSS and requests of both sides, and the time ratio: the row of a floor comparison. */
function comparisonRow(label, figure, target, pass) {
  const side = (summary) => `${s(summary.medianSeconds)}, ${mb(summary.medianPeakRssMb)}${perRequest(summary)}`;
  return [label, side(figure.connector), side(figure.floor), `${x(figure.timeRatio)} time`, target, verdict(pass)];
}

/** Rows of the figures table, shared by the report and the README. */
function figureRows(results) {
  const { bulk, fanOut, fanOutLatency, memory, start, incremental } = results.figures;
  const rows = [];
  if (bulk) {
    const label = `bulk: nine streams, scale ${bulk.scale} (${count(bulk.connector.records)} records)`;
    rows.push(comparisonRow(label, bulk, `≤ ${bulk.target.timeRatio}x, ≤ ${bulk.target.peakRssMb} MB`, bulk.pass));
  }
  if (fanOut) {
    const label = `fan-out: dashboards and dashboard_cards, scale ${fanOut.scale} (${count(fanOut.connector.records)} records)`;
    rows.push(comparisonRow(label, fanOut, `≤ ${fanOut.target.timeRatio}x`, fanOut.pass));
  }
  if (fanOutLatency) {
    const label = `fan-out, the sandbox taking ${fanOutLatency.latencyMs} ms (±50%) per request, scale ${fanOutLatency.scale} (connector: at most ${fanOutLatency.connector.maxPeakInFlight} requests in flight)`;
    const { target } = fanOutLatency;
    rows.push(
      comparisonRow(
        label,
        fanOutLatency,
        `≤ ${target.timeRatio}x, ≤ ${target.peakInFlight} in flight`,
        fanOutLatency.pass,
      ),
    );
  }
  if (memory) {
    rows.push([
      `memory: cards, scale ${memory.scale} (${count(memory.connector.records)} records)`,
      `${mb(memory.connector.maxPeakRssMb)} peak (max of runs), ${s(memory.connector.medianSeconds)}`,
      `${mb(memory.floor.medianPeakRssMb)}, ${s(memory.floor.medianSeconds)}`,
      `${x(memory.timeRatio)} time`,
      `≤ ${memory.target.peakRssMb} MB`,
      verdict(memory.pass),
    ]);
  }
  if (start) {
    rows.push([
      `start: \`spec\`, median of ${start.runsMs.length}`,
      `${start.medianMs} ms`,
      `bare \`node -e 0\`: ${start.bareNodeMedianMs} ms`,
      '',
      `≤ ${start.target.medianMs} ms`,
      verdict(start.pass),
    ]);
  }
  if (incremental) {
    rows.push([
      `incremental: second read of an unchanged scale ${incremental.scale}, the nine streams and dashboards (seven incremental, three full refresh)`,
      `${s(incremental.incremental.medianSeconds)}, ${count(incremental.incremental.medianRequests)} requests, ${count(incremental.incremental.records)} records`,
      `full read: ${s(incremental.full.medianSeconds)}, ${count(incremental.full.medianRequests)} requests, ${count(incremental.full.records)} records`,
      `${x(incremental.timeRatio)} time`,
      'none',
      '',
    ]);
  }
  return rows;
}

/** Requests per stream of the comparisons, connector against floor. */
function requestRows(results) {
  const rows = [];
  for (const [name, figure] of Object.entries(results.figures)) {
    const connector = figure?.connector?.requestsByStream;
    const floor = figure?.floor?.requestsByStream;
    if (connector === undefined || floor === undefined) continue;
    for (const stream of new Set([...Object.keys(connector), ...Object.keys(floor)])) {
      rows.push([name, stream, count(connector[stream] ?? 0), count(floor[stream] ?? 0)]);
    }
  }
  return rows;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const FIGURES_HEADER = ['figure', 'connector', 'floor', 'connector / floor', 'target', 'result'];

export function benchMarkdown(results) {
  const scaleRows = results.byScale.map((p) => [
    String(p.scale),
    count(p.connector.records),
    s(p.connector.medianSeconds),
    mb(p.connector.medianPeakRssMb),
    s(p.floor.medianSeconds),
    mb(p.floor.medianPeakRssMb),
    x(p.connector.medianSeconds / p.floor.medianSeconds),
  ]);
  const runs = results.figures.bulk?.connector.runs.length ?? results.options.runs;
  const fanOutRuns = results.figures.fanOut?.connector.runs.length;
  const fanOutNote = fanOutRuns === undefined || fanOutRuns === runs ? '' : `, of ${fanOutRuns} for fan-out`;
  return [
    '# `pnpm bench` results',
    '',
    `Measured ${results.generatedAt} on ${machineLine(results)}.`,
    `Medians of ${runs} runs each${fanOutNote} (the floor of the memory figure: one run); floor and connector runs alternate.`,
    '',
    table(FIGURES_HEADER, figureRows(results)),
    '',
    loadLine(results),
    '',
    '## Requests per stream (last run of each side)',
    '',
    table(['figure', 'stream', 'connector', 'floor'], requestRows(results)),
    '',
    '## The nine bulk streams by scale',
    '',
    '![time and peak RSS against scale](bench-by-scale.svg)',
    '',
    table(
      ['scale', 'records', 'connector time', 'connector peak RSS', 'floor time', 'floor peak RSS', 'time ratio'],
      scaleRows,
    ),
    '',
    '## Method',
    '',
    ...results.method.map((line) => `- ${line}`),
    '',
  ].join('\n');
}

/** The README's "Performance" figures (between the bench markers). */
export function readmeSection(results) {
  return [
    `Measured with \`pnpm bench\` on ${machineLine(results)} (${results.generatedAt.slice(0, 10)}):`,
    '',
    table(FIGURES_HEADER, figureRows(results)),
    '',
    loadLine(results),
  ].join('\n');
}
