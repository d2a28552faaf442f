import { ConnectorError, HttpError } from '@mb-airbyte/http-source-kit';
import { describe, expect, it } from 'vitest';
import { explainCheckError } from './check-error.js';

const baseUrl = 'https://mb.example.com/api/';

function networkFailure(code: string, text: string): HttpError {
  return new HttpError({
    message: `GET ${baseUrl}user/current failed: ${text}`,
    internalMessage: `${code}: ${text}`,
    failureType: 'config_error',
    method: 'GET',
    url: `${baseUrl}user/current`,
    retryable: false,
    code,
  });
}

// The DNS cases are shown here on built errors: a test of real DNS would leave the loopback interface.
describe('explainCheckError', () => {
  it.each([
    ['ENOTFOUND', 'the host name could not be found (DNS lookup failed)'],
    ['EAI_AGAIN', 'the host name could not be resolved'],
    ['ECONNREFUSED', 'the connection was refused'],
  ])('%s: a config_error naming the host and instance_api_url', (code, reason) => {
    const explained = explainCheckError(networkFailure(code, `getaddrinfo ${code} mb.example.com`), baseUrl);
    expect(ConnectorError.isInstance(explained)).toBe(true);
    const error = explained as ConnectorError;
    expect(error.failureType).toBe('config_error');
    expect(error.userMessage).toContain(`Could not reach Metabase at mb.example.com: ${reason}`);
    expect(error.userMessage).toContain('instance_api_url');
    expect(error.cause).toBeInstanceOf(HttpError);
  });

  it('a TLS handshake failure points at the https port', () => {
    const explained = explainCheckError(networkFailure('EPROTO', 'wrong version number'), baseUrl) as ConnectorError;
    expect(explained.userMessage).toContain("points to Metabase's https port");
  });

  it('an expired certificate or one for another host keeps the kit message naming the problem, not the CA advice', () => {
    for (const code of ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      const failure = networkFailure(code, 'the specific problem');
      const explained = explainCheckError(failure, baseUrl) as ConnectorError;
      expect(explained.failureType).toBe('config_error');
      expect(explained.userMessage).toBe(failure.userMessage);
      expect(explained.userMessage).not.toContain('ca_certificate');
    }
    const untrusted = explainCheckError(
      networkFailure('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed'),
      baseUrl,
    ) as ConnectorError;
    expect(untrusted.userMessage).toContain('paste that CA certificate (PEM) into ca_certificate');
  });

  it('leaves HTTP status errors and unknown codes to the kit', () => {
    const status = new HttpError({
      message: 'x',
      failureType: 'config_error',
      method: 'GET',
      url: baseUrl,
      retryable: false,
      status: 403,
    });
    expect(explainCheckError(status, baseUrl)).toBe(status);
    const odd = networkFailure('EWHATEVER', 'odd');
    expect(explainCheckError(odd, baseUrl)).toBe(odd);
    const plain = new Error('boom');
    expect(explainCheckError(plain, baseUrl)).toBe(plain);
  });
});
