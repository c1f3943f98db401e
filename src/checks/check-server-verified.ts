import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** What the mock peer saw while its server presented one certificate and the target was made to call it. */
export interface ServerTrial {
  /** The certificate the peer's server presented, e.g. `a national-center certificate from an untrusted issuer`. */
  readonly presented: string;
  /** Whether that certificate chains to the trust anchor and names the expected peer. */
  readonly acceptable: boolean;
  /** TLS connections the target completed to the peer. */
  readonly connections: number;
  /** TLS handshakes with the target that failed (the target ended them, or never finished them). */
  readonly handshakesFailed: number;
  /** Requests the peer received from the target, any path. */
  readonly requests: number;
  /**
   * Completed connections that, when the test stopped looking, had neither ended nor carried a
   * request (0 once any request arrived: one request settles a trial).
   */
  readonly held: number;
  /** How long the test waited, after the first handshake, for each connection to carry a request or end. */
  readonly watchedMs: number;
  /** The roles the target's client certificates named on its completed connections. */
  readonly clientRoles: readonly string[];
  readonly refs: readonly EvidenceRef[];
}

const REQUIREMENT = 'GEN-SEC-005';

/**
 * GEN-SEC-005: a role sends nothing to a server whose certificate does not chain to its trust
 * anchor or does not name the peer it calls; it refuses the handshake or ends the connection
 * before any request. The trial with the expected peer's valid certificate shows that the role was
 * made to call at all; a trial where the role never even connected proves nothing. Nor does a
 * connection to an unacceptable server the role still held, silent, when the test stopped
 * watching: the requirement forbids sending, and sets no time by which a client must end such a
 * connection, so nothing shows it would not have sent on it later (inconclusive, never a pass).
 */
export const serverVerified = defineCheck<readonly ServerTrial[]>({
  name: 'server-certificate-verified',
  requirements: [REQUIREMENT],
  judge(trials): Finding {
    const evidence = trials.flatMap((t) => t.refs);
    const finding = (verdict: Finding['verdict'], message: string): Finding => ({
      requirement: REQUIREMENT,
      verdict,
      message,
      evidence,
    });
    const sentTo = trials.filter((t) => !t.acceptable && t.requests > 0);
    if (sentTo.length > 0)
      return finding(
        'fail',
        sentTo.map((t) => `sent ${t.requests} request(s) to a server presenting ${t.presented}`).join('; '),
      );
    const valid = trials.filter((t) => t.acceptable);
    const refused = trials.filter((t) => !t.acceptable);
    if (valid.length === 0 || refused.length === 0)
      return finding(
        'inconclusive',
        'no trial with both an acceptable and an unacceptable server certificate',
      );
    const unreached = valid.find((t) => t.requests === 0);
    if (unreached)
      return finding(
        'inconclusive',
        `it sent nothing even to a server presenting ${unreached.presented}: it was not made to call its peer`,
      );
    const untried = refused.find((t) => t.connections + t.handshakesFailed === 0);
    if (untried)
      return finding(
        'inconclusive',
        `it never connected to the server presenting ${untried.presented}: nothing shows it would have refused it`,
      );
    const held = refused.filter((t) => t.held > 0);
    if (held.length > 0)
      return finding(
        'inconclusive',
        held
          .map(
            (t) =>
              `${t.held} connection(s) it completed to the server presenting ${t.presented} neither carried a request nor ended within ${t.watchedMs} ms of its first handshake: nothing shows it would not have sent on them later`,
          )
          .join('; '),
      );
    const roles = [...new Set(valid.flatMap((t) => t.clientRoles))];
    return finding(
      'pass',
      `sent to ${valid.map((t) => t.presented).join(', ')} (its client certificate naming ${roles.join(', ') || 'no role'}); refused, or ended before any request, every connection to the servers presenting ${refused.map((t) => t.presented).join('; ')}`,
    );
  },
});
