import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, mutualTls, type TestPki } from '../security/pki/test-pki.ts';
import { type StartedServer, startServer, verifiedPeerNames } from './create-server.ts';
import { createHttpClient } from './http-client.ts';
import { probeHttp } from './probe.ts';
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
  it('probes a server whatever certificate it shows only when told not to verify it', async () => {
    const rogue = await createTestPki();
    const profile = mutualTls(await rogue.issue({ role: 'national-center' }), rogue.rootPem);
    const server = await startServer((_req, res) => res.end('ok'), { profile });
    try {
      // Its client certificate is one the server trusts; its trust anchor is not the server's.
      const client = mutualTls(await rogue.issue({ role: 'national-center' }), pki.rootPem);
      const strict = await probeHttp(`${server.url}/health`, { timeoutMs: 5_000, profile: client });
      expect(strict.kind).toBe('network-error');
      const lax = await probeHttp(`${server.url}/health`, {
        timeoutMs: 5_000,
        profile: { ...client, verifiesServer: false },
      });
      expect(lax).toMatchObject({ kind: 'answered', answer: { status: 200 } });
    } finally {
      await server.stop();
    }
  });

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
