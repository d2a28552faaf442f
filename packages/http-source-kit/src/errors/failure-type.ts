// Local until @mb-airbyte/airbyte-protocol exports it; the names are the protocol's.
export type FailureType = 'config_error' | 'system_error' | 'transient_error';
