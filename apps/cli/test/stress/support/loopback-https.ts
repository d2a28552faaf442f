import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sandboxCerts, type CertPair } from '@mb-airbyte/metabase-sandbox';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** e.g. "https://127.0.0.1:40123" (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/**
 * A tiny HTTPS server on loopback with the sandbox's server certificate (valid for 127.0.0.1, ::1 and localhost), so
 * the sandbox CA in a config's ca_certificate trusts it (unless `certs` says otherwise). `host: 'localhost'` gives a
 * second origin for redirect tests.
 */
export async function startLoopbackHttps(
  handler: RequestHandler,
  options: { host?: '127.0.0.1' | 'localhost'; certs?: CertPair } = {},
): Promise<LoopbackServer> {
  const { cert, key } = options.certs ?? sandboxCerts();
  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert, key }, (req, res) => {
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host === 'localhost' ? '127.0.0.1' : host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Sends a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads a small request body (for login payloads). */
export async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
