import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import type { StreamRow } from '@mb-airbyte/connector-cli';
import { spawnConnector, type ConnectorRun } from '@mb-airbyte/connector-cli/testing';

export interface DemoStep {
  command: string;
  exitCode: number;
  elapsedMs: number;
  ok: boolean;
  summary: string;
}

export interface DemoResult {
  ok: boolean;
  steps: DemoStep[];
  streams: StreamRow[];
  messageCount: number;
}

export interface DemoOptions {
  cliFile: string;
  configFile: string;
  /** Where `discover --write-catalog` puts the configured catalog that `read` then uses. */
  catalogFile: string;
  env: NodeJS.ProcessEnv;
  /** Every stdout line of every command, in order. */
  onLine: (line: string) => void;
}

/** spec, check, discover and read through the built CLI, each judged the way the platform would judge it. */
export async function runDemoCommands(options: DemoOptions): Promise<DemoResult> {
  let messageCount = 0;
  const streams = new Map<string, { startedAt: number; endedAt?: number; records: number; status: string }>();
  const run = (args: string[], watch?: (message: AirbyteMessage, atMs: number) => void): Promise<ConnectorRun> =>
    spawnConnector(args, {
      cliFile: options.cliFile,
      env: options.env,
      keepMessages: args[0] !== 'read', // read can be millions of lines: count them as they pass
      onMessage: (message, line, atMs) => {
        messageCount += 1;
        options.onLine(line);
        watch?.(message, atMs);
      },
    });
  const config = ['--config', options.configFile];
  const steps: DemoStep[] = [];

  const spec = await run(['spec']);
  const specs = spec.messages.filter((m) => m.type === 'SPEC');
  steps.push(step(spec, specs.length === 1, `${specs.length} SPEC message`));

  const check = await run(['check', ...config]);
  const status = check.messages.find((m) => m.type === 'CONNECTION_STATUS');
  const checkStatus = status?.type === 'CONNECTION_STATUS' ? status.connectionStatus.status : 'no status';
  steps.push(
    step(
      check,
      checkStatus === 'SUCCEEDED',
      `${checkStatus}${status?.type === 'CONNECTION_STATUS' && status.connectionStatus.message !== undefined ? `: ${status.connectionStatus.message}` : ''}`,
    ),
  );

  const discover = await run(['discover', ...config, '--write-catalog', options.catalogFile]);
  const catalog = discover.messages.find((m) => m.type === 'CATALOG');
  const streamCount = catalog?.type === 'CATALOG' ? catalog.catalog.streams.length : 0;
  steps.push(step(discover, streamCount > 0, `${streamCount} streams, configured catalog in ${options.catalogFile}`));
  if (streamCount === 0) return { ok: false, steps, streams: [], messageCount };

  let errors = 0;
  const read = await run(['read', ...config, '--catalog', options.catalogFile], (message, atMs) => {
    if (message.type === 'RECORD') {
      const entry = streams.get(message.record.stream) ?? { startedAt: atMs, records: 0, status: 'RUNNING' };
      entry.records += 1;
      streams.set(message.record.stream, entry);
    } else if (message.type === 'TRACE' && message.trace.type === 'ERROR') {
      errors += 1;
    } else if (message.type === 'TRACE' && message.trace.type === 'STREAM_STATUS') {
      const { stream_descriptor: descriptor, status: streamStatus } = message.trace.stream_status;
      const entry = streams.get(descriptor.name) ?? { startedAt: atMs, records: 0, status: 'RUNNING' };
      if (streamStatus === 'COMPLETE' || streamStatus === 'INCOMPLETE')
        Object.assign(entry, { endedAt: atMs, status: streamStatus });
      streams.set(descriptor.name, entry);
    }
  });
  const rows = [...streams].map(([stream, s]) => ({
    stream,
    status: s.status,
    records: s.records,
    elapsedMs: (s.endedAt ?? read.elapsedMs) - s.startedAt,
  }));
  const complete = rows.filter((row) => row.status === 'COMPLETE').length;
  const records = rows.reduce((sum, row) => sum + row.records, 0);
  steps.push(
    step(
      read,
      errors === 0 && complete === streamCount,
      `${records} records, ${complete}/${streamCount} streams complete, ${errors} errors`,
    ),
  );
  return { ok: steps.every((s) => s.ok), steps, streams: rows, messageCount };
}

function step(run: ConnectorRun, judged: boolean, summary: string): DemoStep {
  const clean = run.badLines.length === 0;
  const ok = judged && clean && run.exitCode === 0;
  const extra = clean ? '' : `; ${run.badLines.length} stdout lines are not protocol messages`;
  const stderrTail = ok ? '' : ` ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  return {
    command: run.args[0] ?? '',
    exitCode: run.exitCode,
    elapsedMs: run.elapsedMs,
    ok,
    summary: `${summary}${extra}${stderrTail}`,
  };
}
