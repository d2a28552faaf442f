// startSandbox(): an imitation of Metabase's REST API (0.50 unless another version is chosen) over HTTPS on loopback.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { sandboxCerts } from './certs.js';
import { makeOddCertificate } from './odd-certificate.js';
import { DEFAULT_LOGINS } from './data/users.js';
import { createWorld } from './data/world.js';
import { createExpectedData } from './expected-data.js';
import { collectionRoutes } from './routes/collection-routes.js';
import { cardRoutes } from './routes/card-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { databaseRoutes } from './routes/database-routes.js';
import { miscRoutes } from './routes/misc-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { createFaultInjector } from './server/fault-injector.js';
import { handleRequest, type RequestDeps } from './server/handle-request.js';
import { createLoginThrottle } from './server/login-throttle.js';
import { bodyRewriter, rewriteRoutes } from './server/body-rewrite.js';
import { createRouteTable } from './server/route-table.js';
import { createSessionStore } from './server/session-store.js';
import { copyStats, createStats } from './server/stats.js';
import { createMutations } from './mutations.js';
import type { Sandbox, SandboxOptions } from './types.js';

const FOURTEEN_DAYS_MS = 14 * 24 * 3_600_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const clock = options.now ?? Date.now;
  const step = options.clockStepMsPerRequest ?? 0;
  let stepped = 0;
  const now = (): number => clock() + stepped;
  const world = createWorld(seed, scale, options.users ?? [], options.shape, {
    version: options.version,
    groupManager: options.groupManager,
    passwordLogin: options.passwordLogin,
  });
  const rewrite = bodyRewriter({
    appDb: options.appDb,
    legacyEntityIds: world.realData,
    precisionProbe: options.precisionProbe,
  });
  const routes = createRouteTable(
    rewriteRoutes(
      [
        ...userRoutes(world),
        ...cardRoutes(world),
        ...collectionRoutes(world),
        ...dashboardRoutes(world),
        ...databaseRoutes(world),
        ...miscRoutes(world),
      ],
      rewrite,
    ),
  );
  let stats = createStats();
  const sessions = createSessionStore({
    maxAgeMs: options.sessionMaxAgeMs ?? FOURTEEN_DAYS_MS,
    maxRequests: options.sessionMaxRequests,
    now,
    onExpired: (reason) => {
      if (reason === 'age') stats.sessionsExpiredByAge++;
      else stats.sessionsExpiredByRequests++;
    },
  });
  const faults = createFaultInjector({
    seed,
    profile: options.faults ?? 'none',
    rate: options.faultRate ?? 0.2,
    slowLatencyMs: options.slowLatencyMs ?? 25,
  });
  const revokedApiKeys = new Set<string>();
  const deps: RequestDeps = {
    world,
    routes,
    faults,
    sessions,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    revokedApiKeys,
    tick: () => {
      stepped += step;
    },
    now,
    firstByteDelays: new Map(Object.entries(options.firstByteDelayMs ?? {})),
    gzip: options.gzip === true,
    usernameThrottle: createLoginThrottle(10, now),
    ipThrottle: createLoginThrottle(50, now),
    get stats() {
      return stats;
    },
  };
  const odd =
    options.certificate === undefined || options.certificate === 'valid'
      ? undefined
      : makeOddCertificate(options.certificate);
  const certs = odd ?? sandboxCerts();
  let inFlight = 0;
  const dateHeaderClock = options.dateHeaderClock;
  const server = createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
    if (dateHeaderClock !== undefined) res.setHeader('Date', new Date(dateHeaderClock()).toUTCString());
    inFlight++;
    if (inFlight > stats.peakInFlight) stats.peakInFlight = inFlight;
    // Done when the handler has ended the response (before the client can see its end) or the connection closed.
    let counted = true;
    const done = (): void => {
      if (counted) inFlight--;
      counted = false;
    };
    res.once('close', done);
    handleRequest(deps, world, req, res)
      .catch(() => {
        // A failure after the headers went out can only end the connection.
        if (!res.headersSent)
          res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message":"Something went wrong"}');
        else res.destroy();
      })
      .finally(done);
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}/api/`,
    origin,
    caFile: certs.caFile,
    caPem: certs.caPem,
    versionTag: world.rules.tag,
    credentials: {
      username: DEFAULT_LOGINS.admin.username,
      password: DEFAULT_LOGINS.admin.password,
      adminApiKey: world.apiKeys.admin,
      userApiKey: world.apiKeys.user,
      userUsername: DEFAULT_LOGINS.user.username,
      userPassword: DEFAULT_LOGINS.user.password,
      deactivatedUsername: DEFAULT_LOGINS.deactivated.username,
      deactivatedPassword: DEFAULT_LOGINS.deactivated.password,
      ...(options.groupManager === true
        ? {
            groupManagerUsername: DEFAULT_LOGINS.groupManager.username,
            groupManagerPassword: DEFAULT_LOGINS.groupManager.password,
          }
        : {}),
    },
    createSession(username = DEFAULT_LOGINS.admin.username) {
      const user = world.users.find((u) => u.email.toLowerCase() === username.toLowerCase());
      if (user === undefined) throw new Error(`no sandbox user ${username}`);
      return sessions.create(user.id);
    },
    expireSession: (token) => void sessions.remove(token),
    expireAllSessions: () => {
      sessions.removeAll();
    },
    revokeApiKey: (key) => {
      revokedApiKeys.add(key);
    },
    stats: () => copyStats(stats),
    resetStats: () => {
      stats = createStats();
    },
    expected: createExpectedData(world, routes, rewrite),
    mutate: createMutations(world, now),
    setFaults: (profile, rate) => {
      faults.set(profile, rate);
    },
    setFirstByteDelay: (route, ms) => {
      if (ms === undefined) deps.firstByteDelays.delete(route);
      else deps.firstByteDelays.set(route, ms);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          odd?.remove();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
