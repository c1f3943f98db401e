import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_HOST, plainProfile, type TransportProfile } from './transport-profile.ts';

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
}

const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;

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
  // Only `plain` exists today; the switch keeps the exhaustiveness check honest when mtls arrives.
  switch (profile.kind) {
    case 'plain':
      break;
  }
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  // Node checks the deadline only this often: a fraction of it keeps the close prompt.
  const connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.round(headersTimeout / 4)));
  const server = http.createServer(
    { requestTimeout: 0, headersTimeout, connectionsCheckingInterval },
    listener,
  );
  server.keepAliveTimeout = 5_000;
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
    url: `http://${host}:${port}`,
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
