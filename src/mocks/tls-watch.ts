import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** What a mock served over mutual TLS notes of each connection. */
export type TlsConnectionNote =
  /**
   * The handshake completed, before any request on it: the connection's id (unique in the
   * process) and the client certificate's names, as the mock verified them.
   */
  | {
      readonly what: 'tls-connection';
      readonly data: { readonly connection: string; readonly clientNames: string | null };
    }
  /** A completed connection ended (either side closed it): its id and how many requests it carried. */
  | {
      readonly what: 'tls-connection-closed';
      readonly data: { readonly connection: string; readonly requests: number };
    }
  /** The handshake failed: the client (or the mock) ended it, e.g. over the mock's certificate. */
  | { readonly what: 'tls-handshake-failed'; readonly data: { readonly error: string } };

let lastConnection = 0;

/**
 * Notes every TLS connection to `server` (a mock started with a mutual TLS profile) and its end,
 * so that a test can tell a client that never connected from one that connected and sent nothing,
 * and wait for each connection to carry a request or end instead of for a fixed time (GEN-SEC-005:
 * a caller refusing the server it reached).
 */
export function watchTlsConnections(server: Server, note: (entry: TlsConnectionNote) => void): void {
  const open = new WeakMap<Socket, { requests: number }>();
  server.on('secureConnection', (socket: TLSSocket) => {
    const names = socket.authorized ? socket.getPeerCertificate()?.subjectaltname : undefined;
    const connection = `tls-${++lastConnection}`;
    const seen = { requests: 0 };
    open.set(socket, seen);
    note({ what: 'tls-connection', data: { connection, clientNames: names ?? null } });
    socket.once('close', () =>
      note({ what: 'tls-connection-closed', data: { connection, requests: seen.requests } }),
    );
  });
  // Counted as the request's head arrives, so the closing note never misses a request whose
  // exchange the mock records only later (or after the connection's end).
  server.on('request', (req: { socket: Socket }) => {
    const seen = open.get(req.socket);
    if (seen) seen.requests += 1;
  });
  server.on('tlsClientError', (error: NodeJS.ErrnoException) => {
    note({ what: 'tls-handshake-failed', data: { error: error.code ?? error.message } });
  });
}
