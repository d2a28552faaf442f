// The toy source: a second connector written only as stream descriptions (no retry, auth or protocol code).
import { z } from 'zod';
import {
  bearerAuth,
  cursorPagination,
  defineSource,
  defineStream,
  offsetPagination,
  parentPartitions,
  type StreamDefinition,
} from '../../src/index.js';
import { testCaPem } from './https-test-server.js';

export const toyConfigSchema = z.object({
  base_url: z.string().meta({ title: 'API URL', order: 0 }),
  api_token: z.string().min(1).meta({ title: 'API token', airbyte_secret: true, order: 1 }),
  page_size: z.number().int().positive().default(10).meta({ title: 'Page size', order: 2 }),
});
export type ToyConfig = z.output<typeof toyConfigSchema>;

const object = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: true, properties });

export const toyStreams = (config: ToyConfig): StreamDefinition<ToyConfig>[] => [
  defineStream<ToyConfig>({
    name: 'users',
    primaryKey: [['id']],
    jsonSchema: object({ id: { type: 'integer' }, name: { type: 'string' } }),
    request: { path: 'users' },
    records: 'data',
    paginator: offsetPagination({ limit: config.page_size, totalPath: 'total' }),
  }),
  defineStream<ToyConfig>({
    name: 'projects',
    primaryKey: [['id']],
    cursorField: 'updated_at',
    jsonSchema: object({
      id: { type: 'integer' },
      name: { type: 'string' },
      updated_at: { type: 'string', format: 'date-time' },
    }),
    request: { path: 'projects' },
  }),
  defineStream<ToyConfig>({
    name: 'tasks',
    primaryKey: [['id']],
    cursorField: 'updated_at',
    jsonSchema: object({
      id: { type: 'string' },
      title: { type: 'string' },
      updated_at: { type: 'string' },
      project_id: { type: 'integer' },
    }),
    partitions: parentPartitions<ToyConfig>({
      parent: 'projects',
      partition: (project) => ({ id: project.id }),
      concurrency: 3,
    }),
    request: { path: ({ partition }) => `projects/${String(partition?.id)}/tasks` },
    records: 'items',
    paginator: cursorPagination({ cursorPath: 'next', cursorParam: 'cursor' }),
    transform: (task, { partition }) => ({ ...task, project_id: partition?.id }),
  }),
];

export const toySource = defineSource<ToyConfig>({
  name: 'source-toy',
  version: '1.0.0',
  documentationUrl: 'https://example.com/toy',
  config: toyConfigSchema,
  http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem, retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  authenticator: (config) => bearerAuth({ token: config.api_token }),
  streams: toyStreams,
});
