import { describeJsonSyntaxError } from './locate-json-syntax-error.js';
import { InputFileError } from './input-file-error.js';
import { inputFileLimit } from './input-file-limits.js';
import { readInputBytes } from './read-input-bytes.js';

export interface ReadJsonFileOptions {
  /** Returned for a file holding only whitespace; without it such a file is a 'not_json' error. */
  emptyValue?: unknown;
  /** Largest file accepted, in bytes (default: the limit for `what` in `INPUT_FILE_LIMITS`). */
  maxBytes?: number;
}

/**
 * Reads and parses a JSON file, which must be a regular file within the size limit; errors are `InputFileError`s
 * ('missing', 'unreadable', 'not_a_file', 'too_large' or 'not_json').
 */
export async function readJsonFile(file: string, what: string, options: ReadJsonFileOptions = {}): Promise<unknown> {
  let text = (await readInputBytes(file, what, options.maxBytes ?? inputFileLimit(what))).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    if ('emptyValue' in options) return options.emptyValue;
    throw new InputFileError({ file, what, reason: 'not_json', detail: 'not valid JSON: the file is empty' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const detail = `not valid JSON: ${describeJsonSyntaxError(text)}`;
    throw new InputFileError({ file, what, reason: 'not_json', detail, cause });
  }
}
