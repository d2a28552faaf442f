import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { ConnectorError } from '../errors/index.js';

export interface Agents {
  https: https.Agent;
  http: http.Agent;
}

/** Keep-alive agents with a bounded socket count; TLS verification on, optionally trusting one more CA. */
export function createAgents(options: { caCertPem?: string; maxSockets: number }): Agents {
  // Built once: passing `ca` instead would parse every root certificate again for each new connection.
  const secureContext =
    options.caCertPem === undefined ? undefined : tls.createSecureContext({ ca: [...tls.rootCertificates, checkedPem(options.caCertPem)] });
  const common = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
  return {
    https: new https.Agent({ ...common, rejectUnauthorized: true, ...(secureContext ? { secureContext } : {}) }),
    http: new http.Agent(common),
  };
}

function checkedPem(pem: string): string {
  try {
    new X509Certificate(pem);
  } catch (error) {
    throw new ConnectorError({
      message: 'The CA certificate in the configuration is not a valid PEM certificate (expected "-----BEGIN CERTIFICATE-----" ...).',
      internalMessage: error instanceof Error ? error.message : undefined,
      failureType: 'config_error',
      userInput: true,
    });
  }
  return pem;
}
