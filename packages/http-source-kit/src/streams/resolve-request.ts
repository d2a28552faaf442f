import type { HttpRequest } from '../http/index.js';
import type { PageRequest } from '../pagination/index.js';
import type { PerPartition, RequestContext, StreamDefinition } from './stream-definition.js';

function evaluate<Config, T>(value: PerPartition<Config, T>, context: RequestContext<Config>): T {
  return typeof value === 'function' ? (value as (c: RequestContext<Config>) => T)(context) : value;
}

/** The HTTP request for one page of one partition. A page given as a full path (next URL) replaces path and params. */
export function resolveRequest<Config>(
  stream: StreamDefinition<Config>,
  context: RequestContext<Config>,
  page: PageRequest,
  signal: AbortSignal,
): HttpRequest {
  const spec = stream.request;
  if (spec === undefined) throw new TypeError(`stream "${stream.name}" has no request`);
  const request: HttpRequest = {
    method: spec.method ?? 'GET',
    path: page.path ?? evaluate(spec.path, context),
    params: page.path !== undefined ? page.params : { ...(spec.params === undefined ? {} : evaluate(spec.params, context)), ...page.params },
    signal,
  };
  if (spec.headers !== undefined) request.headers = evaluate(spec.headers, context);
  if (spec.body !== undefined) request.body = evaluate(spec.body, context);
  if (stream.errorTable !== undefined) request.errorTable = stream.errorTable;
  return request;
}
