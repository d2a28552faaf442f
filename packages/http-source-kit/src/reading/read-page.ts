import { ConnectorError, redactUrl } from '../errors/index.js';
import { isRetryable, type HttpClient, type HttpRequest, type Logger } from '../http/index.js';
import type { PageResult } from '../pagination/index.js';
import { formatPath, type RecordSelector } from '../records/index.js';
import { retryReason } from '../http/retry-reason.js';
import { formatSeconds } from '../http/timed-transport.js';
import { bodyChunks } from './body-chunks.js';
import { bodyError } from './body-error.js';

export interface ReadPageOptions {
  http: HttpClient;
  request: HttpRequest;
  selector: RecordSelector;
  stream: string;
  logger: Logger;
  /** Filled in when the body has been read to its end. */
  result: PageResult;
}

/**
 * Read level 4, the page.
 * One page: yields its records (JSON text) in batches as the body streams in. When the body breaks midway (reset,
 * stall, cut short), the request is sent again within the client's retry budget and the records already yielded are
 * skipped, after checking they are the same (the last one exactly, every one by its length, in order), so no record is
 * lost or doubled. This assumes the server returns the same records in the same order for the same request; if not,
 * the page fails (transient) instead of guessing.
 */
export async function* readPage(options: ReadPageOptions): AsyncGenerator<string[]> {
  const { http, request, selector, stream, logger, result } = options;
  const method = request.method ?? 'GET';
  const started = Date.now();
  let emitted = 0;
  let lastEmitted: string | undefined;
  /** The lengths of the records yielded, in order, hashed: a record that moved across the cut changes it. */
  let emittedShape = SHAPE_SEED;
  for (let attempt = 1; ; attempt++) {
    // Failures up to the headers were already retried by the client: they end the page here.
    const response = await http.send(request);
    const shown = response.url;
    const url = (): string => redactUrl(shown); // only messages need it
    result.headers = response.headers;
    if (response.status < 200 || response.status >= 300 || response.status === 204) {
      response.body.destroy(); // an ignored status (per the error table) or no content: no records
      result.count = 0;
      return;
    }
    try {
      const scanner = selector.open(http.bodyLimits);
      let seen = 0;
      let seenShape = SHAPE_SEED;
      for await (const chunk of bodyChunks(response.body)) {
        let batch = scanner.write(chunk);
        if (seen < emitted) {
          const skip = Math.min(emitted - seen, batch.length);
          seenShape = shapeOf(batch, skip, seenShape);
          if (seen + skip === emitted && (batch[skip - 1] !== lastEmitted || seenShape !== emittedShape))
            throw changedOnRetry(stream, method, url());
          seen += batch.length;
          batch = batch.slice(skip);
        } else {
          seen += batch.length;
        }
        if (batch.length === 0) continue;
        result.first ??= batch[0];
        emitted += batch.length;
        lastEmitted = batch[batch.length - 1];
        emittedShape = shapeOf(batch, batch.length, emittedShape);
        yield batch;
      }
      scanner.end();
      if (seen < emitted) throw changedOnRetry(stream, method, url());
      result.count = emitted;
      result.last = lastEmitted;
      result.envelope = scanner.envelope;
      return;
    } catch (caught) {
      if (final.has(caught as object)) throw caught;
      const error = bodyError(caught, {
        stream,
        method,
        url: url(),
        recordPath: formatPath(selector.path),
        limitAdvice: http.bodyLimits.raiseAdvice,
      });
      // A body that broke after the headers is retried here, within the same budget rules as the client.
      if (request.signal?.aborted === true || !isRetryable(error)) throw error;
      const delay = http.retryPolicy.nextDelayMs(error, attempt, Date.now() - started);
      if (delay === undefined) throw error;
      logger.warn(
        `Stream "${stream}": ${method} ${url()} broke after ${emitted} records (${retryReason(error)}); attempt ${attempt + 1} of ` +
          `${http.retryPolicy.maxAttempts} in ${formatSeconds(delay)}; the records already emitted are skipped.`,
      );
      await http.retryPolicy.sleep(delay, request.signal);
    }
  }
}

const SHAPE_SEED = 0x811c9dc5;

/** Folds the lengths of the first `count` records into `hash` (FNV-1a over lengths): cheap enough for every record. */
function shapeOf(records: readonly string[], count: number, hash: number): number {
  let h = hash;
  for (let i = 0; i < count; i++) h = Math.imul(h ^ (records[i]?.length ?? 0), 0x01000193) >>> 0;
  return h;
}

/** Errors raised here that must not be retried again here (a retry would only see the same difference). */
const final = new WeakSet<object>();

function changedOnRetry(stream: string, method: string, url: string): ConnectorError {
  const error = new ConnectorError({
    message: `Stream "${stream}": ${method} ${url} returned different records when it was retried after a broken response, so the records already emitted cannot be matched. The next sync will read it again.`,
    failureType: 'transient_error',
  });
  final.add(error);
  return error;
}
