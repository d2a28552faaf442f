import https from 'node:https';
import tls from 'node:tls';
import { capInput } from '@mb-airbyte/airbyte-protocol';

/** What a message about a refused server certificate can say: the names it is for, and when it is valid. */
export interface CertificateFacts {
  names: string[];
  validFrom?: string;
  validTo?: string;
}

/** Refused certificates whose message names the problem itself (dates, host name) rather than advising a CA. */
export const certificateProblemCodes: ReadonlySet<string> = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const SHOWN_NAMES = 5;

/** The facts of a peer certificate as Node gives it (`error.cert`, `getPeerCertificate()`), or undefined. */
export function certificateFacts(cert: unknown): CertificateFacts | undefined {
  if (typeof cert !== 'object' || cert === null) return undefined;
  const { subjectaltname, subject, valid_from: validFrom, valid_to: validTo } = cert as Partial<tls.PeerCertificate>;
  const names =
    typeof subjectaltname === 'string' && subjectaltname !== ''
      ? subjectaltname.split(', ').map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
      : typeof subject?.CN === 'string'
        ? [subject.CN]
        : [];
  if (names.length === 0 && validTo === undefined) return undefined;
  return {
    names,
    ...(validFrom ? { validFrom: isoDate(validFrom) } : {}),
    ...(validTo ? { validTo: isoDate(validTo) } : {}),
  };
}

const NOTED = Symbol('the certificate the server presented');

/**
 * An https.Agent that notes, on each new connection, the certificate the server presented. It is read when the
 * handshake ends, just before Node acts on its verification (which stays on): Node gives no certificate with the
 * error it raises for an expired one, and drops the connection right after. ('secure' is the TLS socket's event for
 * the end of the handshake; Node's own check listens to it too, and ours is put before it.)
 */
export class CertificateNotingAgent extends https.Agent {
  override createConnection(
    ...args: Parameters<https.Agent['createConnection']>
  ): ReturnType<https.Agent['createConnection']> {
    const socket = super.createConnection(...args);
    if (socket instanceof tls.TLSSocket) {
      socket.prependOnceListener('secure', () => {
        (socket as TLSSocketWithFacts)[NOTED] = certificateFacts(socket.getPeerCertificate());
      });
    }
    return socket;
  }
}

type TLSSocketWithFacts = tls.TLSSocket & { [NOTED]?: CertificateFacts };

/** What the connection's server certificate said, when it was noted (see CertificateNotingAgent). */
export function notedCertificate(socket: unknown): CertificateFacts | undefined {
  return socket instanceof tls.TLSSocket ? (socket as TLSSocketWithFacts)[NOTED] : undefined;
}

/**
 * What is wrong with the certificate, in words a person can act on, for the codes where the advice to add a CA
 * certificate would not help: expired, not yet valid, issued for another host.
 */
export function certificateProblem(
  code: string,
  facts: CertificateFacts | undefined,
  host: string | undefined,
): string | undefined {
  if (code === 'CERT_HAS_EXPIRED') {
    return `the server's certificate expired${facts?.validTo ? ` on ${facts.validTo}` : ''}. It must be renewed on the server; adding a CA certificate to the configuration cannot fix this`;
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return `the server's certificate is not valid before ${facts?.validFrom ?? 'a later date'}. Check the clock of the machine the connector runs on, or the certificate's dates on the server`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = facts === undefined || facts.names.length === 0 ? 'other host names' : listNames(facts.names);
    return (
      `the server's certificate is for ${names}, not ${host === undefined ? 'this host' : capInput(host)}. Use a host name the certificate ` +
      'names in the URL, or give the server a certificate for this one; adding a CA certificate to the configuration cannot fix this'
    );
  }
  return undefined;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, SHOWN_NAMES).map((name) => capInput(name));
  return names.length > SHOWN_NAMES ? `${shown.join(', ')} and ${names.length - SHOWN_NAMES} more` : shown.join(', ');
}

/** "Mar  1 00:00:00 2020 GMT" as "2020-03-01T00:00:00Z"; kept as given when it does not parse. */
function isoDate(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString().replace('.000Z', 'Z');
}
