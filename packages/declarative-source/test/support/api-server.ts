// A small HTTPS API on 127.0.0.1 for the conformance tests (the sandbox's test certificates), recording every request.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxCerts } from '@mb-airbyte/metabase-sandbox';
import { readSource, type ReadSourceOptions, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { sourceFromManifest } from '../../src/index.js';

export interface SeenRequest {
  method: string;
  /** Path and query, e.g. "/items?page=2". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ApiServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export const certs = sandboxCerts();

/** Answers each request with what `handler` returns (JSON unless the body is already a string). */
export async function startApi(handler: (request: SeenRequest) => Reply | Promise<Reply>): Promise<ApiServer> {
  const requests: SeenRequest[] = [];
  const server = https.createServer(
    { key: certs.key, cert: certs.cert },
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'https://localhost');
        const seen: SeenRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(seen);
        void Promise.resolve(handler(seen)).then((reply) => {
          const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
          res.end(body);
        });
      });
    },
  );
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** A one-stream manifest around a retriever (and stream-level extras). */
export function manifestWith(
  retriever: Record<string, unknown>,
  stream: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version: '6.0.0',
    type: 'DeclarativeSource',
    check: { type: 'CheckStream', stream_names: ['items'] },
    streams: [
      {
        type: 'DeclarativeStream',
        name: 'items',
        primary_key: 'id',
        schema_loader: {
          type: 'InlineSchemaLoader',
          schema: { type: 'object', properties: { id: {}, updated_at: {} } },
        },
        retriever: {
          type: 'SimpleRetriever',
          record_selector: { type: 'RecordSelector', extractor: { type: 'DpathExtractor', field_path: ['data'] } },
          ...retriever,
        },
        ...stream,
      },
    ],
    ...extra,
  };
}

export const requester = (url: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'HttpRequester',
  url_base: url,
  path: '/items',
  http_method: 'GET',
  ...extra,
});

/** Reads a manifest against the test API with fast retries. */
export function readManifest(
  manifest: Record<string, unknown>,
  options: Partial<ReadSourceOptions> & { now?: () => Date } = {},
): Promise<SourceOutput> {
  const { now, ...rest } = options;
  const source = sourceFromManifest(manifest, 'test manifest', {
    caCertPem: certs.caPem,
    ...(now === undefined ? {} : { now }),
  });
  return readSource(source, { config: {}, ...rest });
}

export const ids = (output: SourceOutput): unknown[] => output.records.map((r) => r.data.id);
