import { describe, expect, test } from 'vitest';
import { type ServerTrial, serverVerified } from './check-server-verified.ts';
import { applyCheck } from './define-check.ts';

const trial = (over: Partial<ServerTrial> = {}): ServerTrial => ({
  presented: 'a valid national-center certificate',
  acceptable: true,
  connections: 1,
  handshakesFailed: 0,
  requests: 1,
  held: 0,
  watchedMs: 2_000,
  clientRoles: ['relay'],
  refs: [{ ledger: 'suite', seq: 1 }],
  ...over,
});
const untrusted = (over: Partial<ServerTrial> = {}) =>
  trial({
    presented: 'a national-center certificate from an untrusted issuer',
    acceptable: false,
    connections: 0,
    handshakesFailed: 1,
    requests: 0,
    clientRoles: [],
    ...over,
  });
const otherParty = (over: Partial<ServerTrial> = {}) =>
  trial({ presented: 'a valid municipality certificate', acceptable: false, requests: 0, ...over });

describe('serverVerified (GEN-SEC-005)', () => {
  test('passes a role that sends to its peer and connects to, but sends nothing to, the wrong servers', () => {
    const [finding] = applyCheck(serverVerified, [trial(), untrusted(), otherParty()]);
    expect(finding).toMatchObject({ verdict: 'pass', check: 'server-certificate-verified' });
    expect(finding?.message).toMatch(/client certificate naming relay/);
    expect(finding?.message).toMatch(
      /every connection to the servers presenting a national-center certificate from an untrusted issuer; a valid municipality certificate$/,
    );
  });

  test('fails a role that sends to a server from an untrusted issuer or naming another party', () => {
    const [finding] = applyCheck(serverVerified, [
      trial(),
      untrusted({ connections: 1, handshakesFailed: 0, requests: 1 }),
      otherParty({ requests: 2 }),
    ]);
    expect(finding?.verdict).toBe('fail');
    expect(finding?.message).toBe(
      'sent 1 request(s) to a server presenting a national-center certificate from an untrusted issuer; sent 2 request(s) to a server presenting a valid municipality certificate',
    );
  });

  test('is inconclusive when the role never called even the valid peer, or never tried the wrong one', () => {
    expect(applyCheck(serverVerified, [trial({ requests: 0 }), untrusted()])[0]?.verdict).toBe(
      'inconclusive',
    );
    expect(applyCheck(serverVerified, [trial(), untrusted({ handshakesFailed: 0 })])[0]?.message).toMatch(
      /never connected/,
    );
    expect(applyCheck(serverVerified, [])[0]?.verdict).toBe('inconclusive');
  });

  test('fails a role that sends on a connection to a wrong server however late, once the request is seen', () => {
    const [finding] = applyCheck(serverVerified, [
      trial(),
      untrusted(),
      otherParty({ requests: 1, held: 0 }),
    ]);
    expect(finding?.verdict).toBe('fail');
    expect(finding?.message).toMatch(/^sent 1 request\(s\) to a server presenting a valid municipality/);
  });

  test('is inconclusive, never passed, while a connection to a wrong server is still open and silent', () => {
    const [finding] = applyCheck(serverVerified, [
      trial(),
      untrusted(),
      otherParty({ held: 1, watchedMs: 8_000 }),
    ]);
    expect(finding?.verdict).toBe('inconclusive');
    expect(finding?.message).toBe(
      '1 connection(s) it completed to the server presenting a valid municipality certificate neither carried a request nor ended within 8000 ms of its first handshake: nothing shows it would not have sent on them later',
    );
    // A connection kept open to its real peer is no concern.
    expect(applyCheck(serverVerified, [trial({ held: 1 }), untrusted(), otherParty()])[0]?.verdict).toBe(
      'pass',
    );
  });
});
