// Metabase's login throttle (library metabase/throttle, defaults): failures are kept for an hour per
// key; once a key has `threshold` failures, every attempt - even with the right password - is
// refused before the password is checked, and that refusal counts as another failure.

const ATTEMPT_TTL_MS = 3_600_000;
const INITIAL_DELAY_MS = 15_000;
const DELAY_EXPONENT = 1.5;

export interface LoginThrottle {
  /** The refusal message when the key is locked out, else undefined. The caller records the refusal. */
  check(key: string): string | undefined;
  recordFailure(key: string): void;
}

export function createLoginThrottle(threshold: number, now: () => number): LoginThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - ATTEMPT_TTL_MS;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    failures.set(key, kept);
    return kept;
  };
  const recordFailure = (key: string): void => {
    recent(key).push(now());
  };
  return {
    recordFailure,
    check(key) {
      const attempts = recent(key);
      const over = attempts.length + 1 - threshold;
      if (over <= 0) return undefined;
      const last = attempts[attempts.length - 1] ?? now();
      const waitMs = last + INITIAL_DELAY_MS * over ** DELAY_EXPONENT - now();
      return waitMs > 0
        ? `Too many attempts! You must wait ${Math.round(waitMs / 1000)} seconds before trying again.`
        : 'Too many attempts! Please try again later.';
    },
  };
}
