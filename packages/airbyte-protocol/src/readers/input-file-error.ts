import { quoteInput } from '../text/quote-input.js';

const MARKER = Symbol.for('@mb-airbyte/airbyte-protocol.InputFileError');

export type InputFileErrorReason = 'missing' | 'unreadable' | 'not_a_file' | 'too_large' | 'not_json' | 'invalid';

export interface InputFileErrorOptions {
  /** The path as the user gave it. */
  file: string;
  /** What the file is for: "config", "catalog" or "state". */
  what: string;
  reason: InputFileErrorReason;
  /** Why, without the file prefix, e.g. `$.streams[0].sync_mode: expected one of full_refresh|incremental`. */
  detail: string;
  jsonPath?: string;
  cause?: unknown;
}

/**
 * A `--config`, `--catalog` or `--state` file that cannot be used. Always a config error: the user gave it.
 * The message names the file and, for schema problems, the JSON path; it never quotes file contents.
 */
export class InputFileError extends Error {
  private readonly [MARKER] = true;
  override readonly name = 'InputFileError';
  readonly failureType = 'config_error' as const;
  readonly file: string;
  readonly reason: InputFileErrorReason;
  readonly jsonPath?: string;

  constructor(options: InputFileErrorOptions) {
    super(`${options.what} file ${quoteInput(options.file)}: ${options.detail}`, { cause: options.cause });
    this.file = options.file;
    this.reason = options.reason;
    if (options.jsonPath !== undefined) this.jsonPath = options.jsonPath;
  }

  /** Works across copies of this package, unlike `instanceof`. */
  static isInstance(error: unknown): error is InputFileError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}
