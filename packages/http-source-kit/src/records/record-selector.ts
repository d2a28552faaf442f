/**
 * `recordSelector('data')` or `recordSelector({ path: 'data', expect: 'array' })`: where a stream's records are in
 * each response, and what must be there. Reading is incremental over the body stream (bounded memory, records passed
 * through as their exact JSON text); see RecordScanner for the details.
 */
import { pathSegments, type RecordPath } from './record-path.js';
import { RecordScanner, type RecordScannerOptions, type RecordsShape } from './record-scanner.js';
import { SelectedRecord } from './selected-record.js';

/** Where the records are and what must be there, e.g. `{ path: 'data', expect: 'array' }`. */
export interface RecordsSpec {
  path: RecordPath;
  expect: RecordsShape;
}

export interface SelectedBody {
  records: SelectedRecord[];
  /** Small values beside the record path (for example `{ total: 120 }`), for paginators. */
  envelope: Record<string, unknown>;
}

export interface RecordSelector {
  readonly path: readonly string[];
  /**
   * A fresh incremental reader for one body: `write(chunk)` returns completed records, `end()` checks the end.
   * `maxRecordBytes` overrides the selector's limit (the HTTP client's, for bodies it fetched).
   */
  open(limits?: Pick<RecordScannerOptions, 'maxRecordBytes'>): RecordScanner;
  /** Streams the records of a body; the envelope is filled in once the body has been read to its end. */
  records(body: AsyncIterable<Buffer | string>, envelope?: Record<string, unknown>): AsyncGenerator<SelectedRecord>;
  /** Reads a whole body held in memory. */
  parse(body: Buffer | string): SelectedBody;
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

export function recordSelector(
  records: RecordPath | RecordsSpec = '',
  options: RecordScannerOptions = {},
): RecordSelector {
  const spec: Partial<RecordsSpec> = typeof records === 'object' && 'path' in records ? records : { path: records };
  const segments = [...pathSegments(spec.path ?? '')];
  const scannerOptions = spec.expect === undefined ? options : { ...options, expect: spec.expect };
  const open = (limits?: Pick<RecordScannerOptions, 'maxRecordBytes'>): RecordScanner =>
    new RecordScanner(
      segments,
      limits?.maxRecordBytes === undefined
        ? scannerOptions
        : { ...scannerOptions, maxRecordBytes: limits.maxRecordBytes },
    );
  return {
    path: segments,
    open,
    async *records(body, envelope) {
      const scanner = open();
      for await (const chunk of body) {
        for (const json of scanner.write(toBuffer(chunk))) yield SelectedRecord.fromJson(json);
      }
      scanner.end();
      if (envelope !== undefined) Object.assign(envelope, scanner.envelope);
    },
    parse(body) {
      const scanner = open();
      const records = scanner.write(toBuffer(body)).map((json) => SelectedRecord.fromJson(json));
      scanner.end();
      return { records, envelope: scanner.envelope };
    },
  };
}
