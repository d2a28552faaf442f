import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('parses the four Airbyte commands with their files', () => {
    expect(parseCliArgs(['spec'])).toEqual({ kind: 'spec', debug: false });
    expect(parseCliArgs(['check', '--config', 'c.json'])).toEqual({ kind: 'check', config: 'c.json', debug: false });
    expect(parseCliArgs(['discover', '--config=c.json', '--write-catalog', 'out.json'])).toEqual({
      kind: 'discover',
      config: 'c.json',
      writeCatalog: 'out.json',
      debug: false,
    });
    expect(
      parseCliArgs([
        'read',
        '--config',
        '/data/config.json',
        '--catalog',
        '/data/catalog.json',
        '--state',
        '/data/state.json',
        '--debug',
      ]),
    ).toEqual({
      kind: 'read',
      config: '/data/config.json',
      catalog: '/data/catalog.json',
      state: '/data/state.json',
      debug: true,
    });
  });

  it('lets read go without a catalog (every stream, for a person at a terminal)', () => {
    expect(parseCliArgs(['read', '--config', 'c.json'])).toEqual({ kind: 'read', config: 'c.json', debug: false });
  });

  it('answers help and version in their usual spellings', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['help', 'read'])).toEqual({ kind: 'help', command: 'read' });
    expect(parseCliArgs(['check', '-h'])).toEqual({ kind: 'help', command: 'check' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['-V'])).toEqual({ kind: 'version' });
  });

  it('turns every mistake into a usage error that names it', () => {
    expect(parseCliArgs(['sync'])).toEqual({ kind: 'usage_error', message: 'unknown command "sync"' });
    expect(parseCliArgs(['--verbose'])).toEqual({ kind: 'usage_error', message: 'unknown option "--verbose"' });
    expect(parseCliArgs(['check'])).toEqual({
      kind: 'usage_error',
      command: 'check',
      message: 'check needs --config FILE',
    });
    expect(parseCliArgs(['read', '--catalog', 'c.json'])).toMatchObject({
      kind: 'usage_error',
      message: 'read needs --config FILE',
    });
    expect(parseCliArgs(['check', '--config'])).toEqual({
      kind: 'usage_error',
      command: 'check',
      message: 'option --config needs a value',
    });
    expect(parseCliArgs(['spec', '--config', 'x'])).toEqual({
      kind: 'usage_error',
      command: 'spec',
      message: "unknown option '--config'",
    });
    expect(parseCliArgs(['check', '--config', 'c.json', 'extra'])).toMatchObject({
      kind: 'usage_error',
      message: "unexpected argument 'extra'",
    });
  });
});
