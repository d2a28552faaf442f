import type { SourceDefinition } from '@mb-airbyte/http-source-kit';

/**
 * A source as the kit's runner takes it (a `defineSource` value), whatever its config type: `SourceDefinition` is
 * invariant in its config and the CLI never looks inside the config, so `any` is the honest type here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConnectorSource = SourceDefinition<any>;
