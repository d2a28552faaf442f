// Public types of the sandbox. Others code against these names: keep them stable.

export type FaultProfile = 'none' | 'flaky' | 'slow' | 'down' | 'truncated';

/**
 * How the instance is laid out. 'realistic': a dozen users per unit of scale, each with a personal collection
 * (most of them empty, some holding collections of their own), shared collections nested under a few team
 * collections, items gathered in a few places. 'even': few users, items spread evenly over many shared collections.
 */
export type SandboxShape = 'realistic' | 'even';

/** The Metabase release whose API the sandbox imitates (see the README's "Versions" table). */
export type MetabaseVersion = '0.46' | '0.47' | '0.48' | '0.49' | '0.50' | '0.51' | '0.52' | 'latest';

/** The application database behind the imitated Metabase: it decides how timestamps look. */
export type AppDatabase = 'postgres' | 'h2' | 'mysql';

export interface SandboxLogin {
  username: string;
  password: string;
}

export interface SandboxOptions {
  /** Same seed => byte-identical data. Default 1. */
  seed?: number;
  /** Size knob. 1 = a small team (tens of cards), 1000 ~ 40,000 cards. Default 1. */
  scale?: number;
  /** Default 'realistic'. */
  shape?: SandboxShape;
  /** Default 'none'. */
  faults?: FaultProfile;
  /** Share of data requests that fail under 'flaky'. Default 0.2. */
  faultRate?: number;
  /** Added latency per request under 'slow', in ms (each request waits 0.5x-1.5x this). Default 25. */
  slowLatencyMs?: number;
  /** Retry-After seconds sent with injected 429s. Default 1. */
  retryAfterSeconds?: number;
  /**
   * Milliseconds a route waits before the first byte of its answer, keyed like `requestsByRoute` ("GET /api/card"), as a
   * very large Metabase takes minutes to start answering GET /api/card. `Infinity`: the route accepts the request and
   * never answers (the connection stays open until the client gives up). Default: none.
   */
  firstByteDelayMs?: Readonly<Record<string, number>>;
  /**
   * Gzip answers for clients that accept it, as Metabase does: a 200 whose body is longer than 200 characters or
   * streamed, sent chunked. Default false (plain bodies keep benchmarks comparable).
   */
  gzip?: boolean;
  /** Default 0 (random free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Session lifetime from creation (Metabase's MAX_SESSION_AGE, which is in minutes). Default 14 days. */
  sessionMaxAgeMs?: number;
  /** A session expires after this many authenticated requests (optional). */
  sessionMaxRequests?: number;
  /** Clock in epoch ms, for throttle and expiry tests. Default Date.now. */
  now?: () => number;
  /**
   * Every request moves the sandbox's clock forward by this many ms, as if each took that long: session age and the
   * login throttle's hour play out in a quick test (e.g. 60_000 with a 15-minute session: it ends 15 requests later).
   */
  clockStepMsPerRequest?: number;
  /** The time each response's Date header shows, in epoch ms (a Metabase host whose clock is off). Default: real time. */
  dateHeaderClock?: () => number;
  /** Extra logins (active, non-admin users); the default users always exist. */
  users?: SandboxLogin[];
  /**
   * The Metabase version to imitate. Unset: 0.50 with the sandbox's long-standing tidy data. Set (0.50 included):
   * that version's shapes, plus what real instances carry: null `parameters`, `parameter_mappings` and `entity_id`
   * on some objects, and users who share a name.
   */
  version?: MetabaseVersion;
  /** How timestamps look. Unset: milliseconds and `Z` (`…T10:11:12.123Z`). */
  appDb?: AppDatabase;
  /** false: an SSO-only instance, where every password login is refused. Default true. */
  passwordLogin?: boolean;
  /** Adds a non-admin login who manages one group (Enterprise): GET /api/user answers it with that group's users. */
  groupManager?: boolean;
  /** Puts `"precision_probe": {numbers no double can hold}` into every JSON object the routes send. */
  precisionProbe?: boolean;
  /**
   * Serves a server certificate that expired (valid 2020-01-01 to 2020-03-01) or one for other host names
   * (metabase.other.example, www.other.example), made at start with openssl and signed by a CA made with it, which
   * `caPem` then is: a client trusting it sees only that one problem. Default: the valid sandbox certificate.
   */
  certificate?: 'valid' | 'expired' | 'other-host';
}

