import { ConnectorError } from '../errors/index.js';

/** What full-refresh streams save: a marker, as Airbyte's Python CDK does, so every stream ends with a state. */
export const NO_CURSOR_STATE: Readonly<Record<string, unknown>> = Object.freeze({ __ab_no_cursor_state_message: true });

export type CursorValue = string | number;

/**
 * The saved cursor in a stream's input state. Accepted: nothing, `{}`, the full-refresh marker, or exactly
 * `{ [cursorField]: string | number }`. Anything else is a config_error: guessing could skip or re-read everything.
 */
export function savedCursor(stream: string, cursorField: string, state: unknown): CursorValue | undefined {
  if (state === undefined || state === null) return undefined;
  if (typeof state === 'object' && !Array.isArray(state)) {
    const entries = Object.entries(state);
    if (entries.length === 0 || (entries.length === 1 && (state as Record<string, unknown>).__ab_no_cursor_state_message === true)) {
      return undefined;
    }
    const value = (state as Record<string, unknown>)[cursorField];
    if (entries.length === 1 && (typeof value === 'string' || typeof value === 'number')) return value;
  }
  const keys = typeof state === 'object' && !Array.isArray(state) ? `keys ${Object.keys(state).join(', ')}` : typeof state;
  throw new ConnectorError({
    message: `The saved state of stream "${stream}" is not understood (expected {"${cursorField}": <value>}, found ${keys}). Reset the stream to start again from scratch.`,
    failureType: 'config_error',
  });
}

export function cursorState(cursorField: string, value: CursorValue | undefined): Record<string, unknown> {
  return value === undefined ? {} : { [cursorField]: value };
}
