import { REFERENCE_SECURITY, type SecuritySeams } from './security-seams.ts';

/**
 * The production-profile replicas of INC-2003-NAGANO, as data every role's `replicas.ts` spreads
 * in: each turns one switch of `SecuritySeams` off and declares the requirements the security
 * profile must then fail. They are judged with `--profile production` (`profile` below).
 */
export interface SecurityReplica {
  readonly name: string;
  readonly kind: 'incident';
  readonly incidents: readonly string[];
  readonly violates: readonly string[];
  readonly description: string;
  readonly profile: 'production';
  readonly seams: { readonly security: SecuritySeams };
}

interface Defect {
  readonly suffix: string;
  readonly violates: readonly string[];
  readonly description: string;
  readonly security: Partial<SecuritySeams>;
  /** Only for roles that serve an interface carrying a municipality code. */
  readonly jurisdictional?: boolean;
  /** Only for roles the production profile can make call a peer (`<PREFIX>-A10`). */
  readonly sending?: boolean;
  /**
   * Only for roles that call that peer after answering the request that caused the call (the
   * center's revocation requests): where a role answers only once its peer has, a late send is
   * already seen before the answer.
   */
  readonly callsAfterAnswer?: boolean;
}

/** How long `<prefix>-trusts-any-server-late` waits after a handshake before sending. */
const LATE_SEND_MS = 1_500;

const DEFECTS: readonly Defect[] = [
  {
    suffix: 'accepts-any-certificate',
    violates: ['GEN-SEC-001'],
    description:
      'Asks for a client certificate but completes the TLS handshake whatever comes: none, one from an unknown issuer, an expired one.',
    security: { verifiesClientCertificate: false },
  },
  {
    suffix: 'trusts-by-address',
    violates: ['GEN-SEC-002', 'GEN-SEC-003'],
    description:
      'Believes any caller on a trusted address, whatever its certificate names: the impersonated resident-record server of the 2003 study.',
    security: { identityFrom: 'address' },
  },
  {
    suffix: 'ignores-jurisdiction',
    violates: ['GEN-SEC-004'],
    description:
      "Checks the caller's role but not its municipality code: a municipality may change another municipality's residents.",
    security: { checksJurisdiction: false },
    jurisdictional: true,
  },
  {
    suffix: 'upper-tester-in-production',
    violates: ['GEN-SEC-012'],
    description: 'Serves the test-control API under /conformance/ in the production profile too.',
    security: { upperTesterInProduction: true },
  },
  {
    suffix: 'open-services',
    violates: ['GEN-SEC-013', 'GEN-ERR-004', 'GEN-ERR-006'],
    description:
      'Leaves a debug page open (runtime versions, the file it runs from) and answers TRACE by echoing the request, headers included: the needless open services of the 2003 study.',
    security: { servesUndeclared: true },
  },
  {
    suffix: 'leaks-key-material',
    violates: ['GEN-SEC-010'],
    description:
      'Puts its configuration, TLS private key included, into every JSON answer: health and problems hand the key to anyone with a certificate.',
    security: { leaksKeyMaterial: true },
  },
  {
    suffix: 'logs-key-material',
    violates: ['GEN-SEC-010'],
    description:
      'Dumps its configuration, TLS private key included, into its log when it starts: whoever reads the log holds its key.',
    security: { logsKeyMaterial: true },
  },
  {
    suffix: 'stalled-handshakes-kept',
    violates: ['GEN-TMO-004'],
    description:
      'Waits for a TLS handshake as long as the client likes, and serves at most 8 connections at once: a few connections that never send their ClientHello, or stop part-way, are held forever and starve every real client.',
    security: { boundsHandshakes: false },
  },
  {
    suffix: 'default-credentials',
    violates: ['GEN-SEC-009'],
    description:
      'Started without its private key or its trust anchor, generates a self-signed certificate and a trust anchor of its own and serves with them, instead of refusing to start: the default credentials of the 2003 study.',
    security: { defaultCredentials: true },
  },
  {
    suffix: 'trusts-any-server',
    violates: ['GEN-SEC-005'],
    description:
      'Presents its client certificate but accepts whatever server answers: one from an unknown issuer, or one naming another party, is sent the records meant for its peer.',
    security: { verifiesServerCertificate: false },
    sending: true,
  },
  {
    suffix: 'trusts-any-server-late',
    violates: ['GEN-SEC-005'],
    description:
      'Accepts whatever server answers, like trusts-any-server, but waits 1.5 s after each TLS handshake before sending on the connection: a test that stops looking soon after the handshake sees the connection to an impostor carry nothing, and passes it.',
    security: { verifiesServerCertificate: false, sendsAfterMs: LATE_SEND_MS },
    sending: true,
    callsAfterAnswer: true,
  },
];

/** The security replicas of a role, named `<prefix>-<defect>` (e.g. `nc-trusts-by-address`). */
export function securityReplicas(
  prefix: string,
  options: { jurisdictional: boolean; sending?: boolean; callsAfterAnswer?: boolean },
): SecurityReplica[] {
  const applies = (d: Defect) =>
    (!d.jurisdictional || options.jurisdictional) &&
    (!d.sending || options.sending === true) &&
    (!d.callsAfterAnswer || options.callsAfterAnswer === true);
  return DEFECTS.filter(applies).map((d) => ({
    name: `${prefix}-${d.suffix}`,
    kind: 'incident',
    incidents: ['INC-2003-NAGANO'],
    violates: d.violates,
    description: d.description,
    profile: 'production',
    seams: { security: { ...REFERENCE_SECURITY, ...d.security } },
  }));
}
