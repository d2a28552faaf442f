import {
  AirbyteMessageSchema,
  type AirbyteCatalog,
  type AirbyteConnectionStatus,
  type AirbyteLogMessage,
  type AirbyteMessage,
  type AirbyteRecordMessage,
  type AirbyteStateMessage,
  type AirbyteTraceMessage,
  type ConnectorSpecification,
} from '@mb-airbyte/airbyte-protocol';

/** Everything a command printed, parsed and sorted by kind. */
export interface SourceOutput {
  exitCode: number;
  /** Every message, in order. */
  messages: AirbyteMessage[];
  records: AirbyteRecordMessage[];
  /** STATE payloads, in order: pass them as `state` to a next read. */
  states: AirbyteStateMessage[];
  traces: AirbyteTraceMessage[];
  logs: AirbyteLogMessage[];
  spec?: ConnectorSpecification;
  catalog?: AirbyteCatalog;
  connectionStatus?: AirbyteConnectionStatus;
  /** The raw stdout text. */
  text: string;
}

/**
 * Parses output text line by line with the protocol schema. A line that is not exactly one valid Airbyte message
 * throws: the platform would drop it, so a test must fail.
 */
export function parseSourceOutput(text: string, exitCode: number): SourceOutput {
  const output: SourceOutput = { exitCode, messages: [], records: [], states: [], traces: [], logs: [], text };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`output line ${index + 1} is not JSON: ${line.slice(0, 200)}`);
    }
    const parsed = AirbyteMessageSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `output line ${index + 1} is not a valid Airbyte message (${parsed.error.message}): ${line.slice(0, 200)}`,
      );
    const message = parsed.data;
    output.messages.push(message);
    if (message.type === 'RECORD') output.records.push(message.record);
    else if (message.type === 'STATE') output.states.push(message.state);
    else if (message.type === 'TRACE') output.traces.push(message.trace);
    else if (message.type === 'LOG') output.logs.push(message.log);
    else if (message.type === 'SPEC') output.spec = message.spec;
    else if (message.type === 'CATALOG') output.catalog = message.catalog;
    else if (message.type === 'CONNECTION_STATUS') output.connectionStatus = message.connectionStatus;
  });
  return output;
}
