// The source the `source-metabase` command runs (the bin imports this module lazily; see tsup.config.ts).
export { metabaseSource as source } from '@mb-airbyte/source-metabase';
