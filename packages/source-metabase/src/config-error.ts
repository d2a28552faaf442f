// A configuration problem the user must fix (failure type `config_error`). Phase 2 can make this extend the kit's
// ConnectorError; until the kit lands it stands alone so config code has no dependency on the HTTP layer.
const marker = Symbol.for('@mb-airbyte/source-metabase/MetabaseConfigError');

export class MetabaseConfigError extends Error {
  readonly [marker] = true;
  readonly failureType = 'config_error' as const;
  /** Safe to show to the user: never contains a secret. */
  readonly userMessage: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetabaseConfigError';
    this.userMessage = message;
  }

  static isInstance(error: unknown): error is MetabaseConfigError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