export interface SandboxCredentials {
  /** An admin user (superuser). */
  username: string;
  password: string;
  /** Admin API key (member of Administrators). */
  adminApiKey: string;
  /** Non-admin API key: 403 on admin-only routes. */
  userApiKey: string;
  /** A non-admin user login. */
  userUsername: string;
  userPassword: string;
  /** A deactivated user: login answers "Your account is disabled." */
  deactivatedUsername: string;
  deactivatedPassword: string;
  /** With `groupManager`: a user who manages one group, not an administrator. */
  groupManagerUsername?: string;
  groupManagerPassword?: string;
}

export interface SandboxStats {
  logins: number;
  failedLogins: number;
  logouts: number;
  requests: number;
  /** Keyed by "METHOD /api/route/:param", e.g. "GET /api/dashboard/:id". */
  requestsByRoute: Record<string, number>;
  faultsInjected: number;
  /** The faults injected, by kind: 'initializing-503', 'proxy-502', 'throttled-429', 'reset', 'cut', 'truncate'. */
  faultsByKind: Record<string, number>;
  /** The faults injected, by route, keyed like `requestsByRoute`. */
  faultsByRoute: Record<string, number>;
  /** Sessions that ended because they grew older than the session lifetime, or used up their requests. */
  sessionsExpiredByAge: number;
  sessionsExpiredByRequests: number;
  /** The most requests the server held at once (arrived, response not finished) since the last reset. */
  peakInFlight: number;
  /** Requests answered 401 Unauthenticated (no, unknown, expired or revoked credentials). */
  unauthenticated: number;
}

/** A JSON record as the API serves it. */
export type JsonRecord = Record<string, unknown>;

/**
 * What the API returns, per stream, in the order the default (admin) list routes return it.
 * Every member is a function so that big scales never build everything at once: call
 * `count` methods or iterate `each*` generators when the scale is large.
 */
export interface ExpectedData {
  /** GET /api/card (not archived), ordered like the route. */
  cards(): JsonRecord[];
  cardCount(): number;
  eachCard(): Generator<JsonRecord>;
  /** GET /api/collection (root pseudo-collection first, not archived). */
  collections(): JsonRecord[];
  collectionCount(): number;
  /** GET /api/dashboard/:id for every non-archived dashboard, by id. */
  dashboards(): JsonRecord[];
  dashboardCount(): number;
  dashboard(id: number): JsonRecord | undefined;
  /** Every user, active and deactivated (GET /api/user?status=all order). */
  users(): JsonRecord[];
  databases(): JsonRecord[];
  nativeQuerySnippets(): JsonRecord[];
  tables(): JsonRecord[];
  segments(): JsonRecord[];
  permissionGroups(): JsonRecord[];
  alerts(): JsonRecord[];
  /** GET /api/collection/:id/items?models=dashboard `data` rows. */
  collectionItems(id: number | 'root'): JsonRecord[];
}

export interface SandboxMutations {
  /** Bump updated_at (and the description) of a card. */
  touchCard(id: number, at?: Date): void;
  addDashboard(collectionId: number | 'root', name?: string): { id: number };
  archiveCard(id: number): void;
  /**
   * Edit a dashboard at `at`: its latest revision (`last-edit-info.timestamp`, on detail and collection items rows)
   * and its dashcards' updated_at move there, and so does its `updated_at` unless `cardsOnly` (Metabase writes the
   * dashboard row only when one of its own fields changes; an edit of its cards alone records a revision only).
   */
  touchDashboard(id: number, at?: Date, options?: { cardsOnly?: boolean }): void;
}

export interface Sandbox {
  /** e.g. "https://127.0.0.1:43121/api/" (ends in /api/). */
  url: string;
  /** e.g. "https://127.0.0.1:43121". */
  origin: string;
  /** PEM CA file that verifies the server certificate (127.0.0.1, ::1, localhost). */
  caFile: string;
  caPem: string;
  credentials: SandboxCredentials;
  /** The imitated release, as GET /api/session/properties reports it in `version.tag` (e.g. "v0.50.36"). */
  versionTag: string;
  /** A valid session token, as if the user (default: the admin) had logged in. */
  createSession(username?: string): string;
  expireSession(token: string): void;
  expireAllSessions(): void;
  /** As an admin deleting (or regenerating) the API key: every later request with it gets 401 Unauthenticated. */
  revokeApiKey(key: string): void;
  stats(): SandboxStats;
  resetStats(): void;
  expected: ExpectedData;
  mutate: SandboxMutations;
  setFaults(profile: FaultProfile, rate?: number): void;
  /** Holds a route's answers back before their first byte ("GET /api/card", ms; Infinity: never; undefined: no delay). */
  setFirstByteDelay(route: string, ms: number | undefined): void;
  stop(): Promise<void>;
}
