import type { Authenticator } from '@mb-airbyte/http-source-kit';
import { Interpolator } from '../interpolation/interpolator.js';
import { InterpolationError } from '../interpolation/macros.js';
import { manifestError } from '../manifest/manifest-error.js';
import { parametersOf, type Component } from './component.js';

export type JsonRecord = Record<string, unknown>;

/** What building one manifest for one config shares. */
export interface BuildContext {
  readonly interpolator: Interpolator;
  readonly config: JsonRecord;
  /** One authenticator per distinct definition, shared by every stream that uses it (one login per run). */
  readonly authenticators: Map<string, Authenticator>;
  /** The clock of now_utc() and of the incremental cursors' default end. */
  readonly now: () => Date;
}

export function createBuildContext(config: JsonRecord, now: () => Date = () => new Date()): BuildContext {
  return { interpolator: new Interpolator({ now }), config, authenticators: new Map(), now };
}

/**
 * Evaluates a component's interpolated field with `config`, its `parameters` and `extra` (stream_slice, response, …).
 * Non-string values are returned as they are. A template that fails is a config_error naming the field's owner.
 */
export function evaluate(
  context: BuildContext,
  component: Component,
  value: unknown,
  extra: JsonRecord = {},
  defaultTemplate?: string,
): unknown {
  if (typeof value !== 'string') return value;
  try {
    return context.interpolator.eval(
      value,
      { config: context.config, parameters: parametersOf(component), ...extra },
      defaultTemplate,
    );
  } catch (error) {
    if (error instanceof InterpolationError) throw manifestError(`${describe(component)}: ${error.message}`);
    throw error;
  }
}

/** A condition (`stop_condition`, `predicate`, `condition`) with the CDK's notion of truth. */
export function evaluateCondition(
  context: BuildContext,
  component: Component,
  condition: unknown,
  extra: JsonRecord,
): boolean {
  if (typeof condition === 'boolean') return condition;
  if (typeof condition !== 'string') return condition !== undefined && condition !== null;
  try {
    return context.interpolator.evalBoolean(condition, {
      config: context.config,
      parameters: parametersOf(component),
      ...extra,
    });
  } catch (error) {
    if (error instanceof InterpolationError) throw manifestError(`${describe(component)}: ${error.message}`);
    throw error;
  }
}

/** The value as text, as Python's str() shows it where a string is expected (a header, a URL). */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function describe(component: Component): string {
  const type = typeof component.type === 'string' ? component.type : 'component';
  const name = parametersOf(component).name;
  return typeof name === 'string' ? `${type} of stream "${name}"` : type;
}
