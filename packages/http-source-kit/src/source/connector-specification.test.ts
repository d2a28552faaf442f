import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorSpecification } from './connector-specification.js';
import { defineSource } from './source-definition.js';

describe('connectorSpecification', () => {
  it('keeps meta keys, makes defaulted fields optional, types oneOf parents and drops additionalProperties: false', () => {
    const config = z
      .strictObject({
        url: z.string().meta({ title: 'URL', order: 0, description: 'Where the API is.' }),
        retries: z.number().int().default(3).meta({ order: 2 }),
        auth: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('key'), key: z.string().meta({ airbyte_secret: true }) }),
          z.strictObject({ kind: z.literal('none') }),
        ]),
      })
      .meta({ title: 'Example Spec' });
    const source = defineSource({
      name: 'source-example',
      version: '1.0.0',
      config,
      http: () => ({ baseUrl: 'https://x.invalid' }),
      streams: () => [],
    });
    const spec = connectorSpecification(source).connectionSpecification;
    expect(spec).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Example Spec',
      required: ['url', 'auth'],
      properties: {
        url: { type: 'string', title: 'URL', order: 0, description: 'Where the API is.' },
        retries: { type: 'integer', default: 3, order: 2 },
        auth: { type: 'object', oneOf: [{ properties: { key: { type: 'string', airbyte_secret: true } } }, {}] },
      },
    });
    expect(JSON.stringify(spec)).not.toContain('"additionalProperties":false');
  });

  it('is computed once per source: a second call returns the same object, another source its own', () => {
    const make = (name: string) =>
      defineSource({
        name,
        version: '1.0.0',
        config: z.object({ url: z.string() }),
        http: () => ({ baseUrl: 'https://x.invalid' }),
        streams: () => [],
      });
    const first = make('source-a');
    const second = make('source-b');
    expect(connectorSpecification(first)).toBe(connectorSpecification(first));
    expect(connectorSpecification(second)).not.toBe(connectorSpecification(first));
    expect(connectorSpecification(second)).toEqual(connectorSpecification(first));
  });
});
