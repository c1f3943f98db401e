import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { defaultCredentials } from './default-credentials.ts';
import { createTestPki } from './pki/test-pki.ts';
import { TLS_ENV, writeTlsMaterial } from './tls-material.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function material(): Promise<{ env: Record<string, string>; certPem: string; rootPem: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tekigo-default-credentials-'));
  dirs.push(dir);
  const pki = await createTestPki();
  const own = await pki.issue({ role: 'relay' });
  return { env: await writeTlsMaterial(dir, own, pki.rootPem), certPem: own.certPem, rootPem: pki.rootPem };
}

describe('the default-credentials replica defect (GEN-SEC-009)', () => {
  test('serves plain HTTP with none of the three variables, and the material given when all are', async () => {
    expect(await defaultCredentials('relay', {})).toBeUndefined();
    const { env, certPem, rootPem } = await material();
    expect(await defaultCredentials('relay', env)).toMatchObject({
      kind: 'mtls',
      cert: certPem,
      ca: rootPem,
    });
  });

  test('makes up a certificate and key when its key is missing, and a trust anchor when that is', async () => {
    const { env, certPem, rootPem } = await material();
    const withoutKey = await defaultCredentials('relay', { ...env, [TLS_ENV.key]: '' });
    expect(withoutKey?.cert).not.toBe(certPem);
    expect(withoutKey?.ca).toBe(rootPem);
    const withoutCa = await defaultCredentials('relay', { ...env, [TLS_ENV.ca]: '' });
    expect(withoutCa?.cert).toBe(certPem);
    expect(withoutCa?.ca).not.toBe(rootPem);
  });
});
