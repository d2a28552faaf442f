import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputFileError } from './input-file-error.js';
import { readCatalogFile } from './read-catalog-file.js';
import { readConfigFile } from './read-config-file.js';
import { readJsonFile } from './read-json-file.js';
import { readStateFile } from './read-state-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mb-readers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Runs `read` and returns the InputFileError it must throw. */
async function failure(read: () => Promise<unknown>): Promise<InputFileError> {
  const error = await read().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!InputFileError.isInstance(error)) throw new Error(`expected an InputFileError, got ${String(error)}`);
  expect(error.message).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  expect(error.failureType).toBe('config_error');
  return error;
}

/**
 * Root reads any file whatever its mode, and CI runs as root: there, `action` runs with the effective uid of
 * `nobody` (the saved uid stays root, so it is restored after). Test files run in forked processes, one at a time.
 */
async function withoutRootPrivileges<T>(action: () => Promise<T>): Promise<T> {
  if (process.geteuid?.() !== 0 || process.seteuid === undefined) return action();
  await chmod(dir, 0o755); // nobody must reach the file to be refused by its own mode
  process.seteuid(65534);
  try {
    return await action();
  } finally {
    process.seteuid(0);
  }
}

const stream = { name: 'users', json_schema: {}, supported_sync_modes: ['full_refresh'] };

