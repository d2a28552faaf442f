// Test helper: one HTTPS request with node:https, trusting a CA (the sandbox's by default).
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../src/index.js';

export interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  ca?: string;
  /** Override the base URL (e.g. to use localhost). */
  base?: string;
}

/** Resolves with the response, or rejects with the transport error (reset, cut body, TLS). */
export function call(
  sandbox: Pick<Sandbox, 'url' | 'caPem'>,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const url = new URL(path, options.base ?? sandbox.url);
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers, ca: options.ca ?? sandbox.caPem, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
        });
        res.on('error', reject);
        res.on('aborted', () => {
          reject(new Error('aborted'));
        });
        res.on('end', () => {
          if (!res.complete) {
            reject(new Error('incomplete body'));
            return;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Logs in and returns the session id. */
export async function login(
  sandbox: Sandbox,
  username = sandbox.credentials.username,
  password = sandbox.credentials.password,
): Promise<string> {
  const res = await call(sandbox, 'session', { method: 'POST', json: { username, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { id: string }).id;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed JSON.parse for test readability
export function asJson<T = unknown>(res: CallResult): T {
  return JSON.parse(res.body) as T;
}
