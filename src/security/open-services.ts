import type { IncomingMessage } from 'node:http';
import type { Reply } from '../reference/shared/http-app.ts';
import type { MutualTlsProfile } from '../transport/index.ts';

/** The debug and status pages a careless deployment leaves open. */
const DEBUG_PATHS = new Set(['/debug', '/server-status', '/admin', '/.env']);

/**
 * The needless open services of INC-2003-NAGANO, for a replica (`servesUndeclared`): TRACE on
 * any path echoes the request, headers included (cross-site tracing), and a debug page lists
 * the runtime's versions and the file it runs from. Anything else is left to the routes.
 */
export function openServices(req: IncomingMessage, path: string): Reply | undefined {
  if (req.method === 'TRACE') {
    const head = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`);
    return {
      status: 200,
      headers: { 'content-type': 'message/http' },
      body: [`TRACE ${req.url ?? path} HTTP/${req.httpVersion}`, ...head].join('\r\n'),
    };
  }
  if (req.method === 'GET' && DEBUG_PATHS.has(path))
    return {
      status: 200,
      headers: { 'x-powered-by': `node ${process.versions.node}` },
      body: { versions: process.versions, main: import.meta.filename, uptimeS: process.uptime() },
    };
  return undefined;
}

/**
 * A replica's configuration dump (`leaksKeyMaterial`): every JSON answer, health and problems
 * alike, carries the TLS configuration it runs with, private key included.
 */
export function withConfiguration(key: string | undefined): (reply: Reply) => Reply {
  return (reply) =>
    reply.body !== null && typeof reply.body === 'object' && !Array.isArray(reply.body)
      ? { ...reply, body: { ...reply.body, configuration: { tls: { key: key ?? null } } } }
      : reply;
}

/**
 * A replica's configuration dump at start (`logsKeyMaterial`): the TLS material it runs with,
 * private key included, as fields of its `started` log line.
 */
export function configurationDump(tls: MutualTlsProfile): Readonly<Record<string, unknown>> {
  return {
    configuration: { tls: { certificate: tls.cert ?? null, key: tls.key ?? null, trustAnchor: tls.ca } },
  };
}
