// Fault profiles, deterministic from the seed and the request (method + path + query) and how many
// times that same request was made. They act on every route, logins and logouts included. Under 'flaky' a request
// never fails more than twice in a row, so any client with a retry budget of three or more attempts always gets through.
import { hashString, pick, unit } from '../prng.js';
import type { FaultProfile } from '../types.js';

/** ok: serve normally. The others are what a client sees instead. */
export type FaultKind = 'ok' | 'initializing-503' | 'proxy-502' | 'throttled-429' | 'reset' | 'cut' | 'truncate';

const FLAKY_KINDS: readonly FaultKind[] = ['initializing-503', 'proxy-502', 'throttled-429', 'reset', 'cut'];
const MAX_FAILURES_IN_A_ROW = 2;
const KIND = 101;

/** A fault, and for a body cut where it falls: a piece of the body and a byte in it, as fractions in [0, 1). */
export interface FaultDecision {
  kind: FaultKind;
  piece: number;
  byte: number;
}

/** 'truncated' stops each body halfway: half its pieces, then half a piece. */
const HALFWAY = 0.5;

export interface FaultInjector {
  profile(): FaultProfile;
  set(profile: FaultProfile, rate?: number): void;
  /** The fault for this attempt at a request. */
  decide(requestKey: string): FaultDecision;
  /** Added latency for the next request (only under 'slow'). */
  latencyMs(): number;
}

export interface FaultOptions {
  seed: number;
  profile: FaultProfile;
  rate: number;
  slowLatencyMs: number;
}

export function createFaultInjector(options: FaultOptions): FaultInjector {
  let profile = options.profile;
  let rate = options.rate;
  const attempts = new Map<number, number>();
  const streaks = new Map<number, number>();
  let slowCounter = 0;
  return {
    profile: () => profile,
    set(next, nextRate) {
      profile = next;
      if (nextRate !== undefined) rate = nextRate;
      attempts.clear();
      streaks.clear();
    },
    decide(requestKey) {
      const decision = (kind: FaultKind, piece = HALFWAY, byte = HALFWAY): FaultDecision => ({ kind, piece, byte });
      if (profile === 'none' || profile === 'slow') return decision('ok');
      const key = hashString(requestKey);
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      if (profile === 'truncated') return decision('truncate');
      if (profile === 'down')
        return decision(unit(options.seed, KIND, key, attempt) < 0.5 ? 'initializing-503' : 'reset');
      const streak = streaks.get(key) ?? 0;
      if (streak >= MAX_FAILURES_IN_A_ROW || unit(options.seed, KIND, key, attempt, 1) >= rate) {
        streaks.set(key, 0);
        return decision('ok');
      }
      streaks.set(key, streak + 1);
      // A flaky cut falls anywhere: any byte of any body can be the last one the client gets.
      return decision(
        pick(FLAKY_KINDS, unit(options.seed, KIND, key, attempt, 2)),
        unit(options.seed, KIND, key, attempt, 3),
        unit(options.seed, KIND + 2, key, attempt),
      );
    },
    latencyMs() {
      if (profile !== 'slow') return 0;
      slowCounter++;
      return Math.round(options.slowLatencyMs * (0.5 + unit(options.seed, KIND + 1, slowCounter)));
    },
  };
}
