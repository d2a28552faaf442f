export { defineSource, type CheckContext, type SourceDefinition, type SourceHttpOptions } from './source-definition.js';
export { connectorSpecification } from './connector-specification.js';
export { validateConfig } from './validate-config.js';
export { sourceStreams, type SourceStreams } from './source-streams.js';
export { discoverCatalog } from './discover-catalog.js';
