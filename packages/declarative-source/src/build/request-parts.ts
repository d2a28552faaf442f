/**
 * What each part of a retriever adds to a request (the requester's own options, the paginator, the partition router,
 * the incremental cursor, the authenticator), merged in that order as the CDK does.
 */
import type { Partition } from '@mb-airbyte/http-source-kit';
import { asText } from './build-context.js';

export interface RequestParts {
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  json?: Record<string, unknown>;
  /** Form fields (sent url-encoded) or a raw text body. */
  data?: Record<string, unknown> | string;
  /** A path that replaces the requester's (a RequestPath page token or a next-page URL). */
  path?: string;
}

/** The paginator's state for one page, as request closures receive it. */
export interface PageState {
  /** What templates read as `next_page_token`, e.g. `{ next_page_token: "abc" }`. */
  readonly nextPageToken: Record<string, unknown>;
  readonly parts: RequestParts;
}

/** What partitions and cursors inject, kept beside the partition object they belong to. */
const partitionParts = new WeakMap<Partition, RequestParts>();

export function withRequestParts(partition: Record<string, unknown>, parts: RequestParts): Partition {
  partitionParts.set(partition, parts);
  return partition;
}

export function requestPartsOf(partition: Partition | undefined): RequestParts | undefined {
  return partition === undefined ? undefined : partitionParts.get(partition);
}

export function mergeParts(...all: (RequestParts | undefined)[]): RequestParts {
  const out: RequestParts = {};
  for (const parts of all) {
    if (parts === undefined) continue;
    if (parts.params !== undefined) out.params = { ...out.params, ...parts.params };
    if (parts.headers !== undefined) out.headers = { ...out.headers, ...parts.headers };
    if (parts.json !== undefined) out.json = { ...out.json, ...parts.json };
    if (typeof parts.data === 'string') out.data = parts.data;
    else if (parts.data !== undefined) out.data = { ...(typeof out.data === 'object' ? out.data : {}), ...parts.data };
    if (parts.path !== undefined) out.path = parts.path;
  }
  return out;
}

/** Puts a value where a RequestOption says (`request_parameter`, `header`, `body_json`, `body_data`). */
export function injectInto(injectInto: string, field: string, value: unknown): RequestParts {
  switch (injectInto) {
    case 'header':
      return { headers: { [field]: value } };
    case 'body_json':
      return { json: nested(field.split('.'), value) };
    case 'body_data':
      return { data: { [field]: value } };
    default:
      return { params: { [field]: value } };
  }
}

function nested(path: string[], value: unknown): Record<string, unknown> {
  const [first = '', ...rest] = path;
  return { [first]: rest.length === 0 ? value : nested(rest, value) };
}

/** Appends query parameters the way Python's requests does: lists repeat the key, None is left out. */
export function withQuery(url: string, params: Record<string, unknown> | undefined): string {
  if (params === undefined) return url;
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) parsed.searchParams.append(key, asText(item));
  }
  return parsed.toString();
}
