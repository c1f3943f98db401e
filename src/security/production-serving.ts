import type { HttpAppOptions } from '../reference/shared/http-app.ts';
import type { MutualTlsProfile, TransportProfile } from '../transport/index.ts';
import { configurationDump, openServices, withConfiguration } from './open-services.ts';
import { callerMunicipality, type PeerGuard, peerGuard } from './peer-guard.ts';
import { type SecuritySeams, STARVED_CONNECTION_CAP } from './security-seams.ts';

/** What a reference role changes when it is given TLS material: its server, its client, its guard. */
export interface ProductionServing {
  /** The profile its server listens with (plain without TLS material). */
  readonly server: TransportProfile | undefined;
  /** The profile its outbound client calls peers with. */
  readonly client: TransportProfile | undefined;
  /** What its HTTP app is given: the authorisation (absent in the test profile), and a replica's open services. */
  readonly app: Pick<HttpAppOptions, 'authorise' | 'callerMunicipality' | 'undeclared' | 'alterReply'>;
  /** Whether it serves the upper tester. */
  readonly upperTester: boolean;
  /** The most connections its server holds at once, when a replica caps them (Node's default: none). */
  readonly maxConnections?: number;
  /** More fields of its `started` log line: a replica's configuration dump. */
  readonly startedLog?: Readonly<Record<string, unknown>>;
}

/** The production profile of `role` when `tls` is given, else the test profile exactly as before. */
export function productionServing(
  role: string,
  tls: MutualTlsProfile | undefined,
  security: SecuritySeams,
  testMode: boolean,
  peers: Readonly<Record<string, string>> = {},
): ProductionServing {
  if (!tls) return { server: undefined, client: undefined, upperTester: testMode, app: {} };
  const authorise: PeerGuard = peerGuard(role, security);
  return {
    server: {
      ...tls,
      verifiesPeer: security.verifiesClientCertificate,
      boundsHandshake: security.boundsHandshakes,
    },
    // Each peer's server must name the party it was given as (GEN-SEC-005); a replica trusts any.
    client: {
      ...tls,
      ...(security.verifiesServerCertificate
        ? { serverRoles: serverRolesOf(peers) }
        : { verifiesServer: false }),
      ...(security.sendsAfterMs > 0 ? { sendDelayMs: security.sendsAfterMs } : {}),
    },
    app: {
      authorise,
      callerMunicipality: callerMunicipality(security),
      ...(security.servesUndeclared ? { undeclared: openServices } : {}),
      ...(security.leaksKeyMaterial ? { alterReply: withConfiguration(tls.key) } : {}),
    },
    // A production-profile role serves no upper tester, whatever else it is told (GEN-SEC-012).
    upperTester: security.upperTesterInProduction,
    ...(security.boundsHandshakes ? {} : { maxConnections: STARVED_CONNECTION_CAP }),
    ...(security.logsKeyMaterial ? { startedLog: configurationDump(tls) } : {}),
  };
}

/**
 * The role each peer's server must name, by `host:port`: a peer's name is its party, or
 * `municipality/<code>` for one municipality (specs/README.md d-production-peers).
 */
export function serverRolesOf(peers: Readonly<Record<string, string>>): Record<string, string> {
  const roles: Record<string, string> = {};
  for (const [name, baseUrl] of Object.entries(peers)) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      continue;
    }
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    roles[`${url.hostname}:${port}`] = name.split('/')[0] ?? name;
  }
  return roles;
}
