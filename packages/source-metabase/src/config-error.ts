import { ConnectorError } from '@mb-airbyte/http-source-kit';

// A configuration problem the user must fix: a ConnectorError with failure type `config_error`, so the kit's runner
// reports it as such wherever it is thrown (config validation, building the HTTP options, choosing the credential),
// without a stack trace: the user's input is at fault, not the code.
const marker = Symbol.for('@mb-airbyte/source-metabase/MetabaseConfigError');

export class MetabaseConfigError extends ConnectorError {
  readonly [marker] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super({
      message,
      failureType: 'config_error',
      userInput: true,
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
    });
    this.name = 'MetabaseConfigError';
  }

  static override isInstance(error: unknown): error is MetabaseConfigError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
