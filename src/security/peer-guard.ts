import type { IncomingMessage } from 'node:http';
import { type Problem, problem } from '../spec/problem-types.ts';
import { presentedPeerNames, verifiedPeerNames } from '../transport/index.ts';
import { accessRuleFor, mayCall } from './access-policy.ts';
import { identityFromSubjectAltName } from './party-identity.ts';
import type { SecuritySeams } from './security-seams.ts';

/** What a production-profile server knows of a request when it decides who may make it. */
export interface GuardedRequest {
  readonly req: IncomingMessage;
  readonly method: string;
  /** The route matched, as declared (`/card-batches/:batchId`). */
  readonly route: string;
  /** The parsed JSON body, for a route that takes one. */
  readonly body: unknown;
}

export type PeerGuard = (request: GuardedRequest) => Problem | undefined;

const forbidden = (detail: string): Problem => problem('forbidden', { detail });

/**
 * The production-profile authorisation of `role`: the caller's role and municipality code come
 * from its certificate (GEN-SEC-002), never from the message; a role not allowed on the route
 * is refused 403 (GEN-SEC-003), and so is a municipality acting for another code (GEN-SEC-004).
 * Paths under /conformance/ are left to the test-mode rule (404 outside test mode).
 */
export function peerGuard(role: string, seams: SecuritySeams): PeerGuard {
  return ({ req, method, route, body }) => {
    if (route.startsWith('/conformance/')) return undefined;
    // The impersonation of the 2003 study: whoever connects from a trusted address is believed.
    if (seams.identityFrom === 'address' && isInternal(req.socket.remoteAddress)) return undefined;
    const names = seams.verifiesClientCertificate ? verifiedPeerNames(req) : presentedPeerNames(req);
    const identity = identityFromSubjectAltName(names);
    if (!identity) return forbidden('the client certificate names no role');
    const rule = accessRuleFor(role, method, route);
    if (!rule || !mayCall(rule, role, identity.role))
      return forbidden(`a ${identity.role} certificate may not use ${rule?.interface ?? 'this route'}`);
    if (rule.jurisdiction === undefined || !seams.checksJurisdiction) return undefined;
    if (identity.role === 'municipality' && identity.municipalityCode === undefined)
      return forbidden('the municipality certificate names no municipality code');
    if (identity.municipalityCode === undefined || typeof body !== 'object' || body === null)
      return undefined;
    const claimed = (body as Record<string, unknown>)[rule.jurisdiction];
    return claimed === undefined || claimed === identity.municipalityCode
      ? undefined
      : forbidden(`${rule.jurisdiction} differs from the municipality code of the client certificate`);
  };
}

/**
 * The municipality code a request's client certificate names, for what only the owning
 * municipality may read (NC-CARD-008); undefined for other callers, and always for a replica that
 * ignores jurisdiction.
 */
export function callerMunicipality(seams: SecuritySeams): (req: IncomingMessage) => string | undefined {
  return (req) => {
    if (!seams.checksJurisdiction) return undefined;
    const names = seams.verifiesClientCertificate ? verifiedPeerNames(req) : presentedPeerNames(req);
    const identity = identityFromSubjectAltName(names);
    return identity?.role === 'municipality' ? identity.municipalityCode : undefined;
  };
}

/**
 * The "trusted" addresses of the 2003 study: loopback and the private IPv4 ranges (RFC 1918), so
 * that a caller reaching a container through its network's gateway is believed too.
 */
export function isInternal(address: string | undefined): boolean {
  if (address === undefined) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  const [a = -1, b = -1] = v4.split('.').map(Number);
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
