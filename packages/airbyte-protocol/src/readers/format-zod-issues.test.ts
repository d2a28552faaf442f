import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { AirbyteMessageSchema } from '../schemas/airbyte-message.js';
import { formatJsonPath, formatZodIssues } from './format-zod-issues.js';

describe('formatJsonPath', () => {
  test.each([
    [[], '$'],
    [['streams', 0, 'sync_mode'], '$.streams[0].sync_mode'],
    [['a b', 'x-y', '$ok', '_1'], '$["a b"]["x-y"].$ok._1'],
    [[0, 1], '$[0][1]'],
  ] as [PropertyKey[], string][])('%j', (path, expected) => {
    expect(formatJsonPath(path)).toBe(expected);
  });
});

describe('formatZodIssues', () => {
  const config = z.looseObject({
    api_key: z.string(),
    port: z.number().int().min(1),
    mode: z.enum(['a', 'b']),
    flag: z.literal('yes'),
    tags: z.array(z.string()).min(1),
  });

  test('messages describe the schema side and never echo the input (it may be a secret)', () => {
    const secret = 'sk-very-secret-value';
    const result = config.safeParse({ api_key: 12, port: 1.5, mode: secret, flag: secret, tags: [] });
    const lines = formatZodIssues(result.error?.issues ?? []);
    expect(lines).toEqual([
      '$.api_key: expected string, received number',
      '$.port: expected integer, received number',
      '$.mode: expected one of a|b',
      '$.flag: expected "yes"',
      '$.tags: expected array to have >=1 items',
    ]);
    expect(lines.join('\n')).not.toContain(secret);
  });

  test('missing keys read as required', () => {
    const result = config.safeParse({});
    expect(formatZodIssues(result.error?.issues ?? [])[0]).toBe('$.api_key: is required (expected string)');
  });

  test('an unknown message type lists the allowed types at $.type', () => {
    const result = AirbyteMessageSchema.safeParse({ type: 'RECORDS' });
    expect(formatZodIssues(result.error?.issues ?? [])).toEqual([
      '$.type: expected one of RECORD|STATE|LOG|SPEC|CONNECTION_STATUS|CATALOG|TRACE|CONTROL|DESTINATION_CATALOG',
    ]);
  });

  test('caps the list and says how many were left out', () => {
    const result = z.array(z.string()).safeParse([1, 2, 3, 4]);
    expect(formatZodIssues(result.error?.issues ?? [], 2)).toEqual([
      '$[0]: expected string, received number',
      '$[1]: expected string, received number',
      '…and 2 more',
    ]);
  });
});
