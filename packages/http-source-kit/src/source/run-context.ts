/**
 * A value one command (spec aside) builds once from the validated config and shares between the source's hooks:
 * `http`, `authenticator`, `streams` and `check` of the same run see the same value, the next run a new one. For
 * example an authenticator whose login `check` reports on, or a lookup several streams share.
 */
export interface RunValue<Config, T> {
  readonly make: (config: Config) => T;
}

/** Declares a per-run value; keep it at module or source level and ask the run for it with `run.get(value)`. */
export function perRun<Config, T>(make: (config: Config) => T): RunValue<Config, T> {
  return { make };
}

/** What the runner creates for each command and passes to the source's hooks. */
export interface RunContext<Config> {
  readonly config: Config;
  /** This run's value of `value`, made from the config on first use. */
  get<T>(value: RunValue<Config, T>): T;
}

export function createRunContext<Config>(config: Config): RunContext<Config> {
  const values = new Map<RunValue<Config, unknown>, unknown>();
  return {
    config,
    get<T>(value: RunValue<Config, T>): T {
      if (!values.has(value)) values.set(value, value.make(config));
      return values.get(value) as T;
    },
  };
}
