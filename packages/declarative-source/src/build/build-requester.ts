/** An HttpRequester: URL (url_base + path, as the CDK joins them), method, request options and authenticator. */
import type { HttpMethod } from '@mb-airbyte/http-source-kit';
import { manifestError } from '../manifest/manifest-error.js';
import { buildAuthenticator } from './build-authenticator.js';
import { asText, evaluate, type BuildContext, type JsonRecord } from './build-context.js';
import { buildErrorHandler } from './build-error-handler.js';
import type { BuiltRequester, RequestState } from './built-requester.js';
import { childComponent, isComponent, type Component } from './component.js';
import { mergeParts, requestPartsOf, withQuery, type RequestParts } from './request-parts.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** The template context of a request: the slice (partition and interval) and the paginator's token. */
export function requestTemplateContext(state: RequestState): JsonRecord {
  return { stream_slice: state.partition ?? {}, next_page_token: state.page?.nextPageToken ?? {} };
}

/** url_base (or url) evaluated with the config alone. */
export function requesterBaseUrl(context: BuildContext, requester: Component): string {
  return asText(evaluate(context, requester, requester.url_base ?? requester.url ?? ''));
}

export function buildRequester(context: BuildContext, requester: Component): BuiltRequester {
  const method = asText(requester.http_method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw manifestError(`HttpRequester: http_method ${method} is not supported.`);
  const baseTemplate = requester.url_base ?? requester.url ?? '';
  const baseUrl = (): string => requesterBaseUrl(context, requester);
  const auth = buildAuthenticator(context, childComponent(requester, 'authenticator'), baseUrl(), buildRequester);
  const options = childComponent(requester, 'request_options_provider') ?? requester;
  const mapping = (field: string, extra: JsonRecord): Record<string, unknown> | string | undefined => {
    const value = options[field];
    if (typeof value === 'string') {
      const evaluated = evaluate(context, requester, value, extra);
      return isComponent(evaluated) || typeof evaluated === 'string' ? evaluated : undefined;
    }
    if (!isComponent(value)) return undefined;
    return evaluateNested(context, requester, value, extra) as Record<string, unknown>;
  };
  return {
    method: method as HttpMethod,
    authenticator: auth.authenticator,
    errors: buildErrorHandler(context, childComponent(requester, 'error_handler')),
    baseUrl,
    resolve(state) {
      const extra = requestTemplateContext(state);
      const own: RequestParts = {};
      const params = mapping('request_parameters', extra);
      if (typeof params === 'object') own.params = params;
      const headers = mapping('request_headers', extra);
      if (typeof headers === 'object') own.headers = headers;
      const json = mapping('request_body_json', extra);
      if (typeof json === 'object') own.json = json;
      const data = mapping('request_body_data', extra);
      if (data !== undefined) own.data = data;
      const parts = mergeParts(own, state.page?.parts, requestPartsOf(state.partition), auth.parts);
      const path = parts.path ?? asText(evaluate(context, requester, requester.path ?? '', extra));
      const url = withQuery(joinUrl(asText(evaluate(context, requester, baseTemplate, extra)), path), parts.params);
      const outHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(parts.headers ?? {}))
        if (value !== null && value !== undefined) outHeaders[name] = asText(value);
      return { url, headers: outHeaders, body: bodyOf(parts) };
    },
  };
}

/** The CDK's join: a path that is a full URL wins, a leading slash is dropped, the base gets a trailing slash. */
export function joinUrl(base: string, path: string): string {
  const relative = path.replace(/^\/+/, '');
  if (relative === '') return base;
  try {
    return new URL(relative, base.endsWith('/') ? base : `${base}/`).toString();
  } catch {
    throw manifestError(
      `The URL "${base}" + "${path}" is not a valid URL: check url_base in the manifest and the config.`,
    );
  }
}

function bodyOf(parts: RequestParts): unknown {
  if (parts.json !== undefined && Object.keys(parts.json).length > 0) return parts.json;
  if (typeof parts.data === 'string') return parts.data === '' ? undefined : parts.data;
  if (parts.data !== undefined && Object.keys(parts.data).length > 0) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(parts.data))
      if (value !== null && value !== undefined) form.append(key, asText(value));
    return form;
  }
  return undefined;
}

/** Interpolates every key and string value of a mapping, nested objects and lists included; None values are dropped. */
export function evaluateNested(
  context: BuildContext,
  component: Component,
  value: unknown,
  extra: JsonRecord,
): unknown {
  if (Array.isArray(value)) return value.map((item) => evaluateNested(context, component, item, extra));
  if (isComponent(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const evaluated = evaluateNested(context, component, item, extra);
      if (evaluated !== null && evaluated !== undefined)
        out[asText(evaluate(context, component, key, extra))] = evaluated;
    }
    return out;
  }
  return evaluate(context, component, value, extra);
}
