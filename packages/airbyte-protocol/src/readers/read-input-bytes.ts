import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { formatBytes } from './input-file-limits.js';
import { InputFileError } from './input-file-error.js';

// O_NONBLOCK: should the path turn into a FIFO between stat and open, opening it still returns at once instead of
// waiting for a writer. It changes nothing for regular files. (Absent on Windows, where FIFOs are not files.)
const OPEN_FLAGS = process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * The bytes of an input file, which must be a regular file (or a symlink to one) of at most `maxBytes`. The file is
 * checked with stat before it is opened, so a FIFO without a writer, a device such as /dev/zero or a directory is
 * refused at once rather than blocking or being read without end; the open file is checked again and read no
 * further than the limit, in case it changed in between (or, like files in /proc, reports no size).
 */
export async function readInputBytes(file: string, what: string, maxBytes: number): Promise<Buffer> {
  const fail = (
    reason: 'missing' | 'unreadable' | 'not_a_file' | 'too_large',
    detail: string,
    cause?: unknown,
  ): never => {
    throw new InputFileError({ file, what, reason, detail, ...(cause === undefined ? {} : { cause }) });
  };
  const check = (stats: Stats): void => {
    if (stats.isDirectory()) fail('unreadable', 'cannot be read: it is a directory');
    if (!stats.isFile())
      fail('not_a_file', `not a regular file: ${notAFileKind(stats)}; give the path of a regular file`);
    if (stats.size > maxBytes)
      fail('too_large', tooLargeDetail(what, `is ${formatBytes(stats.size)}, larger than`, maxBytes));
  };
  let handle: FileHandle | undefined;
  try {
    check(await stat(file));
    handle = await open(file, OPEN_FLAGS);
    const stats = await handle.stat();
    check(stats);
    const bytes = await readAtMost(handle, stats.size, maxBytes);
    return bytes ?? fail('too_large', tooLargeDetail(what, 'is larger than', maxBytes));
  } catch (error) {
    if (InputFileError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return fail('missing', 'file not found', error);
    return fail('unreadable', unreadableDetail(code), error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The file's first `maxBytes` bytes, or undefined when it has more. */
async function readAtMost(handle: FileHandle, sizeHint: number, maxBytes: number): Promise<Buffer | undefined> {
  let buffer = Buffer.allocUnsafe(Math.min(sizeHint, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 64 * 1024), maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return length > maxBytes ? undefined : buffer.subarray(0, length);
}

function notAFileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), which could block the connector';
  if (stats.isCharacterDevice()) return 'it is a character device';
  if (stats.isBlockDevice()) return 'it is a block device';
  if (stats.isSocket()) return 'it is a socket';
  return 'it is neither a file nor a directory';
}

function tooLargeDetail(what: string, size: string, maxBytes: number): string {
  return `${size} the ${formatBytes(maxBytes)} limit for ${what} files; check that the path names the right file`;
}

function unreadableDetail(code: string | undefined): string {
  if (code === 'EISDIR') return 'cannot be read: it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read: permission denied (${code})`;
  return `cannot be read (${code ?? 'unknown error'})`;
}
