export interface ReadTally {
  streams: number;
  failed: number;
  records: number;
  requests: number;
  retries: number;
  /** Logins the authenticator made; undefined when it has no such notion (an API key). */
  logins: number | undefined;
}

/** The read's closing LOG line: what the run did and what it cost the server. */
export function summarizeRead(tally: ReadTally): string {
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const parts = [
    `${tally.streams - tally.failed} of ${plural(tally.streams, 'stream')} complete`,
    plural(tally.records, 'record'),
    `${plural(tally.requests, 'HTTP request')} (${plural(tally.retries, 'retry', 'retries')})`,
  ];
  if (tally.logins !== undefined) parts.push(plural(tally.logins, 'login'));
  return `Read finished: ${parts.join(', ')}.`;
}
