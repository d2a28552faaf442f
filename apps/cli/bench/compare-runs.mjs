// Runs the floor and the connector alternately (so both see the same machine load) and sums each up by its medians.
import { loadavg } from 'node:os';
import process from 'node:process';
import { measureProcess } from './measure-process.mjs';

export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value, digits) => (value === undefined ? undefined : Number(value.toFixed(digits)));

/** The runs of one program and their medians. */
export function summarize(runs) {
  return {
    medianSeconds: round(median(runs.map((r) => r.seconds)), 3),
    medianCpuSeconds: round(median(runs.map((r) => r.cpuSeconds)), 2),
    medianPeakRssMb: round(median(runs.map((r) => r.peakRssMb)), 1),
    ...requestFigures(runs),
    maxPeakRssMb: round(Math.max(...runs.map((r) => r.peakRssMb)), 1),
    records: runs[0]?.records,
    runs: runs.map((r) => ({
      seconds: round(r.seconds, 3),
      cpuSeconds: round(r.cpuSeconds, 2),
      peakRssMb: round(r.peakRssMb, 1),
      records: r.records,
      lines: r.lines,
      loadAverage: r.loadAverage,
      ...(r.requests === undefined ? {} : { requests: r.requests, peakInFlight: r.peakInFlight }),
    })),
  };
}

/** Requests the sandbox counted for each run (when a sandbox was given): medians, CPU per request, peak in flight. */
function requestFigures(runs) {
  if (runs.some((r) => r.requests === undefined)) return {};
  return {
    medianRequests: median(runs.map((r) => r.requests)),
    // CPU time of the whole process (start-up included) over the requests it made.
    medianCpuMsPerRequest: round(median(runs.map((r) => (r.cpuSeconds * 1000) / r.requests)), 3),
    maxPeakInFlight: Math.max(...runs.map((r) => r.peakInFlight)),
    requestsByRoute: runs.at(-1).requestsByRoute,
  };
}

/** One measured run that must succeed; logs a line to stderr. */
export async function measured(label, nodeArgs, options = {}) {
  const loadAverage = loadavg().map((l) => round(l, 2));
  const result = await measureProcess(nodeArgs, options);
  if (result.exitCode !== 0) throw new Error(`${label} exited with ${result.exitCode}:\n${result.stderr}`);
  const cpu = result.cpuSeconds === undefined ? '' : `, cpu ${result.cpuSeconds.toFixed(2)} s`;
  process.stderr.write(
    `  ${label}: ${result.seconds.toFixed(2)} s${cpu}, peak RSS ${result.peakRssMb.toFixed(0)} MB, ${result.records} records (load ${loadAverage[0]})\n`,
  );
  return { ...result, loadAverage };
}

/** One measured run, with the requests the sandbox saw during it when a sandbox is given. */
async function measuredAgainst(sandbox, label, nodeArgs) {
  if (sandbox === undefined) return measured(label, nodeArgs);
  await sandbox.reset();
  const result = await measured(label, nodeArgs);
  const stats = await sandbox.stats();
  process.stderr.write(
    `    ${stats.requests} requests, ${(((result.cpuSeconds ?? NaN) * 1000) / stats.requests).toFixed(3)} ms CPU per request, at most ${stats.peakInFlight} in flight\n`,
  );
  return {
    ...result,
    requests: stats.requests,
    requestsByRoute: stats.requestsByRoute,
    peakInFlight: stats.peakInFlight,
  };
}

/**
 * @param {{ name: string, runs: number, floorRuns?: number, floor: string[], connector: string[], sandbox?: object }} options
 *   floor/connector: arguments after `node`; sandbox: the sandbox both read (its counters are reset before each run)
 */
export async function compareRuns(options) {
  const floor = [];
  const connector = [];
  const floorRuns = options.floorRuns ?? options.runs;
  for (let run = 1; run <= Math.max(options.runs, floorRuns); run++) {
    if (run <= floorRuns)
      floor.push(await measuredAgainst(options.sandbox, `${options.name} floor ${run}/${floorRuns}`, options.floor));
    if (run <= options.runs)
      connector.push(
        await measuredAgainst(options.sandbox, `${options.name} connector ${run}/${options.runs}`, options.connector),
      );
  }
  const result = { floor: summarize(floor), connector: summarize(connector) };
  const ratio = result.connector.medianSeconds / result.floor.medianSeconds;
  return { ...result, timeRatio: round(ratio, 3), recordsMatch: result.floor.records === result.connector.records };
}
