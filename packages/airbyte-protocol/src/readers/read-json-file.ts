import { readFile } from 'node:fs/promises';
import { describeJsonSyntaxError } from './locate-json-syntax-error.js';
import { InputFileError } from './input-file-error.js';

export interface ReadJsonFileOptions {
  /** Returned for a file holding only whitespace; without it such a file is a 'not_json' error. */
  emptyValue?: unknown;
}

/** Reads and parses a JSON file; errors are `InputFileError`s ('missing', 'unreadable' or 'not_json'). */
export async function readJsonFile(file: string, what: string, options: ReadJsonFileOptions = {}): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') throw new InputFileError({ file, what, reason: 'missing', detail: 'file not found', cause });
    throw new InputFileError({ file, what, reason: 'unreadable', detail: unreadableDetail(code), cause });
  }
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

function unreadableDetail(code: string | undefined): string {
  if (code === 'EISDIR') return 'cannot be read: it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read: permission denied (${code})`;
  return `cannot be read (${code ?? 'unknown error'})`;
}
