import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfiguredAirbyteCatalogSchema, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { main } from '../src/index.js';
import { memoryIo, MemoryStream, type MemoryIo } from '../src/testing/memory-io.js';
import { toyOptions, type ToyHooks } from './support/toy-source.js';

// The whole CLI in-process: argv and stdio injected, a toy source produced by code (no network).
const secret = 'tok-3b9f-secret';
let dir = '';
const file = (name: string) => join(dir, name);
const run = (argv: string[], io: MemoryIo, hooks: ToyHooks = {}) => main(argv, io, toyOptions(hooks));
const types = (messages: AirbyteMessage[]) =>
  messages.map((m) => (m.type === 'TRACE' ? `TRACE:${m.trace.type}` : m.type));
const errors = (messages: AirbyteMessage[]) =>
  messages.flatMap((m) => (m.type === 'TRACE' && m.trace.type === 'ERROR' ? [m.trace.error] : []));
const records = (messages: AirbyteMessage[]) =>
  messages.flatMap((m) => (m.type === 'RECORD' ? [`${m.record.stream}:${JSON.stringify(m.record.data)}`] : []));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'connector-cli-main-'));
  await writeFile(file('config.json'), JSON.stringify({ token: secret, count: 3 }));
  await writeFile(file('failing.json'), JSON.stringify({ token: secret, fail: 'letters' }));
  await writeFile(file('broken.json'), `{"token": "${secret}", `);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('main', () => {
  it('spec writes exactly one SPEC line and nothing else', async () => {
    const io = memoryIo();
    expect(await run(['spec'], io)).toBe(0);
    expect(types(io.messages())).toEqual(['SPEC']);
    expect(io.stderr.text).toBe('');
  });

  it('help and version are text for people; usage errors go to stderr with exit 2', async () => {
    const help = memoryIo();
    expect(await run(['--help'], help)).toBe(0);
    expect(help.stdout.text).toMatch(/^Usage: source-toy <command>/);
    expect(help.stdout.text).toContain('test the configuration against the toy API');
    const version = memoryIo();
    expect(await run(['--version'], version)).toBe(0);
    expect(version.stdout.text).toBe('1.2.3\n');
    const wrong = memoryIo();
    expect(await run(['read', '--state', 's.json'], wrong)).toBe(2);
    expect(wrong.stdout.text).toBe('');
    expect(wrong.stderr.text).toContain('source-toy: read needs --config FILE');
  });

  it("takes the connector's own arguments first; a problem with them is a usage error in the connector's name", async () => {
    const seen: (readonly string[])[] = [];
    const withFlag = (argv: string[], io: MemoryIo) =>
      main(argv, io, {
        ...toyOptions(),
        extraOptions: ['--flavour NAME  the toy flavour'],
        takeArguments: (args) => {
          seen.push(args);
          const at = args.indexOf('--flavour');
          if (at === -1) return { rest: args };
          const value = args[at + 1];
          return value === undefined
            ? { rest: [], problem: 'option --flavour needs a name' }
            : { rest: args.filter((_, i) => i !== at && i !== at + 1) };
        },
      });
    const spec = memoryIo();
    expect(await withFlag(['--flavour', 'lemon', 'spec'], spec)).toBe(0);
    expect(types(spec.messages())).toEqual(['SPEC']);
    expect(seen).toEqual([['--flavour', 'lemon', 'spec']]);
    const help = memoryIo();
    expect(await withFlag(['--help'], help)).toBe(0);
    expect(help.stdout.text).toContain('  --flavour NAME  the toy flavour\n');
    const wrong = memoryIo();
    expect(await withFlag(['spec', '--flavour'], wrong)).toBe(2);
    expect(wrong.stdout.text).toBe('');
    expect(wrong.stderr.text).toBe('source-toy: option --flavour needs a name\n');
  });

  it('discover --write-catalog to a folder that does not exist says so on stderr in the command name, exit 1', async () => {
    const io = memoryIo();
    expect(
      await run(['discover', '--config', file('config.json'), '--write-catalog', file('no-such-dir/catalog.json')], io),
    ).toBe(1);
    expect(io.stderr.text).toMatch(/^source-toy: could not write the catalog to \S+no-such-dir\/catalog\.json: ENOENT/);
  });

  it('check with a config file that is not JSON reports FAILED (exit 0) without quoting the file', async () => {
    const io = memoryIo();
    expect(await run(['check', '--config', file('broken.json')], io)).toBe(0);
    const [status] = io.messages();
    expect(status?.type === 'CONNECTION_STATUS' && status.connectionStatus.status).toBe('FAILED');
    expect(io.stdout.text).toContain('broken.json');
    expect(io.stdout.text).not.toContain(secret);
  });

  it('discover --write-catalog writes a full-refresh configured catalog of every stream', async () => {
    const io = memoryIo();
    expect(await run(['discover', '--config', file('config.json'), '--write-catalog', file('catalog.json')], io)).toBe(
      0,
    );
    expect(types(io.messages())).toEqual(['CATALOG']);
    const catalog = ConfiguredAirbyteCatalogSchema.parse(JSON.parse(await readFile(file('catalog.json'), 'utf8')));
    expect(catalog.streams.map((s) => [s.stream.name, s.sync_mode, s.destination_sync_mode])).toEqual([
      ['numbers', 'full_refresh', 'overwrite'],
      ['letters', 'full_refresh', 'overwrite'],
    ]);
    expect(catalog.streams[0]?.primary_key).toEqual([['n']]);
  });

  it('read without --catalog reads every stream; with the written catalog it reads the same', async () => {
    const all = memoryIo();
    expect(await run(['read', '--config', file('config.json')], all)).toBe(0);
    expect(records(all.messages())).toEqual([
      'numbers:{"n":1}',
      'numbers:{"n":2}',
      'numbers:{"n":3}',
      'letters:{"letter":"a"}',
      'letters:{"letter":"b"}',
    ]);
    expect(types(all.messages())).not.toContain('CATALOG');
    const configured = memoryIo();
    expect(await run(['read', '--config', file('config.json'), '--catalog', file('catalog.json')], configured)).toBe(0);
    expect(records(configured.messages())).toEqual(records(all.messages()));
  });

  it('at a terminal, read shows progress and a summary on stderr; stdout is the same as without one', async () => {
    const tty = memoryIo({ tty: true });
    const plain = memoryIo();
    expect(await run(['read', '--config', file('config.json')], tty)).toBe(0);
    expect(await run(['read', '--config', file('config.json')], plain)).toBe(0);
    expect(types(tty.messages())).toEqual(types(plain.messages()));
    expect(records(tty.messages())).toEqual(records(plain.messages()));
    expect(plain.stderr.text).toBe('');
    expect(tty.stderr.text).toMatch(/done numbers: 3 records, /);
    expect(tty.stderr.text).toMatch(/done letters: 2 records, /);
    expect(tty.stderr.text).toContain('\r\x1b[2K.... numbers: '); // the live line, redrawn in place
    expect(tty.stderr.text).toMatch(/total \(2 streams\)\s+5\s/);
  });

  it('a failing stream: INCOMPLETE, a masked error trace, the other stream still read, exit 1', async () => {
    const io = memoryIo({ tty: true });
    expect(await run(['read', '--config', file('failing.json')], io)).toBe(1);
    const messages = io.messages();
    expect(records(messages)).toContain('numbers:{"n":3}');
    expect(errors(messages).length).toBeGreaterThan(0);
    expect(io.stdout.text).not.toContain(secret);
    expect(io.stderr.text).toMatch(/FAIL letters: 1 records/);
  });

  it('an error that escapes every await becomes one masked system_error trace', async () => {
    const io = memoryIo();
    const code = await run(['read', '--config', file('config.json')], io, {
      onLetters: async () => {
        await io.fatal()?.(new Error(`socket exploded, token ${secret}`));
      },
    });
    expect(code).toBe(0); // main itself finished; the bin exits 1 after the handler resolves
    const [fatal] = errors(io.messages()).filter((e) => e.internal_message?.includes('socket exploded'));
    expect(fatal).toMatchObject({
      failure_type: 'system_error',
      internal_message: 'Error: socket exploded, token ****',
    });
    expect(io.stdout.text).not.toContain(secret);
    expect(io.fatal()).toBeUndefined(); // unsubscribed at the end
  });

  it('the fatal trace masks the secrets the run learned too (derived from the config, obtained at run time)', async () => {
    const io = memoryIo();
    await run(['read', '--config', file('config.json')], io, {
      onLetters: async () => {
        await io.fatal()?.(new Error(`socket exploded holding derived-${secret}`));
      },
    });
    const [fatal] = errors(io.messages()).filter((e) => e.internal_message?.includes('socket exploded'));
    expect(fatal?.internal_message).toBe('Error: socket exploded holding ****');
    expect(io.stdout.text).not.toContain(secret);
  });

  it('a source that cannot even load: one system_error trace, exit 1, no stack trace outside the trace', async () => {
    const io = memoryIo();
    const code = await main(['discover', '--config', file('config.json')], io, {
      ...toyOptions(),
      loadSource: () => Promise.reject(new Error('module not found')),
    });
    expect(code).toBe(1);
    expect(types(io.messages())).toEqual(['TRACE:ERROR']);
    expect(errors(io.messages())[0]).toMatchObject({
      failure_type: 'system_error',
      internal_message: 'Error: module not found',
    });
  });

  it('a closed stdout (EPIPE) ends with exit 1 and a note on stderr, not a crash', async () => {
    const io = memoryIo();
    const broken = new MemoryStream();
    broken._write = (_chunk, _encoding, done) => {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    };
    broken.on('error', () => undefined);
    expect(await run(['spec'], { ...io, stdout: broken })).toBe(1);
    expect(io.stderr.text).toContain('EPIPE');
  });
});
