import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, mutualTls, type TestPki } from '../security/pki/test-pki.ts';
import { type StartedServer, startServer, verifiedPeerNames } from './create-server.ts';
import { createHttpClient } from './http-client.ts';
import type { MutualTlsProfile } from './transport-profile.ts';

let pki: TestPki;
let server: StartedServer;

beforeAll(async () => {
  pki = await createTestPki();
  const own = await pki.issue({ role: 'national-center' });
  server = await startServer((req, res) => res.end(verifiedPeerNames(req) ?? 'anonymous'), {
    profile: mutualTls(own, pki.rootPem),
  });
});
afterAll(() => server.stop());

async function call(profile: MutualTlsProfile): Promise<string> {
  const client = createHttpClient(profile);
  try {
    const response = await client.fetch(`${server.url}/health`, { timeoutMs: 5_000 });
    return await response.text();
  } catch (error) {
    return `refused: ${(error as Error).name}`;
  } finally {
    await client.close();
  }
}

describe('mutual TLS', () => {
  it('serves https and tells the handler who the verified client is', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const credential = await pki.issue({ role: 'municipality', municipalityCode: '131016' });
    expect(await call(mutualTls(credential, pki.rootPem))).toBe(
      'URI:urn:tekigo:role:municipality, URI:urn:tekigo:municipality:131016, DNS:localhost, IP Address:127.0.0.1',
    );
  });

  it('refuses, in the handshake, no certificate, an untrusted issuer and an expired certificate', async () => {
    expect(await call({ kind: 'mtls', ca: pki.rootPem })).toBe('refused: TypeError');
    for (const variant of ['wrong-issuer', 'expired'] as const) {
      const credential = await pki.issue({ role: 'municipality' }, variant);
      expect(await call(mutualTls(credential, pki.rootPem))).toBe('refused: TypeError');
    }
  });

  it('ends, before any request, a connection to a server naming another party than the one expected there', async () => {
    const credential = await pki.issue({ role: 'relay' });
    const address = new URL(server.url).host;
    const expecting = (role: string) => ({
      ...mutualTls(credential, pki.rootPem),
      serverRoles: { [address]: role },
    });
    expect(await call(expecting('national-center'))).toMatch(/^URI:urn:tekigo:role:relay/);
    expect(await call(expecting('municipality'))).toBe('refused: TypeError');
    expect(await call({ ...mutualTls(credential, pki.rootPem), serverRoles: {} })).toBe('refused: TypeError');
    // A client that does not verify the server (a replica's switch) checks no name either.
    expect(await call({ ...expecting('municipality'), verifiesServer: false })).toMatch(
      /^URI:urn:tekigo:role:relay/,
    );
  });
});
