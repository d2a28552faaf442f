export { JsonBodyError, type JsonBodyProblem } from './json-body-error.js';
export { formatPath, pathSegments, valueAtPath, type RecordPath } from './record-path.js';
export {
  DEFAULT_MAX_RECORD_BYTES,
  RecordScanner,
  type RecordScannerOptions,
  type RecordsFound,
  type RecordsShape,
} from './record-scanner.js';
export { recordSelector, type RecordSelector, type RecordsSpec, type SelectedBody } from './record-selector.js';
export { SelectedRecord } from './selected-record.js';
export { jsonArrayElements, jsonObjectMembers, withJsonMember, type JsonMember } from './json-text.js';
