import type { HttpRequest } from '../http/index.js';
import type { PageRequest } from '../pagination/index.js';
import type { PerPartition, RequestContext, StreamDefinition } from '../streams/stream-definition.js';

function evaluate<Config, T>(value: PerPartition<Config, T>, context: RequestContext<Config>): T {
  return typeof value === 'function' ? (value as (c: RequestContext<Config>) => T)(context) : value;
}

/**
 * The HTTP request for one page of one partition. A page given as a full path (next URL) replaces path and params;
 * a page's headers and body are merged over the stream's.
 */
export function resolveRequest<Config>(
  stream: StreamDefinition<Config>,
  partitionContext: RequestContext<Config>,
  page: PageRequest,
  signal: AbortSignal,
): HttpRequest {
  const spec = stream.request;
  if (spec === undefined) throw new TypeError(`stream "${stream.name}" has no request`);
  const context = page.token === undefined ? partitionContext : { ...partitionContext, page: page.token };
  const request: HttpRequest = {
    method: spec.method ?? 'GET',
    path: page.path ?? evaluate(spec.path, context),
    params:
      page.path !== undefined
        ? page.params
        : { ...(spec.params === undefined ? {} : evaluate(spec.params, context)), ...page.params },
    signal,
  };
  if (spec.headers !== undefined || page.headers !== undefined) {
    request.headers = { ...(spec.headers === undefined ? {} : evaluate(spec.headers, context)), ...page.headers };
  }
  const body = spec.body === undefined ? undefined : evaluate(spec.body, context);
  if (page.body !== undefined)
    request.body = { ...(typeof body === 'object' && body !== null ? body : {}), ...page.body };
  else if (body !== undefined) request.body = body;
  if (stream.errorTable !== undefined) request.errorTable = stream.errorTable;
  if (spec.authenticator !== undefined) request.authenticator = spec.authenticator;
  if (spec.classify !== undefined) request.classify = spec.classify;
  if (spec.retry !== undefined) request.retry = spec.retry;
  return request;
}
