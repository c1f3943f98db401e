/**
 * The production-profile switches of a reference role: the reference sets every one to the
 * conformant behaviour; a replica (INC-2003-NAGANO) turns one off.
 */
export interface SecuritySeams {
  /** Refuse, in the TLS handshake, a client certificate not chaining to the trust anchor or out of its validity (GEN-SEC-001). */
  readonly verifiesClientCertificate: boolean;
  /** Take the caller's role from its certificate (GEN-SEC-002), or (the study's impersonated server) trust any loopback caller. */
  readonly identityFrom: 'certificate' | 'address';
  /** Refuse a municipality acting for another municipality's code (GEN-SEC-004). */
  readonly checksJurisdiction: boolean;
  /** Serve the upper tester in the production profile as well (GEN-SEC-012). */
  readonly upperTesterInProduction: boolean;
  /** Serve debug pages and answer TRACE by echoing the request, in the production profile (GEN-SEC-013). */
  readonly servesUndeclared: boolean;
  /** Put its TLS configuration, private key included, into every JSON answer (GEN-SEC-010). */
  readonly leaksKeyMaterial: boolean;
  /** Dump its TLS configuration, private key included, into its `started` log line (GEN-SEC-010). */
  readonly logsKeyMaterial: boolean;
  /**
   * Close a connection whose TLS handshake is not complete by the headers deadline (GEN-TMO-004);
   * false waits for it as long as the client likes, and serves at most `STARVED_CONNECTION_CAP`
   * connections at once (the relay keeps its declared cap).
   */
  readonly boundsHandshakes: boolean;
  /**
   * Given only part of its TLS material, make up the rest at start (a self-signed certificate and
   * key, a trust anchor of its own) and serve with it, instead of refusing to start (GEN-SEC-009).
   */
  readonly defaultCredentials: boolean;
  /**
   * When calling a peer, refuse a server whose certificate does not chain to the trust anchor or
   * does not name the peer expected at that address, before sending anything (GEN-SEC-005).
   */
  readonly verifiesServerCertificate: boolean;
  /**
   * How long, after each TLS handshake with a peer, it waits before sending on the connection
   * (0: at once). A replica that sends late shows that GEN-SEC-005 is judged on evidence (the
   * request, or the connection's end), not on how soon after the handshake the test stops looking.
   */
  readonly sendsAfterMs: number;
}

export const REFERENCE_SECURITY: SecuritySeams = Object.freeze({
  verifiesClientCertificate: true,
  identityFrom: 'certificate',
  checksJurisdiction: true,
  upperTesterInProduction: false,
  servesUndeclared: false,
  leaksKeyMaterial: false,
  logsKeyMaterial: false,
  boundsHandshakes: true,
  defaultCredentials: false,
  verifiesServerCertificate: true,
  sendsAfterMs: 0,
});

/** How many connections a replica that never abandons a handshake serves at once. */
export const STARVED_CONNECTION_CAP = 8;
