/**
 * How a party is named in the production profile (specs/README.md, "Production profile"): its
 * certificate's subject alternative names carry `urn:tekigo:role:<role>` and, for a
 * municipality, `urn:tekigo:municipality:<code>`. A receiver takes both from the certificate,
 * never from headers or the body (GEN-SEC-002).
 */
export interface PartyIdentity {
  readonly role: string;
  /** The six-digit local government code, for a municipality (or a terminal acting for one). */
  readonly municipalityCode?: string;
}

export const ROLE_URI_PREFIX = 'urn:tekigo:role:';
export const MUNICIPALITY_URI_PREFIX = 'urn:tekigo:municipality:';

/** The URIs a certificate for `identity` carries. */
export function subjectAltNames(identity: PartyIdentity): string[] {
  return [
    `${ROLE_URI_PREFIX}${identity.role}`,
    ...(identity.municipalityCode === undefined
      ? []
      : [`${MUNICIPALITY_URI_PREFIX}${identity.municipalityCode}`]),
  ];
}

/**
 * The identity in Node's `subjectaltname` string of a peer certificate (e.g.
 * `URI:urn:tekigo:role:municipality, URI:urn:tekigo:municipality:131016, IP Address:127.0.0.1`);
 * undefined when it names no role, or more than one.
 */
export function identityFromSubjectAltName(subjectAltName: string | undefined): PartyIdentity | undefined {
  if (!subjectAltName) return undefined;
  const uris = subjectAltName
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('URI:'))
    .map((part) => part.slice('URI:'.length));
  const roles = uris.filter((u) => u.startsWith(ROLE_URI_PREFIX)).map((u) => u.slice(ROLE_URI_PREFIX.length));
  const codes = uris
    .filter((u) => u.startsWith(MUNICIPALITY_URI_PREFIX))
    .map((u) => u.slice(MUNICIPALITY_URI_PREFIX.length));
  const [role] = roles;
  if (roles.length !== 1 || role === undefined || codes.length > 1) return undefined;
  return codes[0] === undefined ? { role } : { role, municipalityCode: codes[0] };
}
