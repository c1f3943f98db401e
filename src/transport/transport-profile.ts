/**
 * How parties talk. Every server and client in tekigo is created through this module, so the
 * production security profile (mutual TLS, peer identity from the certificate) is a profile kind
 * here and nothing in suites, mocks or references changes.
 */
export type TransportProfile = { readonly kind: 'plain' } | MutualTlsProfile;

/**
 * Mutual TLS (the production profile, specs/README.md "Production profile"): the party's own
 * certificate and key and the trust anchor its peers' certificates must chain to, all PEM.
 */
export interface MutualTlsProfile {
  readonly kind: 'mtls';
  /** Required for a server; a client without one is only for showing that servers refuse it. */
  readonly cert?: string;
  readonly key?: string;
  readonly ca: string;
  /**
   * A server refuses, during the handshake, a client without a certificate chaining to `ca` or
   * outside its validity period (GEN-SEC-001). Default true; false is a replica switch.
   */
  readonly verifiesPeer?: boolean;
  /**
   * A server closes a connection whose handshake is not complete by its headers deadline
   * (GEN-TMO-004). Default true; false (a replica switch) waits for as long as the client likes.
   */
  readonly boundsHandshake?: boolean;
  /**
   * A client refuses a server whose certificate does not chain to `ca`. Default true; false only
   * for asking whether a server serves at all, whatever certificate it shows (GEN-SEC-009).
   */
  readonly verifiesServer?: boolean;
  /**
   * The role each server must name in its certificate, by `host:port` (GEN-SEC-005): a client
   * given this table ends, before sending anything, a connection to a server whose certificate
   * names another role, and refuses to connect to an address the table does not hold. Without
   * it, any server chaining to `ca` is accepted (tekigo's own clients, which know whom they call).
   */
  readonly serverRoles?: Readonly<Record<string, string>>;
  /**
   * A client waits this long after each connection's TLS handshake before it writes anything on
   * it, its request timeouts running that much longer so that the request is still written.
   * Default 0; more is a replica switch (a role that sends late, GEN-SEC-005).
   */
  readonly sendDelayMs?: number;
}

export const plainProfile: TransportProfile = Object.freeze({ kind: 'plain' });

/** `http:` or `https:`, the scheme of a server or the URL of a peer under `profile`. */
export function schemeOf(profile: TransportProfile): 'http' | 'https' {
  return profile.kind === 'mtls' ? 'https' : 'http';
}

/** Loopback only: tekigo never listens on or sends to anything else in the embedded environment. */
export const LOOPBACK_HOST = '127.0.0.1';
