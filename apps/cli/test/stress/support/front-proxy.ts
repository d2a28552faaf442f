import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { startLoopbackHttps, type RequestHandler } from './loopback-https.js';

/** A request as the front saw it arrive from the connector. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Upstream {
  origin: string;
  caPem: string;
}

export interface FrontOptions {
  /** Where requests go unless a route below answers them. */
  upstream: Upstream;
  /** Keyed by "METHOD /path" (no query): a handler that answers instead, or another upstream to forward to. */
  routes?: Record<string, RequestHandler | Upstream>;
}

export interface Front {
  /** The Metabase API URL to put in a config ("https://127.0.0.1:PORT/api/"). */
  url: string;
  origin: string;
  requests: SeenRequest[];
  /** Session ids Metabase issued through this front (from POST /api/session answers): secrets obtained at run time. */
  issuedTokens: string[];
  close(): Promise<void>;
}

/**
 * A recording HTTPS front for the sandbox: it forwards every request unchanged (streaming, with back-pressure), except
 * routes given a handler, and notes each request and each session id handed out. Upstream resets and cut bodies are
 * passed on as resets and cut bodies. The sandbox keeps its issued tokens to itself, so this is how a test learns them.
 */
export async function startFront(options: FrontOptions): Promise<Front> {
  const agents: Agent[] = [];
  const forwardFor = (upstream: Upstream): RequestHandler => {
    const agent = new Agent({ ca: upstream.caPem, keepAlive: true });
    agents.push(agent);
    return forwardTo(upstream, agent, noteToken);
  };
  const requests: SeenRequest[] = [];
  const issuedTokens: string[] = [];
  const noteToken = (token: string): void => {
    issuedTokens.push(token);
  };
  const forward = forwardFor(options.upstream);
  const routes = new Map(
    Object.entries(options.routes ?? {}).map(([key, route]) => [
      key,
      typeof route === 'function' ? route : forwardFor(route),
    ]),
  );
  const server = await startLoopbackHttps((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    requests.push({ method, url, headers: req.headers });
    const route = routes.get(`${method} ${new URL(url, 'https://front.invalid').pathname.replace(/\/+$/, '')}`);
    return (route ?? forward)(req, res);
  });
  return {
    url: `${server.origin}/api/`,
    origin: server.origin,
    requests,
    issuedTokens,
    async close() {
      await server.close();
      for (const agent of agents) agent.destroy();
    },
  };
}

function forwardTo(upstream: Upstream, agent: Agent, onToken: (token: string) => void): RequestHandler {
  return async (req, res) => {
    const target = new URL(req.url ?? '/', upstream.origin);
    const headers = { ...req.headers, host: target.host };
    const out = request(target, { method: req.method ?? 'GET', headers, agent });
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      out.once('response', resolve);
      out.once('error', reject);
    });
    try {
      await pipeline(req, out);
      const upstreamRes = await answer;
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      if (req.method === 'POST' && target.pathname.startsWith('/api/session')) tapToken(upstreamRes, onToken);
      await pipeline(upstreamRes, res);
    } catch {
      // The upstream reset the connection or cut the body: do the same to the connector.
      req.socket.destroy();
    }
  };
}

function tapToken(res: IncomingMessage, onToken: (token: string) => void): void {
  let text = '';
  res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  res.on('end', () => {
    try {
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (typeof id === 'string') onToken(id);
    } catch {
      // not a login answer (an error body)
    }
  });
}

/** Reads the rest of a request so the connection can be reused, then answers with `send`. */
export function answer(send: (res: ServerResponse) => void): RequestHandler {
  return async (req, res) => {
    for await (const _ of req as AsyncIterable<Buffer>) {
      // drain
    }
    send(res);
  };
}
