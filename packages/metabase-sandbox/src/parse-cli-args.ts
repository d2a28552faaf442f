// argv -> SandboxOptions for `node dist/bin.js [--seed N] [--scale N] [--shape S] [--faults P] [--port N] [--host H]
// [--max-session-age MINUTES] [--session-max-requests N] [--clock-step-ms N]`.
import { SHAPE_NAMES } from './data/shape.js';
import type { FaultProfile, SandboxOptions, SandboxShape } from './types.js';

const PROFILES: readonly FaultProfile[] = ['none', 'flaky', 'slow', 'down', 'truncated'];

export function parseCliArgs(argv: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    // `pnpm sandbox -- --scale 5` passes the `--` through.
    if (flag === '--') continue;
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${String(flag)}`);
    i++;
    const num = Number(value);
    switch (flag) {
      case '--seed': options.seed = num; break;
      case '--scale': options.scale = num; break;
      case '--port': options.port = num; break;
      case '--host': options.host = value; break;
      case '--fault-rate': options.faultRate = num; break;
      // Minutes, as Metabase's MAX_SESSION_AGE.
      case '--max-session-age': options.sessionMaxAgeMs = num * 60_000; break;
      case '--session-max-requests': options.sessionMaxRequests = num; break;
      case '--clock-step-ms': options.clockStepMsPerRequest = num; break;
      case '--shape':
        if (!SHAPE_NAMES.includes(value as SandboxShape)) throw new Error(`--shape must be one of ${SHAPE_NAMES.join(', ')}`);
        options.shape = value as SandboxShape;
        break;
      case '--faults':
        if (!PROFILES.includes(value as FaultProfile)) throw new Error(`--faults must be one of ${PROFILES.join(', ')}`);
        options.faults = value as FaultProfile;
        break;
      default: throw new Error(`unknown option ${String(flag)}`);
    }
    if (flag !== '--host' && flag !== '--faults' && flag !== '--shape' && !Number.isFinite(num)) throw new Error(`${flag} needs a number`);
  }
  return options;
}
