import { describe, expect, it } from 'vitest';
import { loadManifest } from '../src/index.js';
import {
  officialManifestFile,
  officialManifestText,
  officialStreams,
  warnWhenSkipped,
} from './support/official-manifest.js';

const everything = new Set([
  'DeclarativeSource',
  'CheckStream',
  'DeclarativeStream',
  'SimpleRetriever',
  'HttpRequester',
  'RecordSelector',
  'DpathExtractor',
  'InlineSchemaLoader',
  'NoPagination',
  'Spec',
  'LegacySessionTokenAuthenticator',
  'SubstreamPartitionRouter',
  'ParentStreamConfig',
  'DefaultPaginator',
  'PageIncrement',
  'RequestOption',
  'ApiKeyAuthenticator',
]);

const stream = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'DeclarativeStream',
  name: 'items',
  schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: {} } },
  retriever: {
    requester: { url_base: 'https://api.example.com', path: '/items' },
    record_selector: { extractor: { field_path: [] } },
  },
  ...extra,
});

const manifest = (streams: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: '6.0.0',
  type: 'DeclarativeSource',
  check: { type: 'CheckStream', stream_names: ['items'] },
  streams,
  ...extra,
});

describe('loadManifest', () => {
  it('fills the types the CDK implies (retriever, requester, selector, extractor, paginator)', () => {
    const loaded = loadManifest(manifest([stream()]), 'test', { supported: everything });
    const retriever = (loaded.streams as Record<string, Record<string, Record<string, unknown>>>[])[0]?.retriever;
    expect(retriever?.type).toBe('SimpleRetriever');
    expect(retriever?.requester?.type).toBe('HttpRequester');
    expect(retriever?.record_selector?.type).toBe('RecordSelector');
    expect((retriever?.record_selector?.extractor as Record<string, unknown>).type).toBe('DpathExtractor');
  });

  it('resolves $ref (own keys win) and "#/…" strings', () => {
    const loaded = loadManifest(
      manifest([{ $ref: '#/definitions/base', name: 'items' }], {
        definitions: { base: stream({ name: 'base', primary_key: '#/definitions/key' }), key: ['id'] },
      }),
      'test',
      { supported: everything },
    );
    const first = (loaded.streams as Record<string, unknown>[])[0];
    expect(first?.name).toBe('items');
    expect(first?.primary_key).toEqual(['id']);
  });

  it('passes $parameters down and fills empty fields from them, except the field the parameter is named after', () => {
    const loaded = loadManifest(
      manifest([
        {
          ...stream(),
          name: undefined,
          $parameters: { name: 'items', path: 'things' },
          retriever: { requester: { url_base: 'https://x' }, record_selector: { extractor: { field_path: [] } } },
        },
      ]),
      'test',
      { supported: everything },
    );
    const first = (loaded.streams as Record<string, Record<string, Record<string, unknown>>>[])[0];
    expect(first?.name).toBe('items');
    expect(first?.retriever?.requester?.path).toBe('things');
    expect(first?.retriever?.requester?.$parameters).toEqual({ name: 'items', path: 'things' });
  });

  it('refuses reference cycles and missing targets with a config_error', () => {
    expect(() =>
      loadManifest(
        manifest([{ $ref: '#/definitions/a' }], { definitions: { a: { $ref: '#/definitions/a' } } }),
        'test',
        { supported: everything },
      ),
    ).toThrow(/cycle/);
    expect(() => loadManifest(manifest([{ $ref: '#/definitions/nope' }]), 'test', { supported: everything })).toThrow(
      /does not exist/,
    );
  });

  it('names the place of a schema mismatch', () => {
    const bad = stream();
    (bad.retriever as Record<string, unknown>).requester = { url_base: 'https://x', http_method: 'FETCH' };
    expect(() => loadManifest(manifest([bad]), 'test', { supported: everything })).toThrow(
      /streams\[0\]\.retriever\.requester\.http_method: must be one of/,
    );
  });

  it('names an unsupported component and where it is', () => {
    const custom = stream({ retriever: { type: 'CustomRetriever', class_name: 'source_x.components.R' } });
    expect(() => loadManifest(manifest([stream(), custom]), 'test', { supported: everything })).toThrow(
      /CustomRetriever \(a custom Python component, which only the Python CDK can run\) at streams\[1\]\.retriever/,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => loadManifest('version: 1\n  bad: [', 'file.yaml', { supported: everything })).toThrow(
      /file\.yaml is not valid YAML or JSON at line/,
    );
  });
});

warnWhenSkipped('official manifest loading');
describe.skipIf(officialManifestFile === undefined)('the official Metabase manifest', () => {
  it('loads unchanged and validates against the component schema', () => {
    const loaded = loadManifest(officialManifestText(), 'official', { supported: everything });
    expect((loaded.streams as { name: string }[]).map((s) => s.name)).toEqual(officialStreams);
  });
});
