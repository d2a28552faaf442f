/** Where the kit writes human-readable diagnostics (never stdout directly). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything; the default when none is given. */
export function silentLogger(): Logger {
  const drop = (): void => undefined;
  return { debug: drop, info: drop, warn: drop, error: drop };
}
