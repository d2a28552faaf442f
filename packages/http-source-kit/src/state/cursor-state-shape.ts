import type { CursorStateShape } from './stream-state.js';
import type { StreamDefinition } from '../streams/stream-definition.js';

/**
 * The saved-state shape of an incremental stream: its cursor field, state version, and date-time-ness (declared by
 * `cursorFormat`, or by the `format` of the cursor field in its schema).
 */
export function cursorStateShape<Config>(stream: StreamDefinition<Config>): CursorStateShape | undefined {
  const cursorField = stream.cursorField;
  if (cursorField === undefined) return undefined;
  const properties = stream.jsonSchema.properties as Record<string, { format?: unknown } | undefined> | undefined;
  const dateTime = stream.cursorFormat === 'date-time' || properties?.[cursorField]?.format === 'date-time';
  return { cursorField, stateVersion: stream.stateVersion, dateTime };
}
