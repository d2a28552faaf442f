import type { AirbyteMessageOf } from '../schemas/airbyte-message.js';
import type { AirbyteCatalog } from '../schemas/catalog.js';
import type { AirbyteConnectionStatus } from '../schemas/connection-status.js';
import type { ConnectorSpecification } from '../schemas/connector-specification.js';

/** The answer to `check`. */
export function connectionStatusMessage(
  status: AirbyteConnectionStatus['status'],
  message?: string,
): AirbyteMessageOf<'CONNECTION_STATUS'> {
  return { type: 'CONNECTION_STATUS', connectionStatus: message === undefined ? { status } : { status, message } };
}

/** The answer to `spec`. */
export function specMessage(spec: ConnectorSpecification): AirbyteMessageOf<'SPEC'> {
  return { type: 'SPEC', spec };
}

/** The answer to `discover`. */
export function catalogMessage(catalog: AirbyteCatalog): AirbyteMessageOf<'CATALOG'> {
  return { type: 'CATALOG', catalog };
}

/** A CONTROL message asking the platform to persist an updated connector config. */
export function connectorConfigControlMessage(
  config: Record<string, unknown>,
  emittedAt: number = Date.now(),
): AirbyteMessageOf<'CONTROL'> {
  return { type: 'CONTROL', control: { type: 'CONNECTOR_CONFIG', emitted_at: emittedAt, connectorConfig: { config } } };
}
