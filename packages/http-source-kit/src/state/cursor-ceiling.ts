import type { ServerClock } from '../http/index.js';

/** Kept under the server's time: the database that stamps `updated_at` may run a little behind the web server. */
export const SERVER_CLOCK_MARGIN_MS = 1_000;
/** With no Date header from the server, the local clock is used, with room for clock skew. */
export const LOCAL_CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * The ceiling of a stream's saved date-time cursor, marked when the stream starts: the server's time then (from its
 * Date headers, learned until the state is saved), less a margin; or the local time less a wider margin.
 */
export function streamStartCeiling(clock: ServerClock, localNow: () => number = Date.now): () => number {
  const serverStart = clock.mark();
  const localStart = localNow();
  return () => {
    const server = serverStart();
    return server === undefined ? localStart - LOCAL_CLOCK_MARGIN_MS : server - SERVER_CLOCK_MARGIN_MS;
  };
}
