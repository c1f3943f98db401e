import type { TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';
import { identityFromSubjectAltName } from '../security/party-identity.ts';

/**
 * Why a server's verified certificate does not name the role expected at its address, or
 * undefined when it does (GEN-SEC-005; how parties are named: specs/README.md
 * d-production-identity). `expected` undefined: the address is no known peer's.
 */
export function serverIdentityMismatch(
  address: string,
  expected: string | undefined,
  subjectAltName: string | undefined,
): string | undefined {
  if (expected === undefined) return `${address} is not the address of a known peer`;
  const named = identityFromSubjectAltName(subjectAltName)?.role;
  if (named === expected) return undefined;
  return `the server at ${address} presents a certificate naming ${named ?? 'no role'}, not ${expected}`;
}

/**
 * An undici connector that, once the TLS handshake has verified the server's chain, ends the
 * connection before any request is written when the certificate does not name the role expected
 * at that address (`serverRoles`, by `host:port`).
 */
export function verifyingConnector(
  options: buildConnector.BuildOptions,
  serverRoles: Readonly<Record<string, string>>,
): buildConnector.connector {
  // No session resumption: every connection shows, and has checked, the server's certificate.
  const connect = buildConnector({ ...options, maxCachedSessions: 0 });
  return (target, callback) => {
    connect(target, (error, socket) => {
      if (error !== null) return callback(error, null);
      if (target.protocol !== 'https:') return callback(null, socket);
      const address = `${target.hostname}:${target.port || '443'}`;
      const names = (socket as TLSSocket).getPeerCertificate?.()?.subjectaltname;
      const mismatch = serverIdentityMismatch(address, serverRoles[address], names);
      if (mismatch === undefined) return callback(null, socket);
      socket.destroy();
      const refused = Object.assign(new Error(mismatch), { code: 'ERR_TLS_SERVER_IDENTITY' });
      callback(refused, null);
    });
  };
}
