import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCerts } from '@mb-airbyte/metabase-sandbox';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { startLoopbackHttps, type LoopbackServer } from './support/loopback-https.js';
import { errorTraces, finalStatuses, records } from './support/messages.js';
import { startStage } from './support/stage.js';
import { createStressCli, type StressCli, type StressRun } from './support/stress-cli.js';

// Waiting for Metabase, through the built CLI over HTTPS, with short configured waits instead of real minutes: a
// slow first byte (as GET /api/card on a very large instance) is waited for and reported, not taken for a stall; a
// server that accepts connections and never answers ends the read after one first-byte wait, with one error.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

const everyStream = 12;

function logLines(run: { messages: readonly AirbyteMessage[] }, level: string): string[] {
  return run.messages.flatMap((m) => (m.type === 'LOG' && m.log.level === level ? [m.log.message] : []));
}

/** A server that completes TLS, reads requests and never answers any; counts the requests per path. */
async function silentServer(): Promise<LoopbackServer & { requests: string[] }> {
  const requests: string[] = [];
  const server = await startLoopbackHttps((req) => {
    requests.push(`${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`);
    return new Promise<void>(() => undefined);
  });
  return { ...server, requests };
}

/** Runs `command` against a silent server with a 2 s first-byte timeout; the server's requests come back too. */
async function againstSilentServer(command: 'read' | 'check'): Promise<{ run: StressRun; requests: string[] }> {
  const server = await silentServer();
  const config = {
    instance_api_url: `${server.origin}/api/`,
    api_key: 'mb_silentServerKey0123456789',
    ca_certificate: sandboxCerts().caPem,
    first_byte_timeout_seconds: 2,
  };
  try {
    return { run: await cli.invoke({ command, config, timeoutMs: 60_000 }), requests: server.requests };
  } finally {
    await server.close();
  }
}

describe.concurrent('a slow or silent Metabase', () => {
  it('a first byte slower than the idle timeout is waited for, with a LOG line while waiting, and asked for once', async (test) => {
    const stage = await startStage(test, { sandbox: { firstByteDelayMs: { 'GET /api/card': 3_000 } } });
    // Idle timeout 1 s, first-byte timeout 20 s: the 3 s of thinking must not count as a stall (a line every 2 s).
    const config = stage.config('api_key', { idle_timeout_seconds: 1, first_byte_timeout_seconds: 20 });
    const run = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'] });

    expect(run.exitCode).toBe(0);
    expect(records(run, 'cards').map((r) => r.data.id)).toEqual(stage.sandbox.expected.cards().map((c) => c.id));
    expect(stage.sandbox.stats().requestsByRoute['GET /api/card']).toBe(1);
    const waiting = logLines(run, 'INFO').filter((l) => l.startsWith('Still waiting'));
    expect(waiting[0]).toMatch(
      /^Still waiting for the server to answer GET https:\/\/127\.0\.0\.1:\d+\/api\/card(\?\S*)?: 2 s so far \(the connector waits up to 20 s for the first byte of an answer\)\.$/,
    );
    expect(logLines(run, 'WARN')).toEqual([]);
  }, 60_000);

  it('a server that accepts the connection and never answers: one first-byte wait, one transient_error, every stream INCOMPLETE', async () => {
    const { run, requests } = await againstSilentServer('read');
    expect(run.exitCode).toBe(1);
    const [error, ...more] = errorTraces(run);
    expect(more).toEqual([]);
    expect(error?.failure_type).toBe('transient_error');
    expect(error?.stream_descriptor).toBeUndefined();
    expect(error?.message).toMatch(
      /the server accepted the connection but did not answer \(no answer within 2 s\), nor any other request meanwhile/,
    );
    expect(error?.message).toMatch(/raise first_byte_timeout_seconds in the source config \(now 2\)/);
    expect(error?.message).not.toMatch(/could not reach/i);
    const statuses = finalStatuses(run);
    expect(Object.keys(statuses)).toHaveLength(everyStream);
    expect(new Set(Object.values(statuses))).toEqual(new Set(['INCOMPLETE']));
    // No request was sent twice, and the streams not started when the wait ran out did not wait again.
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests).size).toBe(requests.length);
    expect(requests.length).toBeLessThan(everyStream);
    expect(
      logLines(run, 'INFO').some((l) =>
        /^Still waiting for the server to answer GET https:\/\/127\.0\.0\.1:\d+\/api\/\S+: 200 ms so far/.test(l),
      ),
    ).toBe(true);
    expect(
      logLines(run, 'WARN').filter((l) => l.includes('stopped: the read ended because of an earlier error')),
    ).toHaveLength(everyStream);
    // One first-byte wait (2 s), not an attempt per request per stream; generous for a loaded machine.
    console.info(`a silent server: read ended after ${Math.round(run.elapsedMs)} ms, ${requests.length} requests`);
    expect(run.elapsedMs).toBeLessThan(30_000);
  }, 90_000);

  it('check against a server that never answers says so (not "could not reach")', async () => {
    const { run, requests } = await againstSilentServer('check');
    expect(run.exitCode).toBe(0);
    const [status] = run.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
    expect(status?.status).toBe('FAILED');
    expect(status?.message).toMatch(
      /GET https:\/\/127\.0\.0\.1:\d+\/api\/user\/current: the server accepted the connection but did not answer \(no answer within 2 s\)/,
    );
    expect(requests).toEqual(['GET /api/user/current']);
  }, 90_000);
});
