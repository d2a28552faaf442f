import { capInput, quoteJson } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';
import { isDateTimeValue } from './compare-cursor-values.js';

/** What full-refresh streams save: a marker, as Airbyte's Python CDK does, so every stream ends with a state. */
export const NO_CURSOR_STATE: Readonly<Record<string, unknown>> = Object.freeze({ __ab_no_cursor_state_message: true });

export type CursorValue = string | number;

/** The key that carries a stream's state format version, when the stream declares one. */
export const STATE_VERSION_KEY = 'state_version';

/** How a stream's saved state looks: its cursor field, the format version (if any) and whether values are date-times. */
export interface CursorStateShape {
  cursorField: string;
  /** Written as `state_version`; a saved state without one counts as version 1. */
  stateVersion?: number | undefined;
  /** The cursor is a date-time: a saved value that is not one is refused. */
  dateTime?: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The saved cursor in a stream's input state. Accepted: nothing, `{}`, the full-refresh marker, or exactly
 * `{ [cursorField]: string | number }` plus, for a versioned stream, `state_version` equal to the stream's (absent
 * counts as 1). Anything else is a config_error naming the stream and the expected shape: guessing could skip
 * records or re-read everything, and a state written by a newer connector version must not be misread.
 */
export function savedCursor(stream: string, shape: CursorStateShape, state: unknown): CursorValue | undefined {
  if (state === undefined || state === null) return undefined;
  const { cursorField } = shape;
  const expectedVersion = shape.stateVersion ?? 1;
  const fail = (found: string): never => {
    throw new ConnectorError({
      message:
        `The saved state of stream "${stream}" is not understood (expected ${expectedShape(shape)}, found ${found}). ` +
        'Reset the stream to start again from scratch, or use the connector version that wrote this state.',
      failureType: 'config_error',
      userInput: true,
    });
  };
  if (!isObject(state)) return fail(Array.isArray(state) ? 'an array' : `a ${typeof state}`);
  const keys = Object.keys(state);
  if (keys.length === 0 || (keys.length === 1 && state.__ab_no_cursor_state_message === true)) return undefined;
  const version = state[STATE_VERSION_KEY] ?? 1;
  if (version !== expectedVersion) return fail(`state_version ${quoteJson(version)}`);
  const unknown = keys.filter((key) => key !== cursorField && key !== STATE_VERSION_KEY);
  const value = state[cursorField];
  if (unknown.length > 0 || value === undefined) return fail(`keys ${capInput(keys.join(', '))}`);
  if (typeof value !== 'string' && typeof value !== 'number') return fail(`${cursorField} ${quoteJson(value)}`);
  if (shape.dateTime === true && !isDateTimeValue(value))
    return fail(`${cursorField} ${quoteJson(value)}, not a date-time`);
  return value;
}

/** The state to save for a cursor value (`{}` before any), with the stream's `state_version` when it has one. */
export function cursorState(shape: CursorStateShape, value: CursorValue | undefined): Record<string, unknown> {
  if (value === undefined) return {};
  return shape.stateVersion === undefined
    ? { [shape.cursorField]: value }
    : { [shape.cursorField]: value, [STATE_VERSION_KEY]: shape.stateVersion };
}

function expectedShape(shape: CursorStateShape): string {
  const value = shape.dateTime === true ? '"<date-time>"' : '<value>';
  const version = shape.stateVersion === undefined ? '' : `, "${STATE_VERSION_KEY}": ${String(shape.stateVersion)}`;
  return `{"${shape.cursorField}": ${value}${version}}`;
}
