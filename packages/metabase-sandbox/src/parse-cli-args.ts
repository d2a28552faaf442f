// argv -> SandboxOptions for `node dist/bin.js [--seed N] [--scale N] [--shape S] [--faults P] [--port N] [--host H]
// [--max-session-age MINUTES] [--session-max-requests N] [--clock-step-ms N] [--version V] [--app-db D] [--sso-only]
// [--group-manager] [--precision-probe] [--gzip] [--first-byte-delay "GET /api/card=MS|never"]...`.
import { SHAPE_NAMES } from './data/shape.js';
import { APP_DATABASES, METABASE_VERSIONS } from './data/versions.js';
import type { SandboxOptions } from './types.js';

const PROFILES = ['none', 'flaky', 'slow', 'down', 'truncated'] as const;

/** Flags that take no value. */
const SWITCHES: Record<string, (options: SandboxOptions) => void> = {
  '--sso-only': (options) => {
    options.passwordLogin = false;
  },
  '--group-manager': (options) => {
    options.groupManager = true;
  },
  '--precision-probe': (options) => {
    options.precisionProbe = true;
  },
  '--gzip': (options) => {
    options.gzip = true;
  },
};

/** "GET /api/card=90000" (or "=never") added to the options' first-byte delays. */
function addFirstByteDelay(options: SandboxOptions, value: string): void {
  const match = /^([A-Z]+ \/\S*)=(\d+|never)$/.exec(value.trim());
  if (match === null) throw new Error('--first-byte-delay takes "METHOD /api/route=MS" or "METHOD /api/route=never"');
  const [, route = '', ms = ''] = match;
  options.firstByteDelayMs = { ...options.firstByteDelayMs, [route]: ms === 'never' ? Infinity : Number(ms) };
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function parseCliArgs(argv: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    // `pnpm sandbox -- --scale 5` passes the `--` through.
    if (flag === '--') continue;
    const toggle = SWITCHES[flag];
    if (toggle !== undefined) {
      toggle(options);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${flag}`);
    i++;
    const num = Number(value);
    const numeric = (): number => {
      if (!Number.isFinite(num)) throw new Error(`${flag} needs a number`);
      return num;
    };
    switch (flag) {
      case '--seed':
        options.seed = numeric();
        break;
      case '--scale':
        options.scale = numeric();
        break;
      case '--port':
        options.port = numeric();
        break;
      case '--host':
        options.host = value;
        break;
      case '--fault-rate':
        options.faultRate = numeric();
        break;
      // Minutes, as Metabase's MAX_SESSION_AGE.
      case '--max-session-age':
        options.sessionMaxAgeMs = numeric() * 60_000;
        break;
      case '--session-max-requests':
        options.sessionMaxRequests = numeric();
        break;
      case '--clock-step-ms':
        options.clockStepMsPerRequest = numeric();
        break;
      case '--shape':
        options.shape = choice(flag, value, SHAPE_NAMES);
        break;
      case '--faults':
        options.faults = choice(flag, value, PROFILES);
        break;
      case '--version':
        options.version = choice(flag, value, METABASE_VERSIONS);
        break;
      case '--app-db':
        options.appDb = choice(flag, value, APP_DATABASES);
        break;
      case '--first-byte-delay':
        addFirstByteDelay(options, value);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}
