// A small REST API on loopback HTTPS for the runner's tests: users (offset pages with a total), projects (a bare
// array), tasks per project (cursor pages). Faults are switched on per test through `faults`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startTestServer, type TestServer } from './https-test-server.js';

export const TOY_TOKEN = 'tok-Secret/42+=';

export interface ToyUser {
  id: number;
  name: string;
}
export interface ToyProject {
  id: number;
  name: string;
  updated_at: string;
}
export interface ToyTask {
  id: string;
  title: string;
  updated_at: string;
}

export const toyUsers: ToyUser[] = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: `user ${i + 1} ✓` }));
export const toyProjects: ToyProject[] = Array.from({ length: 5 }, (_, i) => ({
  id: 100 + i,
  name: `project ${i}`,
  updated_at: `2024-01-0${i + 1}T00:00:00Z`,
}));
export const toyTasks = (projectId: number): ToyTask[] =>
  Array.from({ length: 7 }, (_, i) => ({
    id: `${projectId}-${i}`,
    title: `task ${i} of ${projectId}`,
    updated_at: `2024-02-${String(10 + i).padStart(2, '0')}T00:00:00Z`,
  }));

export interface ToyFaults {
  /** Status returned by a route, e.g. `{ users: 500 }`. */
  status?: Partial<Record<'users' | 'projects' | 'tasks', number>>;
  /** Cut the connection of this many of the first responses of a route, after about half the body. */
  cut?: Partial<Record<'users' | 'projects' | 'tasks', number>>;
  /** Delay (ms) before answering tasks of a project. */
  taskDelay?: (projectId: number) => number;
  /** The cursor returned by tasks pages: a function of the page index (to make it loop). */
  taskCursor?: (page: number) => string | null;
}

export interface ToyApi {
  server: TestServer;
  baseUrl: string;
  faults: ToyFaults;
  /** Task requests in flight, and the most seen at once. */
  inFlight: { now: number; max: number };
  /** Requests answered per route (any status). */
  requests: Record<'users' | 'projects' | 'tasks', number>;
  close(): Promise<void>;
}

function cutAfterHalf(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

export async function startToyApi(faults: ToyFaults = {}): Promise<ToyApi> {
  const cuts = { users: 0, projects: 0, tasks: 0 };
  const inFlight = { now: 0, max: 0 };
  const requests = { users: 0, projects: 0, tasks: 0 };
  const answer = (route: 'users' | 'projects' | 'tasks', res: ServerResponse, value: unknown): void => {
    requests[route]++;
    const status = faults.status?.[route];
    if (status !== undefined) {
      sendJson(res, status, { message: `forced ${status}` });
    } else if ((faults.cut?.[route] ?? 0) > cuts[route]) {
      cuts[route]++;
      cutAfterHalf(res, value);
    } else {
      sendJson(res, 200, value);
    }
  };
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://toy.invalid');
    if (req.headers.authorization !== `Bearer ${TOY_TOKEN}`) {
      sendJson(res, 401, { message: 'bad token' });
      return;
    }
    if (url.pathname === '/api/users') {
      const limit = Number(url.searchParams.get('limit'));
      const offset = Number(url.searchParams.get('offset'));
      answer('users', res, { total: toyUsers.length, data: toyUsers.slice(offset, offset + limit) });
      return;
    }
    if (url.pathname === '/api/projects') {
      answer('projects', res, toyProjects);
      return;
    }
    const match = /^\/api\/projects\/(\d+)\/tasks$/.exec(url.pathname);
    if (match !== null) {
      const projectId = Number(match[1]);
      const page = Number(url.searchParams.get('cursor') ?? '0');
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      await new Promise((resolve) => setTimeout(resolve, faults.taskDelay?.(projectId) ?? 0));
      inFlight.now--;
      const items = toyTasks(projectId).slice(page * 3, page * 3 + 3);
      const next = faults.taskCursor ? faults.taskCursor(page) : page * 3 + 3 < 7 ? String(page + 1) : null;
      answer('tasks', res, { items, next });
      return;
    }
    sendJson(res, 404, { message: 'no such route' });
  };
  const server = await startTestServer('trusted', handler);
  return { server, baseUrl: `${server.url}/api/`, faults, inFlight, requests, close: () => server.close() };
}
