import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputFileError } from './input-file-error.js';
import { formatBytes, INPUT_FILE_LIMITS } from './input-file-limits.js';
import { readCatalogFile } from './read-catalog-file.js';
import { readConfigFile } from './read-config-file.js';
import { readStateFile } from './read-state-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mb-input-bytes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(read: () => Promise<unknown>): Promise<InputFileError> {
  const error = await read().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!InputFileError.isInstance(error)) throw new Error(`expected an InputFileError, got ${String(error)}`);
  expect(error.failureType).toBe('config_error');
  return error;
}

const posix = process.platform !== 'win32';

describe('only regular files are read', () => {
  test.runIf(posix)('a FIFO with no writer is refused at once, not waited on', async () => {
    const fifo = join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const error = await failure(() => readConfigFile(fifo));
    expect(Date.now() - started).toBeLessThan(5_000); // a blocking open would never return at all
    expect(error.reason).toBe('not_a_file');
    expect(error.message).toBe(
      `config file "${fifo}": not a regular file: it is a named pipe (FIFO), which could block the connector; give the path of a regular file`,
    );
  });

  test.runIf(existsSync('/dev/zero'))('/dev/zero is refused before a byte is read', async () => {
    const error = await failure(() => readCatalogFile('/dev/zero'));
    expect(error.reason).toBe('not_a_file');
    expect(error.message).toBe(
      'catalog file "/dev/zero": not a regular file: it is a character device; give the path of a regular file',
    );
  });

  test.runIf(posix)('a socket is refused', async () => {
    const path = join(dir, 'state.sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const error = await failure(() => readStateFile(path));
      expect(error.message).toContain('it is a socket');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a symlink to a regular file is followed', async () => {
    const target = join(dir, 'real-config.json');
    await writeFile(target, '{"a":1}');
    const link = join(dir, 'linked-config.json');
    await symlink(target, link);
    await expect(readConfigFile(link)).resolves.toEqual({ a: 1 });
  });

  test.runIf(posix)('a symlink to a FIFO is refused like the FIFO', async () => {
    const fifo = join(dir, 'target.fifo');
    execFileSync('mkfifo', [fifo]);
    const link = join(dir, 'fifo-link.json');
    await symlink(fifo, link);
    const error = await failure(() => readConfigFile(link));
    expect(error.reason).toBe('not_a_file');
  });
});

describe('size limits', () => {
  test('a file over the limit is refused with its size and the limit', async () => {
    const path = join(dir, 'big-config.json');
    await writeFile(path, `{"pad":"${'x'.repeat(3000)}"}`);
    const error = await failure(() => readConfigFile(path, { maxBytes: 2048 }));
    expect(error.reason).toBe('too_large');
    expect(error.message).toBe(
      `config file "${path}": is 2.9 KiB, larger than the 2 KiB limit for config files; check that the path names the right file`,
    );
  });

  test('a file of exactly the limit is read', async () => {
    const path = join(dir, 'exact.json');
    const text = `{"p":"${'y'.repeat(100 - 8)}"}`;
    expect(Buffer.byteLength(text)).toBe(100);
    await writeFile(path, text);
    await expect(readConfigFile(path, { maxBytes: 100 })).resolves.toEqual({ p: 'y'.repeat(92) });
  });

  test.runIf(existsSync('/proc/self/status'))(
    'a file that reports no size (/proc) is still capped while read',
    async () => {
      const error = await failure(() => readConfigFile('/proc/self/status', { maxBytes: 64 }));
      expect(error.reason).toBe('too_large');
      expect(error.message).toContain('is larger than the 64 bytes limit for config files');
    },
  );

  test('a 50 MB catalog is within the default limit and reads', async () => {
    const stream = {
      name: 'big',
      json_schema: { description: 'd'.repeat(50 * 1024 * 1024) },
      supported_sync_modes: ['full_refresh'],
    };
    const path = join(dir, 'big-catalog.json');
    await writeFile(path, JSON.stringify({ streams: [{ stream, sync_mode: 'full_refresh' }] }));
    const catalog = await readCatalogFile(path);
    expect(catalog.streams[0]?.stream.name).toBe('big');
  });

  test('defaults per kind', () => {
    expect(INPUT_FILE_LIMITS).toEqual({
      config: 10 * 1024 * 1024,
      catalog: 256 * 1024 * 1024,
      state: 256 * 1024 * 1024,
    });
  });

  test.each([
    [1023, '1023 bytes'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10 MiB'],
    [610.4 * 1024 * 1024, '610.4 MiB'],
  ])('formatBytes(%d)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

test('a path of a million characters is quoted capped', async () => {
  const path = join(dir, 'p'.repeat(1_000_000));
  const error = await failure(() => readConfigFile(path));
  expect(error.message.length).toBeLessThan(400);
  expect(error.message).toMatch(/…" \(\d+ characters\): /);
});
