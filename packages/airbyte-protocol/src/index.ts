// Public API of @mb-airbyte/airbyte-protocol: Airbyte protocol v0 schemas (zod) and types, message builders,
// input-file readers and the stdout MessageWriter.

export { JsonObjectSchema, type JsonObject } from './schemas/json-object.js';
export { StreamDescriptorSchema, type StreamDescriptor } from './schemas/stream-descriptor.js';
export {
  AirbyteRecordMessageSchema,
  AirbyteRecordMessageMetaSchema,
  AirbyteRecordMessageMetaChangeSchema,
  AirbyteRecordMessageFileReferenceSchema,
  type AirbyteRecordMessage,
  type AirbyteRecordMessageMeta,
  type AirbyteRecordMessageMetaChange,
  type AirbyteRecordMessageFileReference,
} from './schemas/record-message.js';
export {
  AirbyteStateMessageSchema,
  AirbyteStateTypeSchema,
  AirbyteStateBlobSchema,
  AirbyteStreamStateSchema,
  AirbyteGlobalStateSchema,
  AirbyteStateStatsSchema,
  type AirbyteStateMessage,
  type AirbyteStateType,
  type AirbyteStateBlob,
  type AirbyteStreamState,
  type AirbyteGlobalState,
  type AirbyteStateStats,
} from './schemas/state-message.js';
export { AirbyteLogMessageSchema, LogLevel, LogLevelSchema, type AirbyteLogMessage } from './schemas/log-message.js';
export {
  AirbyteTraceMessageSchema,
  AirbyteErrorTraceMessageSchema,
  AirbyteEstimateTraceMessageSchema,
  AirbyteStreamStatusTraceMessageSchema,
  AirbyteStreamStatusReasonSchema,
  AirbyteAnalyticsTraceMessageSchema,
  AirbyteStreamStatus,
  AirbyteStreamStatusSchema,
  FailureType,
  FailureTypeSchema,
  type AirbyteTraceMessage,
  type AirbyteTraceType,
  type AirbyteErrorTraceMessage,
  type AirbyteEstimateTraceMessage,
  type AirbyteStreamStatusTraceMessage,
  type AirbyteStreamStatusReason,
  type AirbyteAnalyticsTraceMessage,
} from './schemas/trace-message.js';
export {
  AirbyteCatalogSchema,
  AirbyteStreamSchema,
  ConfiguredAirbyteCatalogSchema,
  ConfiguredAirbyteStreamSchema,
  DestinationCatalogSchema,
  DestinationOperationSchema,
  FieldPathSchema,
  SyncMode,
  SyncModeSchema,
  DestinationSyncMode,
  DestinationSyncModeSchema,
  type AirbyteCatalog,
  type AirbyteStream,
  type ConfiguredAirbyteCatalog,
  type ConfiguredAirbyteStream,
  type DestinationCatalog,
  type DestinationOperation,
} from './schemas/catalog.js';
export { AirbyteConnectionStatusSchema, type AirbyteConnectionStatus } from './schemas/connection-status.js';
export {
  ConnectorSpecificationSchema,
  AdvancedAuthSchema,
  OAuthConfigSpecificationSchema,
  OAuth2SpecificationSchema,
  type ConnectorSpecification,
  type AdvancedAuth,
  type OAuthConfigSpecification,
  type OAuth2Specification,
} from './schemas/connector-specification.js';
export {
  AirbyteControlMessageSchema,
  AirbyteControlConnectorConfigMessageSchema,
  type AirbyteControlMessage,
  type AirbyteControlConnectorConfigMessage,
} from './schemas/control-message.js';
export {
  AirbyteMessageSchema,
  type AirbyteMessage,
  type AirbyteMessageType,
  type AirbyteMessageOf,
} from './schemas/airbyte-message.js';

export { recordMessage, type RecordMessageOptions } from './builders/record-message.js';
export { logMessage } from './builders/log-message.js';
export { streamStateMessage, globalStateMessage } from './builders/state-messages.js';
export {
  errorTraceMessage,
  streamStatusMessage,
  estimateTraceMessage,
  analyticsTraceMessage,
  type ErrorTraceInput,
  type EstimateInput,
} from './builders/trace-messages.js';
export { configuredCatalog, type ConfiguredCatalogOptions } from './builders/configured-catalog.js';
export {
  connectionStatusMessage,
  specMessage,
  catalogMessage,
  connectorConfigControlMessage,
} from './builders/command-messages.js';

export { InputFileError, type InputFileErrorReason, type InputFileErrorOptions } from './readers/input-file-error.js';
export { formatZodIssues, formatZodIssueMessage, formatJsonPath } from './readers/format-zod-issues.js';
export { readJsonFile, type ReadJsonFileOptions } from './readers/read-json-file.js';
export { INPUT_FILE_LIMITS, DEFAULT_INPUT_FILE_LIMIT, inputFileLimit } from './readers/input-file-limits.js';
export { readConfigFile } from './readers/read-config-file.js';
export { readCatalogFile } from './readers/read-catalog-file.js';
export { readStateFile } from './readers/read-state-file.js';

export { capInput, quoteInput, quoteJson, MAX_QUOTED_CHARS } from './text/quote-input.js';

export { MessageWriter, type MessageWriterOptions } from './writer/message-writer.js';
