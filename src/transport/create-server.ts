import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { refuseInStages } from './staged-close.ts';
import { LOOPBACK_HOST, plainProfile, schemeOf, type TransportProfile } from './transport-profile.ts';

export type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ListenOptions {
  readonly host?: string;
  /** 0 (the default) picks a free ephemeral port. */
  readonly port?: number;
  readonly profile?: TransportProfile;
  /**
   * A request whose headers are not complete this long after its connection opened (or its
   * first byte arrived) is answered 408 and its connection closed. GEN-TMO-001 allows 10 s.
   */
  readonly headersTimeoutMs?: number;
  /**
   * The largest header section read before the request is answered 431 (Node's default, 16 KiB,
   * when absent; GEN-VAL-013 allows up to 64 KiB).
   */
  readonly maxHeaderBytes?: number;
}

const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;
/** The longest timer Node sets (about 24 days): a handshake waited for as long as the client likes. */
const UNBOUNDED_HANDSHAKE_MS = 2 ** 31 - 1;

export interface StartedServer {
  readonly url: string;
  readonly server: http.Server;
  stop(): Promise<void>;
}

/** Creates and starts an HTTP server for `listener` according to the transport profile. */
export async function startServer(
  listener: RequestListener,
  options: ListenOptions = {},
): Promise<StartedServer> {
  const profile = options.profile ?? plainProfile;
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  // Node checks the deadline only this often: a fraction of it keeps the close prompt.
  const connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.round(headersTimeout / 4)));
  const serverOptions = {
    requestTimeout: 0,
    headersTimeout,
    connectionsCheckingInterval,
    ...(options.maxHeaderBytes !== undefined ? { maxHeaderSize: options.maxHeaderBytes } : {}),
  };
  let server: http.Server;
  switch (profile.kind) {
    case 'plain':
      server = http.createServer(serverOptions, listener);
      break;
    case 'mtls':
      if (profile.cert === undefined || profile.key === undefined)
        throw new TypeError('a mutual TLS server needs its certificate and key');
      // A client without an acceptable certificate is refused during the handshake (GEN-SEC-001).
      server = https.createServer(
        {
          ...serverOptions,
          cert: profile.cert,
          key: profile.key,
          ca: profile.ca,
          requestCert: true,
          rejectUnauthorized: profile.verifiesPeer ?? true,
          minVersion: 'TLSv1.2',
          // A handshake not complete by the headers deadline is abandoned and its connection
          // closed (GEN-TMO-004, specs/README.md d-handshake-deadline); Node's own is 120 s.
          handshakeTimeout: profile.boundsHandshake === false ? UNBOUNDED_HANDSHAKE_MS : headersTimeout,
        },
        listener,
      );
      break;
  }
  server.keepAliveTimeout = 5_000;
  // A request the parser refuses is answered and its connection closed in stages (RFC 9112 §9.6).
  server.on('clientError', refuseInStages);
  const host = options.host ?? LOOPBACK_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${schemeOf(profile)}://${host}:${port}`,
    server,
    stop: () => stopServer(server),
  };
}

/** Closes a server without waiting for idle keep-alive or hung connections to end by themselves. */
export function stopServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * The subject alternative names of the certificate the client presented on this request's
 * connection, as Node writes them (`URI:…, IP Address:…`); undefined over plain HTTP or
 * without a certificate the server verified.
 */
export function verifiedPeerNames(req: http.IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return undefined;
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return undefined;
  return socket.authorized === true ? certificate.subjectaltname : undefined;
}

/** Like `verifiedPeerNames`, without asking whether the certificate was verified (a replica's view). */
export function presentedPeerNames(req: http.IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return undefined;
  return socket.getPeerCertificate()?.subjectaltname;
}
