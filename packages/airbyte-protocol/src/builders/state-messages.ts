import type { AirbyteMessageOf } from '../schemas/airbyte-message.js';
import type { AirbyteStreamState } from '../schemas/state-message.js';
import type { StreamDescriptor } from '../schemas/stream-descriptor.js';

/**
 * A per-stream STATE with `sourceStats.recordCount`: the number of RECORDs emitted for this stream since its
 * previous STATE (the platform checks it). A null state omits `stream_state`, as the YAML types it as an object.
 */
export function streamStateMessage(
  stream: StreamDescriptor,
  state: Record<string, unknown> | null,
  recordCount: number,
): AirbyteMessageOf<'STATE'> {
  const streamState: AirbyteStreamState =
    state === null ? { stream_descriptor: stream } : { stream_descriptor: stream, stream_state: state };
  return { type: 'STATE', state: { type: 'STREAM', stream: streamState, sourceStats: { recordCount } } };
}

/** A GLOBAL STATE: one shared blob plus per-stream states (for sources whose cursor spans streams). */
export function globalStateMessage(
  sharedState: Record<string, unknown> | null,
  streamStates: AirbyteStreamState[],
  recordCount: number,
): AirbyteMessageOf<'STATE'> {
  const global =
    sharedState === null ? { stream_states: streamStates } : { shared_state: sharedState, stream_states: streamStates };
  return { type: 'STATE', state: { type: 'GLOBAL', global, sourceStats: { recordCount } } };
}
