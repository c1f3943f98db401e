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
    if (seams.identityFrom === 'address' && isLoopback(req.socket.remoteAddress)) return undefined;
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

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
