import { quoteJson, type StreamDescriptor } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';

/** Saved per-stream states from `--state`, looked up by stream descriptor. */
export interface InputStates {
  get(stream: StreamDescriptor): unknown;
}

type Entry = Record<string, unknown>;

const key = (name: string, namespace: unknown): string =>
  JSON.stringify([typeof namespace === 'string' ? namespace : null, name]);

function invalid(detail: string): ConnectorError {
  return new ConnectorError({
    message: `The saved state is not understood: ${detail}. Reset the connection's streams to start again from scratch.`,
    failureType: 'config_error',
    userInput: true,
  });
}

function isEntry(value: unknown): value is Entry {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads the platform's state input: an array of STATE messages of type STREAM (the normal case), GLOBAL (its
 * per-stream states are used) or LEGACY (a blob keyed by stream name); a bare object is taken as a LEGACY blob.
 */
export function parseInputState(state: unknown): InputStates {
  const states = new Map<string, unknown>();
  const addStreamState = (entry: unknown, where: string): void => {
    const descriptor = isEntry(entry) ? entry.stream_descriptor : undefined;
    if (!isEntry(entry) || !isEntry(descriptor) || typeof descriptor.name !== 'string')
      throw invalid(`${where} has no stream_descriptor.name`);
    states.set(key(descriptor.name, descriptor.namespace), entry.stream_state);
  };
  const addLegacy = (blob: unknown, where: string): void => {
    if (!isEntry(blob)) throw invalid(`${where} is not an object`);
    for (const [name, value] of Object.entries(blob)) states.set(key(name, undefined), value);
  };
  if (state === undefined || state === null) return { get: () => undefined };
  const messages: unknown[] = Array.isArray(state)
    ? state
    : isEntry(state) && typeof state.type === 'string'
      ? [state]
      : [];
  if (!Array.isArray(state) && messages.length === 0) addLegacy(state, 'the state object');
  messages.forEach((message, index) => {
    const where = `entry ${index}`;
    if (!isEntry(message)) throw invalid(`${where} is not an object`);
    const type = message.type ?? (message.data !== undefined ? 'LEGACY' : undefined);
    if (type === 'STREAM') addStreamState(message.stream, where);
    else if (type === 'GLOBAL') {
      const global = message.global;
      if (!isEntry(global) || !Array.isArray(global.stream_states))
        throw invalid(`${where} (GLOBAL) has no stream_states`);
      global.stream_states.forEach((entry: unknown, i) => {
        addStreamState(entry, `${where} (GLOBAL) stream_states[${i}]`);
      });
    } else if (type === 'LEGACY') addLegacy(message.data, `${where} (LEGACY) data`);
    else throw invalid(`${where} has an unknown type ${quoteJson(type)}`);
  });
  return {
    get: (stream) =>
      states.has(key(stream.name, stream.namespace))
        ? states.get(key(stream.name, stream.namespace))
        : states.get(key(stream.name, undefined)),
  };
}
