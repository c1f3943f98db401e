import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityFromSubjectAltName } from '../party-identity.ts';
import { createTestPki } from './test-pki.ts';

describe('createTestPki', () => {
  it('issues certificates naming the party, chaining to the root, and the variants that must be refused', async () => {
    const pki = await createTestPki();
    const root = new X509Certificate(pki.rootPem);
    const valid = new X509Certificate(
      (await pki.issue({ role: 'municipality', municipalityCode: '131016' })).certPem,
    );
    expect(valid.checkIssued(root) && valid.verify(root.publicKey)).toBe(true);
    expect(identityFromSubjectAltName(valid.subjectAltName)).toEqual({
      role: 'municipality',
      municipalityCode: '131016',
    });
    expect(valid.checkIP('127.0.0.1')).toBe('127.0.0.1');

    const expired = new X509Certificate((await pki.issue({ role: 'national-center' }, 'expired')).certPem);
    expect(expired.verify(root.publicKey)).toBe(true);
    expect(Date.parse(expired.validTo)).toBeLessThan(Date.now());

    const rogue = new X509Certificate((await pki.issue({ role: 'national-center' }, 'wrong-issuer')).certPem);
    expect(rogue.verify(root.publicKey)).toBe(false);
  });

  it('names the extra addresses it is given, so a party off loopback is verified by its address', async () => {
    const pki = await createTestPki({ addresses: ['172.28.0.1', 'peer.test'] });
    const cert = new X509Certificate((await pki.issue({ role: 'national-center' })).certPem);
    expect(cert.checkIP('172.28.0.1')).toBe('172.28.0.1');
    expect(cert.checkHost('peer.test')).toBe('peer.test');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('makes a fresh root every run', async () => {
    const [a, b] = await Promise.all([createTestPki(), createTestPki()]);
    expect(a.rootPem).not.toBe(b.rootPem);
  });
});

describe('the repository', () => {
  it('holds no PEM private key: test keys are made per run', () => {
    const marker = ['-----BEGIN', '(RSA |EC |ENCRYPTED )?PRIVATE KEY-----'].join(' ');
    let found = '';
    try {
      found = execFileSync('git', ['grep', '-l', '-E', '-e', marker], { encoding: 'utf8' });
    } catch (error) {
      // git grep exits 1 when nothing matches.
      if ((error as { status?: number }).status !== 1) throw error;
    }
    expect(found.trim()).toBe('');
  });
});

describe('identityFromSubjectAltName', () => {
  it('refuses a certificate naming no role or two', () => {
    expect(identityFromSubjectAltName('DNS:localhost')).toBeUndefined();
    expect(
      identityFromSubjectAltName('URI:urn:tekigo:role:relay, URI:urn:tekigo:role:national-center'),
    ).toBeUndefined();
    expect(identityFromSubjectAltName(undefined)).toBeUndefined();
  });
});
