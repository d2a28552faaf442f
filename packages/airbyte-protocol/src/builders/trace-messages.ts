import type { AirbyteMessageOf } from '../schemas/airbyte-message.js';
import type { StreamDescriptor } from '../schemas/stream-descriptor.js';
import type {
  AirbyteErrorTraceMessage,
  AirbyteStreamStatus,
  AirbyteStreamStatusReason,
  AirbyteTraceMessage,
  FailureType,
} from '../schemas/trace-message.js';

type TraceMessage = AirbyteMessageOf<'TRACE'>;

function trace(body: AirbyteTraceMessage): TraceMessage {
  return { type: 'TRACE', trace: body };
}

export interface ErrorTraceInput {
  /** Shown to the user: say what to do, never include secrets. */
  message: string;
  internalMessage?: string;
  stackTrace?: string;
  failureType: FailureType;
  stream?: StreamDescriptor;
}

/** An ERROR trace. `emittedAt` (ms) defaults to now. */
export function errorTraceMessage(e: ErrorTraceInput, emittedAt: number = Date.now()): TraceMessage {
  const error: AirbyteErrorTraceMessage = { message: e.message, failure_type: e.failureType };
  if (e.internalMessage !== undefined) error.internal_message = e.internalMessage;
  if (e.stackTrace !== undefined) error.stack_trace = e.stackTrace;
  if (e.stream !== undefined) error.stream_descriptor = e.stream;
  return trace({ type: 'ERROR', emitted_at: emittedAt, error });
}

/** A STREAM_STATUS trace (STARTED, RUNNING, COMPLETE or INCOMPLETE), optionally with reasons such as RATE_LIMITED. */
export function streamStatusMessage(
  stream: StreamDescriptor,
  status: AirbyteStreamStatus,
  reasons?: AirbyteStreamStatusReason[],
  emittedAt: number = Date.now(),
): TraceMessage {
  const stream_status =
    reasons === undefined ? { stream_descriptor: stream, status } : { stream_descriptor: stream, status, reasons };
  return trace({ type: 'STREAM_STATUS', emitted_at: emittedAt, stream_status });
}

export interface EstimateInput {
  rowEstimate?: number;
  byteEstimate?: number;
}

/** A per-stream ESTIMATE trace (type STREAM, which the protocol prefers over SYNC). */
export function estimateTraceMessage(
  stream: StreamDescriptor,
  estimate: EstimateInput,
  emittedAt: number = Date.now(),
): TraceMessage {
  const body: Record<string, unknown> & { name: string; type: 'STREAM' } = { name: stream.name, type: 'STREAM' };
  if (stream.namespace !== undefined) body.namespace = stream.namespace;
  if (estimate.rowEstimate !== undefined) body.row_estimate = Math.trunc(estimate.rowEstimate);
  if (estimate.byteEstimate !== undefined) body.byte_estimate = Math.trunc(estimate.byteEstimate);
  return trace({ type: 'ESTIMATE', emitted_at: emittedAt, estimate: body });
}

/** An ANALYTICS trace: a static event name and an optional string value. */
export function analyticsTraceMessage(type: string, value?: string, emittedAt: number = Date.now()): TraceMessage {
  const analytics = value === undefined ? { type } : { type, value };
  return trace({ type: 'ANALYTICS', emitted_at: emittedAt, analytics });
}
