import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import type https from 'node:https';
import tls from 'node:tls';
import { ConnectorError } from '../errors/index.js';
import { CertificateNotingAgent } from './tls-certificate.js';

export interface Agents {
  https: https.Agent;
  http: http.Agent;
}

/** Keep-alive agents with a bounded socket count; TLS verification on, optionally trusting one more CA. */
export function createAgents(options: { caCertPem?: string; maxSockets: number }): Agents {
  // Built once (passing `ca` would build a context per connection). Node's default store plus the extra CA: listing
  // tls.rootCertificates as `ca` instead re-parsed all ~140 roots in JavaScript, about 20 ms of every run's start.
  const secureContext = options.caCertPem === undefined ? undefined : withExtraCa(checkedPem(options.caCertPem));
  const common = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
  return {
    https: new CertificateNotingAgent({
      ...common,
      rejectUnauthorized: true,
      ...(secureContext ? { secureContext } : {}),
    }),
    http: new http.Agent(common),
  };
}

/** Node's default trust store (its roots, and NODE_EXTRA_CA_CERTS) with one more CA added to this context only. */
function withExtraCa(pem: string): tls.SecureContext {
  const context = tls.createSecureContext();
  // `context.context` is the native context behind the public SecureContext (typed any); addCACert adds to its store.
  const native = context.context as { addCACert(pem: string): void };
  native.addCACert(pem);
  return context;
}

function checkedPem(pem: string): string {
  try {
    new X509Certificate(pem);
  } catch (error) {
    throw new ConnectorError({
      message:
        'The CA certificate in the configuration is not a valid PEM certificate (expected "-----BEGIN CERTIFICATE-----" ...).',
      internalMessage: error instanceof Error ? error.message : undefined,
      failureType: 'config_error',
      userInput: true,
    });
  }
  return pem;
}
