import { randomBytes } from 'node:crypto';
import type { JsonRecord } from '@mb-airbyte/metabase-sandbox';
import { answer } from './front-proxy.js';
import type { RequestHandler } from './loopback-https.js';

/** Answers 200 with this body and content type, whatever was asked. */
export function answerWith(body: string, contentType = 'application/json'): RequestHandler {
  return answer((res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

/** A web page that is not Metabase (a company intranet, a login portal): 200 text/html on every route. */
export const htmlPage =
  '<!doctype html>\n<html><head><title>Welcome to Example Corp</title></head><body><h1>Intranet</h1><p>Nothing to see.</p></body></html>\n';

/**
 * A card whose native query is about `bytes` long: varied text with everything JSON must escape (quotes, backslashes,
 * newlines, tabs, control characters) and multi-byte UTF-8 (2, 3 and 4 bytes), so a split or re-encoded line shows.
 */
export function hugeCard(template: JsonRecord, bytes: number): JsonRecord {
  const pieces = [
    'SELECT "col" FROM t WHERE a = \'x\\y\';\n',
    '\tcafé €uro 𝄞 日本語\u0001\u001f',
    randomBytes(48).toString('base64'),
    ' -- "quoted" \\ back\r\n',
  ];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = `${pieces[i % pieces.length] ?? ''}${i}`;
    parts.push(piece);
    size += Buffer.byteLength(JSON.stringify(piece)) - 2;
  }
  return {
    ...template,
    id: 987_654,
    name: 'The huge one',
    query_type: 'native',
    dataset_query: { type: 'native', database: 1, native: { query: parts.join('') } },
  };
}
