// Compact views of a run's output for assertions: one stream's statuses, record runs and states, in order.
import type { SourceOutput } from '../../src/testing/index.js';

/** e.g. ['STARTED', 'RUNNING', 'R25', 'S25', 'COMPLETE']: R<n> = n records in a row, S<n> = a state counting n. */
export function timeline(output: SourceOutput, stream: string): string[] {
  const items = output.messages.flatMap((m) => {
    if (m.type === 'RECORD' && m.record.stream === stream) return ['R'];
    if (m.type === 'STATE' && m.state.stream?.stream_descriptor.name === stream)
      return [`S${m.state.sourceStats?.recordCount ?? '?'}`];
    if (m.type !== 'TRACE') return [];
    const trace = m.trace;
    if (trace.type === 'STREAM_STATUS' && trace.stream_status.stream_descriptor.name === stream)
      return [trace.stream_status.status];
    if (trace.type === 'ERROR' && trace.error.stream_descriptor?.name === stream)
      return [`ERROR:${trace.error.failure_type ?? '?'}`];
    return [];
  });
  return items.reduce<string[]>((out, item) => {
    const last = out.at(-1);
    if (item === 'R' && last !== undefined && /^R\d+$/.test(last))
      out[out.length - 1] = `R${Number(last.slice(1)) + 1}`;
    else out.push(item === 'R' ? 'R1' : item);
    return out;
  }, []);
}

/** The records of one stream, as data. */
export function recordsOf(output: SourceOutput, stream: string): Record<string, unknown>[] {
  return output.records.filter((r) => r.stream === stream).map((r) => r.data);
}

/** ERROR traces (not statuses). */
export function errorsOf(output: SourceOutput) {
  return output.traces.flatMap((t) => (t.type === 'ERROR' ? [t.error] : []));
}
