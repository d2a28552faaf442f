// The protocol's own names; the kit re-exports them so sources need not depend on the protocol for errors.
export type { FailureType } from '@mb-airbyte/airbyte-protocol';
