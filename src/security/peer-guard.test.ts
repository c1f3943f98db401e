import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isInternal, peerGuard } from './peer-guard.ts';
import { REFERENCE_SECURITY } from './security-seams.ts';

/** A request on a TLS socket whose verified certificate names `names`. */
function requestFrom(names: string | undefined, remoteAddress = '127.0.0.1'): IncomingMessage {
  return {
    socket: {
      remoteAddress,
      authorized: names !== undefined,
      getPeerCertificate: () => (names === undefined ? {} : { subjectaltname: names }),
    },
  } as unknown as IncomingMessage;
}
const municipality = (code: string) =>
  `URI:urn:tekigo:role:municipality, URI:urn:tekigo:municipality:${code}`;

describe('peerGuard', () => {
  const guard = peerGuard('national-center', REFERENCE_SECURITY);
  const changes = (names: string | undefined, body: unknown = { municipalityCode: '131016' }) =>
    guard({ req: requestFrom(names), method: 'POST', route: '/resident-changes', body })?.status;

  it('lets the entitled role through for its own municipality', () => {
    expect(changes(municipality('131016'))).toBeUndefined();
  });
  it('refuses 403 another role, another municipality, and a certificate naming no role', () => {
    expect(changes('URI:urn:tekigo:role:relay')).toBe(403);
    expect(changes(municipality('011002'))).toBe(403);
    expect(changes('DNS:localhost')).toBe(403);
  });
  it('leaves the upper tester to the test-mode rule and opens health to any party', () => {
    expect(
      guard({
        req: requestFrom(undefined),
        method: 'GET',
        route: '/conformance/capabilities',
        body: undefined,
      }),
    ).toBeUndefined();
    expect(
      guard({
        req: requestFrom('URI:urn:tekigo:role:relay'),
        method: 'GET',
        route: '/health',
        body: undefined,
      }),
    ).toBeUndefined();
  });
  it('as the replicas turn it: jurisdiction ignored, any loopback caller believed', () => {
    const lax = peerGuard('national-center', { ...REFERENCE_SECURITY, checksJurisdiction: false });
    expect(
      lax({
        req: requestFrom(municipality('011002')),
        method: 'POST',
        route: '/resident-changes',
        body: { municipalityCode: '131016' },
      }),
    ).toBeUndefined();
    const byAddress = peerGuard('national-center', { ...REFERENCE_SECURITY, identityFrom: 'address' });
    expect(
      byAddress({
        req: requestFrom('URI:urn:tekigo:role:relay'),
        method: 'POST',
        route: '/resident-changes',
        body: {},
      }),
    ).toBeUndefined();
  });
});

describe('isInternal', () => {
  it('trusts loopback and private IPv4 (a container network gateway), nothing else', () => {
    for (const address of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '172.18.0.1',
      '::ffff:10.1.2.3',
      '192.168.5.1',
    ])
      expect(isInternal(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '::ffff:203.0.113.9', '2001:db8::1', undefined])
      expect(isInternal(address), String(address)).toBe(false);
  });
});
