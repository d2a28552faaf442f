// Test helpers for connectors built on the CLI: in-process stdio for `main`, and a runner for the built bin.
export { memoryIo, MemoryStream, type MemoryIo } from './memory-io.js';
export { spawnConnector, type ConnectorRun, type SpawnOptions } from './spawn-connector.js';
export type { ImageFixture, ImageFixtureOptions, StartImageFixture } from './image-fixture.js';
export { readDockerfile, readKeyValues, type DockerInstruction } from './dockerfile-instructions.js';
