import { capInput } from '@mb-airbyte/airbyte-protocol';
import {
  CERTIFICATE_ERROR_CODES,
  certificateProblemCodes,
  ConnectorError,
  HttpError,
} from '@mb-airbyte/http-source-kit';

const unreachable: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused: nothing listens on that host and port',
  ENOTFOUND: 'the host name could not be found (DNS lookup failed)',
  EAI_AGAIN: 'the host name could not be resolved (DNS did not answer)',
  ETIMEDOUT: 'the connection timed out',
  ERR_CONNECT_TIMEOUT: 'no connection could be made within the connect timeout',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/**
 * Rewrites a failed connection check into what to fix, in the configuration's terms. Errors it does not recognise
 * are returned unchanged (the kit already words HTTP statuses and credential problems).
 */
export function explainCheckError(error: unknown, baseUrl: string): unknown {
  if (!HttpError.isInstance(error) || error.status !== undefined || error.code === undefined) return error;
  const { code } = error;
  const host = capInput(new URL(baseUrl).host);
  const detail = error.internalMessage ?? code;
  // Expired, not yet valid, or for another host: the kit's message names the problem, which no CA certificate fixes.
  if (certificateProblemCodes.has(code)) return configError(error.userMessage, error);
  if (CERTIFICATE_ERROR_CODES.has(code)) {
    return configError(
      `The TLS certificate of ${host} could not be verified (${detail}). If this Metabase uses a certificate from a ` +
        'private certificate authority, paste that CA certificate (PEM) into ca_certificate; verification cannot be turned off.',
      error,
    );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return configError(
      `The TLS handshake with ${host} failed (${detail}). Check that instance_api_url points to Metabase's https port.`,
      error,
    );
  }
  const reason = unreachable[code];
  if (reason === undefined) return error;
  return configError(
    `Could not reach Metabase at ${host}: ${reason} (${code}). Check the host and port in instance_api_url and that ` +
      'Metabase is running and reachable from where the connector runs.',
    error,
  );
}

function configError(message: string, cause: HttpError): ConnectorError {
  return new ConnectorError({
    message,
    failureType: 'config_error',
    internalMessage: cause.internalMessage ?? cause.userMessage,
    cause,
  });
}
