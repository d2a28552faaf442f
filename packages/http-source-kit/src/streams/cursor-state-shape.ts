import type { CursorStateShape } from './stream-state.js';
import type { StreamDefinition } from './stream-definition.js';

/** The saved-state shape of an incremental stream: its cursor field, state version, and date-time-ness (from its schema). */
export function cursorStateShape<Config>(stream: StreamDefinition<Config>): CursorStateShape | undefined {
  const cursorField = stream.cursorField;
  if (cursorField === undefined) return undefined;
  const properties = stream.jsonSchema.properties as Record<string, { format?: unknown } | undefined> | undefined;
  return { cursorField, stateVersion: stream.stateVersion, dateTime: properties?.[cursorField]?.format === 'date-time' };
}
