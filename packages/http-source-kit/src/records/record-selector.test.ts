import { describe, expect, it } from 'vitest';
import { JsonBodyError } from './json-body-error.js';
import { recordSelector } from './record-selector.js';
import { randomJson, seededRandom, splitRandomly } from '../../test/support/random-json.js';

/** Feeds `body` in the given pieces and collects records (as text) and the envelope. */
function scan(path: string | string[], pieces: Buffer[]) {
  const scanner = recordSelector(path).open();
  const records: string[] = [];
  for (const piece of pieces) records.push(...scanner.write(piece));
  scanner.end();
  return { records, envelope: scanner.envelope, found: scanner.found };
}

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof JsonBodyError) return error.problem;
    throw error;
  }
}

describe('recordSelector', () => {
  it('matches JSON.parse on random documents split at random chunk boundaries', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 400; round++) {
      const elements = Array.from({ length: Math.floor(random() * 12) }, () => randomJson(random, 4));
      const pretty = random() < 0.5;
      const body = JSON.stringify(
        { total: elements.length, data: elements, meta: { next: 'x' } },
        null,
        pretty ? 2 : undefined,
      );
      const bytes = Buffer.from(body, 'utf8');
      const { records, envelope, found } = scan('data', splitRandomly(bytes, random));
      expect(found).toBe('array');
      expect(records.map((r) => JSON.parse(r) as unknown)).toEqual(elements);
      for (const record of records) expect(record).not.toMatch(/[\r\n]/);
      if (!pretty) expect(records).toEqual(elements.map((e) => JSON.stringify(e)));
      expect(envelope).toEqual({ total: elements.length, meta: { next: 'x' } });
    }
  });

  it('agrees with JSON.parse on whether a corrupted document is valid', () => {
    const random = seededRandom(7);
    const alphabet = '{}[]",:\\ 0123456789-+.eEtrufalsn\n';
    let invalid = 0;
    for (let round = 0; round < 3000; round++) {
      const body = JSON.stringify(Array.from({ length: 3 }, () => randomJson(random, 3)));
      const at = Math.floor(random() * body.length);
      const mutated = body.slice(0, at) + alphabet.charAt(Math.floor(random() * alphabet.length)) + body.slice(at + 1);
      let valid = true;
      try {
        JSON.parse(mutated);
      } catch {
        valid = false;
      }
      const problem = problemOf(() => scan('', splitRandomly(Buffer.from(mutated), random)));
      if (valid) expect([undefined, 'shape']).toContain(problem);
      else expect(['invalid', 'truncated']).toContain(problem);
      if (!valid) invalid++;
    }
    expect(invalid).toBeGreaterThan(1000);
  });

  it('reports every strict prefix of a body as truncated (retryable), and an empty body as empty', () => {
    const body = Buffer.from(JSON.stringify({ data: [{ a: 'é😀', b: [1, 2.5e-3, null, true] }], total: 1 }));
    for (let end = 1; end < body.length; end++) {
      expect(problemOf(() => scan('data', [body.subarray(0, end)]))).toBe('truncated');
    }
    expect(problemOf(() => scan('data', [Buffer.alloc(0)]))).toBe('empty');
  });

  it('keeps multi-byte characters split across chunks intact', () => {
    const value = { name: 'Zoë 😀 漢字', note: 'tab\tquote" backslash\\ \u2028 \u0001' };
    const bytes = Buffer.from(JSON.stringify([value, value]));
    const oneByteChunks = Array.from(bytes, (b) => Buffer.from([b]));
    const { records } = scan('', oneByteChunks);
    expect(records).toEqual([JSON.stringify(value), JSON.stringify(value)]);
  });

  it('reads nested paths, whole-body objects, empty arrays and null', () => {
    const nested = Buffer.from('{"result":{"items":[{"id":1},{"id":2}],"next":"t2"},"ok":true}');
    expect(scan(['result', 'items'], [nested])).toMatchObject({
      records: ['{"id":1}', '{"id":2}'],
      envelope: { result: { next: 't2' }, ok: true },
    });
    expect(scan('result.items', [nested]).records).toHaveLength(2);
    expect(scan('', [Buffer.from(' {"id": 7,\r\n "x": [1]} ')])).toMatchObject({
      records: ['{"id": 7,   "x": [1]}'],
      found: 'object',
    });
    expect(scan('data', [Buffer.from('{"data": [ ], "total": 0}')])).toMatchObject({
      records: [],
      envelope: { total: 0 },
    });
    expect(scan('data', [Buffer.from('{"data": null}')])).toMatchObject({ records: [], found: 'null' });
    expect(scan('', [Buffer.from('\uFEFF[1, "two", [3]]')]).records).toEqual(['1', '"two"', '[3]']);
  });

  it('reads records nested hundreds of levels deep, up to the depth limit and no deeper', () => {
    const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    // The top-level array is depth 1, so each record of `[<record>]` sits one level deeper than its own nesting.
    expect(scan('', [Buffer.from(`[${nested(511)}]`)]).records).toEqual([nested(511)]);
    expect(
      scan('', splitRandomly(Buffer.from(`[${nested(300)},{"a":${nested(40)}}]`), seededRandom(5))).records,
    ).toEqual([nested(300), `{"a":${nested(40)}}`]);
    const tooDeep = problemOf(() => scan('', [Buffer.from(`[${nested(512)}]`)]));
    expect(tooDeep).toBe('invalid');
    expect(() => scan('', [Buffer.from(`[${nested(512)}]`)])).toThrow(/nested too deeply/);
  });

  it('leaves large values beside the path out of the envelope', () => {
    const big = 'x'.repeat(100_000);
    const body = Buffer.from(JSON.stringify({ big, data: [], total: 3 }));
    const { envelope } = scan('data', splitRandomly(body, seededRandom(3)));
    expect(envelope).toEqual({ total: 3 });
  });

  it('explains a body of the wrong shape', () => {
    const message = (path: string, body: string): string => {
      try {
        scan(path, [Buffer.from(body)]);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message('data', '{"items":[],"total":0}')).toBe(
      'the response has no value at $.data (top-level keys: items, total)',
    );
    expect(message('data', '[1,2]')).toBe('expected an object at $ on the way to $.data, found an array');
    expect(message('data', '{"data":"nope"}')).toBe('expected an array or an object at $.data, found a string');
    expect(message('data', '{"data":[],"data":[]}')).toBe('the key at $.data appears twice');
    expect(message('', '<html>oops</html>')).toMatch(/^invalid JSON at byte 0: an unexpected character/);
    expect(message('', '[1] x')).toMatch(/^invalid JSON at byte 4: data after the end/);
  });

  it('holds a body to the declared shape, and names the start of a body of the wrong shape', () => {
    const failure = (
      records: Parameters<typeof recordSelector>[0],
      body: string,
      pieces = 1,
    ): JsonBodyError | undefined => {
      const bytes = Buffer.from(body);
      const size = Math.ceil(bytes.length / pieces);
      try {
        const scanner = recordSelector(records).open();
        for (let at = 0; at < bytes.length; at += size) scanner.write(bytes.subarray(at, at + size));
        scanner.end();
        return undefined;
      } catch (error) {
        if (error instanceof JsonBodyError) return error;
        throw error;
      }
    };
    const errorObject = '{\n  "message": "Too many open connections"\n}';
    expect(failure({ path: '', expect: 'array' }, errorObject)).toMatchObject({
      problem: 'shape',
      message: 'expected an array at $, found an object',
      bodyStart: '{ "message": "Too many open connections" }',
    });
    expect(failure({ path: '', expect: 'array' }, errorObject, errorObject.length)?.bodyStart).toBe(
      '{ "message": "Too many open connections" }',
    );
    expect(failure({ path: 'data', expect: 'array' }, `{"data": ${errorObject}}`)?.message).toBe(
      'expected an array at $.data, found an object',
    );
    expect(failure({ path: 'data', expect: 'array' }, '{"message": "x"}')?.message).toBe(
      'the response has no value at $.data (top-level keys: message)',
    );
    expect(failure({ path: '', expect: 'object' }, '[{"id": 1}]')?.message).toBe(
      'expected an object at $, found an array',
    );
    expect(failure({ path: '', expect: 'object' }, '"text"')?.message).toBe('expected an object at $, found a string');
    expect(failure({ path: '', expect: 'array' }, `[${'1,'.repeat(5000)}1]`)).toBeUndefined();
    expect(failure({ path: '', expect: 'array' }, `{"x": "${'y'.repeat(5000)}"}`)?.bodyStart).toMatch(
      /^\{"x": "y{290,}…$/,
    );
    for (const shape of ['array', 'object', 'array-or-object'] as const)
      expect(failure({ path: 'data', expect: shape }, '{"data": null}')).toBeUndefined();
    expect(
      recordSelector({ path: ['data'], expect: 'array' }).parse('{"data": [{"id": 1}], "total": 1}'),
    ).toMatchObject({ records: [{ json: '{"id": 1}' }], envelope: { total: 1 } });
    expect(recordSelector('').parse(errorObject).records).toHaveLength(1); // a bare path: an object is one record
  });

  it('streams records from an async body and fills the envelope at the end', async () => {
    async function* body() {
      yield '{"data":[{"a":1},';
      await Promise.resolve();
      yield '{"a":2}],"total":2}';
    }
    const envelope: Record<string, unknown> = {};
    const values: unknown[] = [];
    for await (const record of recordSelector('data').records(body(), envelope)) values.push(record.value);
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(envelope).toEqual({ total: 2 });
  });
});
