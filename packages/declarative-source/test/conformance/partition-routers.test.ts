// Conformance of the partition routers, from the component schema's documentation: ListPartitionRouter (values,
// cursor_field, request_option) and SubstreamPartitionRouter with ParentStreamConfig (parent_key, partition_field,
// request_option, nested parents), with the requests sent and the records out in parent order.
import { afterEach, describe, expect, it } from 'vitest';
import { ids, manifestWith, readManifest, requester, startApi, type ApiServer } from '../support/api-server.js';

let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const selector = (path: string[]): Record<string, unknown> => ({
  type: 'RecordSelector',
  extractor: { type: 'DpathExtractor', field_path: path },
});

describe('ListPartitionRouter', () => {
  it('one request per value (interpolated list), the value in the path and in the request_option', async () => {
    api = await startApi((r) => ({ body: { data: [{ id: `${r.query.get('team') ?? ''}-1` }] } }));
    const manifest = manifestWith({
      requester: requester(api.url, { path: '/teams/{{ stream_partition.team }}/items' }),
      partition_router: {
        type: 'ListPartitionRouter',
        cursor_field: 'team',
        values: "{{ config['teams'] }}",
        request_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'team' },
      },
    });
    const output = await readManifest(manifest, { config: { teams: ['red', 'blue'] } });
    expect(api.requests.map((r) => r.path)).toEqual(['/teams/red/items?team=red', '/teams/blue/items?team=blue']);
    expect(ids(output)).toEqual(['red-1', 'blue-1']);
  });
});

describe('SubstreamPartitionRouter + ParentStreamConfig', () => {
  const parent = (url: string): Record<string, unknown> => ({
    type: 'DeclarativeStream',
    name: 'projects',
    primary_key: 'id',
    schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: {} } },
    retriever: {
      type: 'SimpleRetriever',
      requester: requester(url, { path: '/projects' }),
      record_selector: selector(['projects']),
    },
  });

  it('reads the parent, one child request per parent record (parent_key -> partition_field), records in parent order', async () => {
    api = await startApi((r) => {
      if (r.path === '/projects')
        return {
          body: { projects: [{ id: 7, info: { slug: 'a' } }, { id: 8, info: { slug: 'b' } }, { name: 'no id' }] },
        };
      const project = /\/projects\/(\d+)\/tasks/.exec(r.path)?.[1] ?? '';
      return { body: { data: [{ id: `${project}-1` }, { id: `${project}-2` }] } };
    });
    const manifest = manifestWith({
      requester: requester(api.url, { path: '/projects/{{ stream_slice.project_id }}/tasks' }),
      partition_router: {
        type: 'SubstreamPartitionRouter',
        parent_stream_configs: [
          {
            type: 'ParentStreamConfig',
            stream: parent(api.url),
            parent_key: 'id',
            partition_field: 'project_id',
            request_option: { type: 'RequestOption', inject_into: 'header', field_name: 'X-Project' },
          },
        ],
      },
    });
    const output = await readManifest(manifest);
    expect(api.requests.map((r) => [r.path, r.headers['x-project']]).sort()).toEqual([
      ['/projects', undefined],
      ['/projects/7/tasks', '7'],
      ['/projects/8/tasks', '8'],
    ]);
    expect(ids(output)).toEqual(['7-1', '7-2', '8-1', '8-2']);
  });

  it('a parent_key with a path reads a nested value; parents can themselves have parents', async () => {
    api = await startApi((r) => {
      if (r.path === '/orgs') return { body: { data: [{ id: 'o1' }, { id: 'o2' }] } };
      if (r.path.startsWith('/orgs/'))
        return { body: { projects: [{ id: 1, info: { slug: `${r.path.split('/')[2] ?? ''}-p` } }] } };
      return { body: { data: [{ id: r.path.split('/')[2] ?? '' }] } };
    });
    const orgs = {
      type: 'DeclarativeStream',
      name: 'orgs',
      schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: {} } },
      retriever: {
        type: 'SimpleRetriever',
        requester: requester(api.url, { path: '/orgs' }),
        record_selector: selector(['data']),
      },
    };
    const projects = {
      ...parent(api.url),
      retriever: {
        type: 'SimpleRetriever',
        requester: requester(api.url, { path: '/orgs/{{ stream_slice.org }}/projects' }),
        record_selector: selector(['projects']),
        partition_router: {
          type: 'SubstreamPartitionRouter',
          parent_stream_configs: [
            { type: 'ParentStreamConfig', stream: orgs, parent_key: 'id', partition_field: 'org' },
          ],
        },
      },
    };
    const manifest = manifestWith({
      requester: requester(api.url, { path: '/slugs/{{ stream_slice.slug }}' }),
      partition_router: {
        type: 'SubstreamPartitionRouter',
        parent_stream_configs: [
          { type: 'ParentStreamConfig', stream: projects, parent_key: 'info/slug', partition_field: 'slug' },
        ],
      },
    });
    const output = await readManifest(manifest);
    // Parents are read a few at a time, so requests may interleave; records keep parent order.
    expect(api.requests.map((r) => r.path).sort()).toEqual([
      '/orgs',
      '/orgs/o1/projects',
      '/orgs/o2/projects',
      '/slugs/o1-p',
      '/slugs/o2-p',
    ]);
    expect(ids(output)).toEqual(['o1-p', 'o2-p']);
  });
});
