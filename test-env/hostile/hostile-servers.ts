/**
 * Targets that misbehave, for the hostile-target battery: each is a server on 127.0.0.1 that
 * breaks one expectation tekigo has of an implementation. They run in the test's own process.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface HostileServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const VALID_CAPABILITIES: Record<string, unknown> = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL(
        '../../specs/examples/upper-tester/capabilities/valid-certification-authority.json',
        import.meta.url,
      ),
    ),
    'utf8',
  ),
);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
};

/** A healthy /health; `capabilities` decides how GET /conformance/capabilities goes wrong. */
const withHealth =
  (capabilities: Handler): Handler =>
  (req, res) => {
    if (req.url === '/health') return json(res, 200, { status: 'up' });
    if (req.url === '/conformance/capabilities') return capabilities(req, res);
    json(res, 404, { type: 'not-found' });
  };

/** HTTP behaviours, by name. */
export const HTTP_BEHAVIOURS = {
  /** A /health body of 300 KB: the first reachability check must consume or cancel it. */
  'huge-health': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('x'.repeat(300 * 1024));
  },
  'health-503': (_req, res) => json(res, 503, { status: 'down' }),
  'no-upper-tester': withHealth((_req, res) => json(res, 404, { type: 'not-found' })),
  /** Status and headers at once, then one byte every 200 ms, never finishing. */
  'slow-drip': withHealth((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), 200);
    req.socket.on('close', () => clearInterval(timer));
  }),
  'not-json': withHealth((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('<html>test mode is off</html>');
  }),
  'wrong-content-type': withHealth((_req, res) => json(res, 200, VALID_CAPABILITIES, 'text/plain')),
  'invalid-capabilities': withHealth((_req, res) => json(res, 200, { role: 'certification-authority' })),
  'absurd-capabilities': withHealth((_req, res) => {
    const parameters = VALID_CAPABILITIES.parameters as { retry: Record<string, unknown> };
    json(res, 200, {
      ...VALID_CAPABILITIES,
      parameters: {
        ...parameters,
        retry: { ...parameters.retry, initialBackoffMs: 60_000, maxBackoffMs: 10 },
      },
    });
  }),
  /** Never answers anything; the connection stays open. */
  hang: () => {},
} satisfies Record<string, Handler>;

export type HttpBehaviour = keyof typeof HTTP_BEHAVIOURS;

export async function startHttpHostile(behaviour: HttpBehaviour, port = 0): Promise<HostileServer> {
  const server = createHttpServer(HTTP_BEHAVIOURS[behaviour]);
  return listen(server, port, () => {
    server.closeAllConnections();
  });
}

/** TCP behaviours below HTTP: bytes that are not HTTP, or a reset on every connection. */
export async function startTcpHostile(behaviour: 'garbage' | 'reset', port = 0): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (behaviour === 'reset') socket.resetAndDestroy();
    else socket.once('data', () => socket.end('\u0000\u0001garbage that is not HTTP\r\n\r\n'));
  });
  return listen(server, port, () => {
    for (const socket of sockets) socket.destroy();
  });
}

async function listen(
  server: net.Server,
  port: number,
  closeConnections: () => void,
): Promise<HostileServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        closeConnections();
        server.close(() => resolve());
      }),
  };
}