describe('readJsonFile failures name the file and the kind', () => {
  test('missing', async () => {
    const path = join(dir, 'nope.json');
    const error = await failure(() => readConfigFile(path));
    expect(error.reason).toBe('missing');
    expect(error.file).toBe(path);
    expect(error.message).toBe(`config file "${path}": file not found`);
  });

  test('unreadable (a directory)', async () => {
    const error = await failure(() => readCatalogFile(dir));
    expect(error.reason).toBe('unreadable');
    expect(error.message).toBe(`catalog file "${dir}": cannot be read: it is a directory`);
  });

  test('unreadable (no permission)', async () => {
    const path = await file('locked.json', '{}');
    await chmod(path, 0o000);
    const error = await withoutRootPrivileges(() => failure(() => readConfigFile(path)));
    expect(error.reason).toBe('unreadable');
    expect(error.message).toContain('permission denied');
  });

  test('not JSON: gives line and column and never quotes the content', async () => {
    const path = await file('bad.json', '{\n  "password": "hunter2-secret",\n  "url": oops\n}');
    const error = await failure(() => readConfigFile(path));
    expect(error.reason).toBe('not_json');
    expect(error.message).toMatch(
      new RegExp(`^config file "${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": not valid JSON: `),
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('oops');
    expect(error.message).toMatch(/line 3, column \d+/);
  });

  test('not JSON: truncated input', async () => {
    const path = await file('trunc.json', '{"a": [1, 2');
    const error = await failure(() => readJsonFile(path, 'catalog'));
    expect(error.reason).toBe('not_json');
    expect(error.message).toContain('not valid JSON');
  });

  test('not JSON: an empty config file', async () => {
    const path = await file('empty.json', '  \n');
    const error = await failure(() => readConfigFile(path));
    expect(error.message).toBe(`config file "${path}": not valid JSON: the file is empty`);
  });

  test('a UTF-8 byte order mark is tolerated', async () => {
    const path = await file('bom.json', '\uFEFF{"a":1}');
    await expect(readConfigFile(path)).resolves.toEqual({ a: 1 });
  });
});

describe('readConfigFile', () => {
  test('a JSON object is returned as is', async () => {
    const path = await file('config.json', '{"instance_api_url":"https://x","extra":{"n":1}}');
    await expect(readConfigFile(path)).resolves.toEqual({ instance_api_url: 'https://x', extra: { n: 1 } });
  });

  test('an array is invalid at $', async () => {
    const path = await file('config-array.json', '[1]');
    const error = await failure(() => readConfigFile(path));
    expect(error.reason).toBe('invalid');
    expect(error.jsonPath).toBe('$');
    expect(error.message).toBe(`config file "${path}": $: expected a JSON object, received array`);
  });
});

describe('readCatalogFile', () => {
  test('a valid catalog parses, with destination_sync_mode defaulted', async () => {
    const path = await file('catalog.json', JSON.stringify({ streams: [{ stream, sync_mode: 'full_refresh' }] }));
    const catalog = await readCatalogFile(path);
    expect(catalog.streams[0]).toMatchObject({ sync_mode: 'full_refresh', destination_sync_mode: 'append' });
  });

  test('an upper-case sync mode names the JSON path and the allowed values', async () => {
    const path = await file('cat.json', JSON.stringify({ streams: [{ stream, sync_mode: 'FULL_REFRESH' }] }));
    const error = await failure(() => readCatalogFile(path));
    expect(error.reason).toBe('invalid');
    expect(error.jsonPath).toBe('$.streams[0].sync_mode');
    expect(error.message).toBe(
      `catalog file "${path}": $.streams[0].sync_mode: expected one of full_refresh|incremental`,
    );
  });

  test('a missing field deeper down', async () => {
    const path = await file(
      'cat2.json',
      JSON.stringify({
        streams: [
          { stream, sync_mode: 'full_refresh' },
          { stream: { name: 'x' }, sync_mode: 'incremental' },
        ],
      }),
    );
    const error = await failure(() => readCatalogFile(path));
    expect(error.jsonPath).toBe('$.streams[1].stream.json_schema');
    expect(error.message).toContain('$.streams[1].stream.json_schema: is required (expected object)');
    expect(error.message).toContain('$.streams[1].stream.supported_sync_modes: is required (expected array)');
  });

  test('no streams at all', async () => {
    const path = await file('cat3.json', '{}');
    const error = await failure(() => readCatalogFile(path));
    expect(error.message).toBe(`catalog file "${path}": $.streams: is required (expected array)`);
  });
});

describe('readStateFile', () => {
  const streamState = { type: 'STREAM', stream: { stream_descriptor: { name: 'users' }, stream_state: { cursor: 5 } } };

  test('the platform array of STATE messages', async () => {
    const path = await file(
      'state.json',
      JSON.stringify([streamState, { type: 'GLOBAL', global: { stream_states: [] } }]),
    );
    await expect(readStateFile(path)).resolves.toEqual([
      streamState,
      { type: 'GLOBAL', global: { stream_states: [] } },
    ]);
  });

  test('a bare object is a LEGACY blob', async () => {
    const path = await file('legacy.json', '{"users":{"cursor":5}}');
    await expect(readStateFile(path)).resolves.toEqual([{ type: 'LEGACY', data: { users: { cursor: 5 } } }]);
  });

  test.each([
    ['empty file', ''],
    ['empty array', '[]'],
    ['null', 'null'],
    ['empty object', '{}'],
  ])('%s means no state', async (_name, content) => {
    const path = await file(`none-${_name.replace(/ /g, '-')}.json`, content);
    await expect(readStateFile(path)).resolves.toEqual([]);
  });

  test('a STREAM state without its stream names the path', async () => {
    const path = await file('state-bad.json', JSON.stringify([streamState, { type: 'STREAM', data: {} }]));
    const error = await failure(() => readStateFile(path));
    expect(error.jsonPath).toBe('$[1].stream');
    expect(error.message).toBe(`state file "${path}": $[1].stream: is required when type is STREAM`);
  });

  test('a wrong state type names the allowed values', async () => {
    const path = await file('state-type.json', JSON.stringify([{ type: 'PER_STREAM', stream: streamState.stream }]));
    const error = await failure(() => readStateFile(path));
    expect(error.message).toBe(`state file "${path}": $[0].type: expected one of GLOBAL|STREAM|LEGACY`);
  });

  test('a number is invalid at $', async () => {
    const path = await file('state-number.json', '42');
    const error = await failure(() => readStateFile(path));
    expect(error.jsonPath).toBe('$');
    expect(error.message).toContain('$: expected an array of state messages or a JSON object, received number');
  });
});

test('InputFileError.isInstance recognises only its own errors', () => {
  const error = new InputFileError({ file: 'f', what: 'config', reason: 'missing', detail: 'file not found' });
  expect(InputFileError.isInstance(error)).toBe(true);
  expect(InputFileError.isInstance(new Error('x'))).toBe(false);
  expect(InputFileError.isInstance(null)).toBe(false);
  expect(error.name).toBe('InputFileError');
});
