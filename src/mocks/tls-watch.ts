import type { Server } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** What a mock served over mutual TLS notes of each connection, before any request on it. */
export type TlsConnectionNote =
  /** The handshake completed: the client's certificate names, as the mock verified them. */
  | { readonly what: 'tls-connection'; readonly data: { readonly clientNames: string | null } }
  /** The handshake failed: the client (or the mock) ended it, e.g. over the mock's certificate. */
  | { readonly what: 'tls-handshake-failed'; readonly data: { readonly error: string } };

/**
 * Notes every TLS connection to `server` (a mock started with a mutual TLS profile), so that a
 * test can tell a client that never connected from one that connected and sent nothing
 * (GEN-SEC-005: a caller refusing the server it reached).
 */
export function watchTlsConnections(server: Server, note: (entry: TlsConnectionNote) => void): void {
  server.on('secureConnection', (socket: TLSSocket) => {
    const names = socket.authorized ? socket.getPeerCertificate()?.subjectaltname : undefined;
    note({ what: 'tls-connection', data: { clientNames: names ?? null } });
  });
  server.on('tlsClientError', (error: NodeJS.ErrnoException) => {
    note({ what: 'tls-handshake-failed', data: { error: error.code ?? error.message } });
  });
}
