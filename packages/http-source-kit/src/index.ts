// Public API of @mb-airbyte/http-source-kit: describe REST endpoints as typed streams, get a correct Airbyte source.
export * from './errors/index.js';
export * from './http/index.js';
export * from './auth/index.js';
export * from './records/index.js';
export * from './pagination/index.js';
export * from './partitions/index.js';
export * from './streams/index.js';
export * from './source/index.js';
export * from './secrets/index.js';
export * from './runner/index.js';
