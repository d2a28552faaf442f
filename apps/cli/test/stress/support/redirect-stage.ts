import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'vitest';
import { answer } from './front-proxy.js';
import { readRequestBody, sendJson, startLoopbackHttps } from './loopback-https.js';
import { startStage, type Stage } from './stage.js';

/** A request as the redirect target received it. */
export interface SeenAtTarget {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What reached the target, as plain text (not JSON, which would escape a secret's quotes and backslashes again). */
export function asText(seen: readonly SeenAtTarget[]): string {
  return seen
    .map((r) =>
      [r.method, r.url, ...Object.entries(r.headers).map(([name, value]) => `${name}: ${String(value)}`), r.body].join(
        '\n',
      ),
    )
    .join('\n\n');
}

export interface RedirectStageOptions {
  /** Another https origin (localhost instead of 127.0.0.1, another port), or plain http. */
  target: 'other-https-origin' | 'http';
  /** Routes ("METHOD /path") the configured origin answers with a redirect to the same path at the target. */
  redirected: string[];
  status?: 301 | 302 | 303 | 307 | 308;
}

export interface RedirectStage {
  /** The configured origin: the sandbox behind the front, with the redirecting routes. */
  stage: Stage;
  /** Everything that reached the target. */
  seen: SeenAtTarget[];
}

/**
 * A stage whose configured origin redirects some routes to a second server that records what it receives and answers
 * like Metabase would (a user for /api/user/current, a session for a login, an empty list otherwise).
 */
export async function startRedirectStage(
  test: Pick<TestContext, 'onTestFinished'>,
  options: RedirectStageOptions,
): Promise<RedirectStage> {
  const seen: SeenAtTarget[] = [];
  const target = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: await readRequestBody(req) });
    const path = req.url ?? '';
    if (path.startsWith('/api/user/current'))
      sendJson(res, 200, { id: 1, email: 'someone@example.com', is_superuser: true });
    else if (path.startsWith('/api/session')) sendJson(res, 200, { id: 'a0000000-0000-4000-8000-000000000000' });
    else sendJson(res, 200, []);
  };
  const targetOrigin =
    options.target === 'http' ? await startPlainHttp(test, target) : await startHttpsTarget(test, target);
  const redirect = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await answer((r) => {
      r.writeHead(options.status ?? 302, { location: `${targetOrigin}${req.url ?? '/'}` }).end();
    })(req, res);
  };
  const stage = await startStage(test, {
    routes: () => Object.fromEntries(options.redirected.map((route) => [route, redirect])),
  });
  return { stage, seen };
}

async function startHttpsTarget(
  test: Pick<TestContext, 'onTestFinished'>,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<string> {
  const server = await startLoopbackHttps(handler, { host: 'localhost' });
  test.onTestFinished(() => server.close());
  return server.origin;
}

async function startPlainHttp(
  test: Pick<TestContext, 'onTestFinished'>,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<string> {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  test.onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
