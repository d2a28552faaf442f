import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { sendJson, startTestServer, testCaPem } from '../../test/support/https-test-server.js';
import { networkError } from './network-error.js';
import { CertificateNotingAgent, certificateFacts, notedCertificate } from './tls-certificate.js';

const track = closeAfterEach();
const rule = { action: 'fail', failureType: 'config_error' } as const;
const context = { method: 'GET', url: 'https://127.0.0.1:8443/api/card', rule };
/** A refused certificate as Node describes it on the request's error (`cert` is only there for a host mismatch). */
const tlsError = (code: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code} message`), { code, ...fields });

describe('TLS certificate messages name the actual problem', () => {
  it('an expired certificate: the date, and that a CA certificate cannot fix it', () => {
    const error = networkError(tlsError('CERT_HAS_EXPIRED'), {
      ...context,
      certificate: { names: ['127.0.0.1'], validTo: '2020-03-01T00:00:00Z' },
    });
    expect(error.message).toBe(
      "TLS certificate check failed for GET https://127.0.0.1:8443/api/card: the server's certificate expired on 2020-03-01T00:00:00Z. " +
        'It must be renewed on the server; adding a CA certificate to the configuration cannot fix this (CERT_HAS_EXPIRED).',
    );
    expect(error).toMatchObject({ failureType: 'config_error', retryable: false });
  });

  it('an expired certificate whose date could not be read still says what is wrong', () => {
    expect(networkError(tlsError('CERT_HAS_EXPIRED'), context).message).toContain(
      "the server's certificate expired. It must be renewed",
    );
  });

  it('a certificate not yet valid: the start date and the clock', () => {
    const error = networkError(tlsError('CERT_NOT_YET_VALID'), {
      ...context,
      certificate: { names: [], validFrom: '2099-01-01T00:00:00Z' },
    });
    expect(error.message).toContain(
      "the server's certificate is not valid before 2099-01-01T00:00:00Z. Check the clock",
    );
  });

  it('a certificate for another host: the names it is for and the host asked for', () => {
    const cert = {
      subjectaltname: 'DNS:metabase.other.example, DNS:www.other.example',
      valid_to: 'Jan  1 09:12:58 2027 GMT',
    };
    const error = networkError(tlsError('ERR_TLS_CERT_ALTNAME_INVALID', { cert, host: '127.0.0.1' }), context);
    expect(error.message).toContain(
      "the server's certificate is for metabase.other.example, www.other.example, not 127.0.0.1.",
    );
    expect(error.message).toContain('cannot fix this (ERR_TLS_CERT_ALTNAME_INVALID)');
  });

  it('many names are cut to five, each capped', () => {
    const names = Array.from({ length: 8 }, (_, i) => `DNS:host${i}.example`).concat([`DNS:${'x'.repeat(5000)}`]);
    const error = networkError(
      tlsError('ERR_TLS_CERT_ALTNAME_INVALID', {
        cert: { subjectaltname: names.join(', ') },
        host: 'h'.repeat(10_000),
      }),
      context,
    );
    expect(error.message).toContain(
      'host0.example, host1.example, host2.example, host3.example, host4.example and 4 more, not hhhh',
    );
    expect(error.message).toContain('… (10000 characters)');
    expect(error.message.length).toBeLessThan(800);
  });

  it('a certificate from an unknown CA keeps the advice to add the CA certificate', () => {
    expect(networkError(tlsError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), context).message).toContain(
      'add that CA certificate (PEM)',
    );
  });
});

describe('certificateFacts', () => {
  it('reads names from the subject alternative names, else the common name, and dates as ISO', () => {
    expect(
      certificateFacts({
        subjectaltname: 'IP Address:127.0.0.1, DNS:localhost',
        valid_from: 'Jan  1 00:00:00 2020 GMT',
        valid_to: 'Mar  1 00:00:00 2020 GMT',
      }),
    ).toEqual({
      names: ['127.0.0.1', 'localhost'],
      validFrom: '2020-01-01T00:00:00Z',
      validTo: '2020-03-01T00:00:00Z',
    });
    expect(certificateFacts({ subject: { CN: 'only.example' } })).toEqual({ names: ['only.example'] });
    expect(certificateFacts(undefined)).toBeUndefined();
  });
});

describe('CertificateNotingAgent', () => {
  /** One request through the agent; resolves with what the connection noted, whether the request worked or not. */
  const noted = (url: string, agent: CertificateNotingAgent) =>
    new Promise<{ facts: ReturnType<typeof notedCertificate>; code: string | undefined }>((resolve) => {
      const req = https.request(url, { agent }, (res) => {
        res.resume();
        resolve({ facts: notedCertificate(req.socket), code: undefined });
      });
      req.once('error', (error: NodeJS.ErrnoException) => {
        resolve({ facts: notedCertificate(req.socket), code: error.code });
      });
      req.end();
    });

  it('notes the certificate of a server it trusts', async () => {
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        sendJson(res, 200, {});
      }),
    );
    const agent = new CertificateNotingAgent({ ca: testCaPem });
    const { facts, code } = await noted(`${server.url}/x`, agent);
    agent.destroy();
    expect(code).toBeUndefined();
    expect(facts?.names).toContain('127.0.0.1');
    expect(facts?.validTo).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('notes the certificate of a server it refuses, before the connection is dropped, with verification on', async () => {
    const server = track(
      await startTestServer('untrusted', (_req, res) => {
        sendJson(res, 200, {});
      }),
    );
    const agent = new CertificateNotingAgent({ ca: testCaPem, rejectUnauthorized: true });
    const { facts, code } = await noted(`${server.url}/x`, agent);
    agent.destroy();
    expect(code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(facts?.names).toContain('127.0.0.1');
    expect(server.requests).toHaveLength(0); // refused: nothing was sent
  });
});
