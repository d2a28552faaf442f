import { expect, test } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

test('parses every flag', () => {
  expect(
    parseCliArgs([
      '--seed',
      '3',
      '--scale',
      '1000',
      '--faults',
      'flaky',
      '--port',
      '8443',
      '--host',
      '::1',
      '--fault-rate',
      '0.5',
      '--shape',
      'even',
    ]),
  ).toEqual({ seed: 3, scale: 1000, faults: 'flaky', port: 8443, host: '::1', faultRate: 0.5, shape: 'even' });
  expect(parseCliArgs(['--max-session-age', '15', '--session-max-requests', '40', '--clock-step-ms', '60000'])).toEqual(
    { sessionMaxAgeMs: 900_000, sessionMaxRequests: 40, clockStepMsPerRequest: 60_000 },
  );
  expect(
    parseCliArgs(['--version', '0.47', '--app-db', 'mysql', '--sso-only', '--group-manager', '--precision-probe']),
  ).toEqual({ version: '0.47', appDb: 'mysql', passwordLogin: false, groupManager: true, precisionProbe: true });
  expect(parseCliArgs([])).toEqual({});
  expect(parseCliArgs(['--', '--scale', '5'])).toEqual({ scale: 5 });
});

test('rejects unknown flags, bad profiles, bad numbers and missing values', () => {
  expect(() => parseCliArgs(['--nope', '1'])).toThrow(/unknown option --nope/);
  expect(() => parseCliArgs(['--faults', 'chaos'])).toThrow(/--faults must be one of/);
  expect(() => parseCliArgs(['--shape', 'flat'])).toThrow(/--shape must be one of realistic, even/);
  expect(() => parseCliArgs(['--scale', 'big'])).toThrow(/--scale needs a number/);
  expect(() => parseCliArgs(['--seed'])).toThrow(/missing value/);
  expect(() => parseCliArgs(['--version', '0.45'])).toThrow(
    /--version must be one of 0.46, 0.47, 0.48, 0.49, 0.50, 0.51, 0.52, latest/,
  );
  expect(() => parseCliArgs(['--app-db', 'sqlite'])).toThrow(/--app-db must be one of postgres, h2, mysql/);
});

test('--gzip and --first-byte-delay (repeatable, never = no answer at all)', () => {
  expect(
    parseCliArgs([
      '--gzip',
      '--first-byte-delay',
      'GET /api/card=90000',
      '--first-byte-delay',
      'GET /api/user/current=never',
    ]),
  ).toEqual({
    gzip: true,
    firstByteDelayMs: { 'GET /api/card': 90000, 'GET /api/user/current': Infinity },
  });
  expect(() => parseCliArgs(['--first-byte-delay', 'card=5'])).toThrow(/METHOD \/api\/route=MS/);
});
