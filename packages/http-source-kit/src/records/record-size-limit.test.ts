import { describe, expect, it } from 'vitest';
import { JsonBodyError } from './json-body-error.js';
import { DEFAULT_MAX_RECORD_BYTES } from './record-scanner.js';
import { recordSelector } from './record-selector.js';

const LIMIT = 1000;

/** Feeds `body` in pieces of `size` bytes; returns the records, or the error thrown and how many bytes had been fed. */
function feed(path: string, body: string, size: number, expect?: 'array' | 'object') {
  const scanner = recordSelector(expect === undefined ? path : { path, expect }, { maxRecordBytes: LIMIT }).open();
  const bytes = Buffer.from(body);
  const records: string[] = [];
  let fed = 0;
  try {
    for (; fed < bytes.length; fed += size) records.push(...scanner.write(bytes.subarray(fed, fed + size)));
    scanner.end();
    return { records };
  } catch (error) {
    if (!(error instanceof JsonBodyError)) throw error;
    return { error, fed: Math.min(fed + size, bytes.length) };
  }
}

const string = (n: number) => 'x'.repeat(n);

describe('the limit on one record', () => {
  it('is 24 MiB unless set', () => {
    expect(DEFAULT_MAX_RECORD_BYTES).toBe(24 * 1024 * 1024);
  });

  it.for([1, 7, 64, 100_000])(
    'a record of exactly the limit passes, one byte more fails (pieces of %i bytes)',
    (size) => {
      const exact = `{"a":"${string(LIMIT - 8)}"}`;
      expect(Buffer.byteLength(exact)).toBe(LIMIT);
      expect(feed('', `[1,${exact},2]`, size).records).toEqual(['1', exact, '2']);
      const over = feed('', `[1,{"a":"${string(LIMIT - 7)}"},2]`, size);
      expect(over.error?.problem).toBe('too-large');
      expect(over.error?.message).toBe('record 2 (from byte 3) is larger than the limit of 1000 bytes on one record');
    },
  );

  it.for<[string, string, string, RegExp]>([
    ['a string in a record', '', `[{"id":1,"s":"${string(50_000)}"}]`, /^record 1 /],
    ['a number in a record', '', `[{"id":1,"n":1${'7'.repeat(50_000)}}]`, /^record 1 /],
    ['a wide object', '', `[{${Array.from({ length: 5000 }, (_, i) => `"f${i}":${i}`).join(',')}}]`, /^record 1 /],
    ['a long array in a record', '', `[{"v":[${Array.from({ length: 20_000 }, () => '1').join(',')}]}]`, /^record 1 /],
    ['a bare string record', '', `["${string(50_000)}"]`, /^record 1 /],
    ['the single object of an object body', 'detail', `{"detail":{"id":1,"s":"${string(50_000)}"}}`, /^record 1 /],
    ['a value beside the records', 'data', `{"data":[],"note":"${string(50_000)}"}`, /^a value beside the records /],
    ['a key on the way to the records', 'data', `{"${string(50_000)}":1,"data":[]}`, /^a key /],
    ['a value of the wrong shape', 'data', `{"data":"${string(50_000)}"}`, /^a value /],
  ])('%s fails as soon as it passes the limit, before the rest is read', ([, path, body, what]) => {
    const result = feed(path, body, 256);
    expect(result.error?.problem).toBe('too-large');
    expect(result.error?.message).toMatch(what);
    expect(result.error?.message).toMatch(/is larger than the limit of 1000 bytes on one record$/);
    expect(result.fed).toBeLessThanOrEqual(LIMIT + 2 * 256 + 100); // caught within a piece of the limit, not at the end
  });

  it('bounds nothing else: many records each under the limit, and large records where the limit allows', () => {
    const record = `{"s":"${string(900)}"}`;
    expect(feed('', `[${Array.from({ length: 200 }, () => record).join(',')}]`, 4096).records).toHaveLength(200);
    const big = `{"s":"${string(3_000_000)}"}`;
    expect(
      recordSelector('')
        .open({ maxRecordBytes: 4_000_000 })
        .write(Buffer.from(`[${big}]`)),
    ).toEqual([big]);
    expect(() =>
      recordSelector('')
        .open({ maxRecordBytes: 2_000_000 })
        .write(Buffer.from(`[${big}]`)),
    ).toThrow(/limit of 1\.9 MiB/);
  });
});
