import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportFiles } from '../conformance/build-report.ts';
import { TekigoUsageError } from '../errors.ts';
import { defaultSpecsDir } from '../spec/load-spec.ts';
import { specDigest } from '../spec/spec-digest.ts';
import { verifyBundle, writeBundle } from './bundle.ts';
import { sampleReport } from './report-fixtures.ts';

let work: string;
let reportDir: string;

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tekigo-bundle-'));
  reportDir = join(work, 'report');
  const report = sampleReport({ specDigest: await specDigest(defaultSpecsDir()) });
  await mkdir(reportDir);
  for (const [name, content] of Object.entries(reportFiles(report)))
    await writeFile(join(reportDir, name), content);
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('signed bundles', () => {
  test('a fresh bundle verifies; one byte changed in any file fails, naming that file', async () => {
    const bundle = await writeBundle({ reportDir, specsDir: defaultSpecsDir() });
    expect(bundle.generatedKey).toBe(true);
    expect(await readFile(bundle.publicKeyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(await verifyBundle(bundle.bundleDir)).toMatchObject({ ok: true, fingerprint: bundle.fingerprint });
    const files = await filesOf(bundle.bundleDir);
    expect(files).toEqual(
      expect.arrayContaining([
        'report.json',
        'junit.xml',
        'report.sarif',
        'summary.md',
        'manifest.json',
        'manifest.sig',
        'specs/requirements.yaml',
      ]),
    );
    for (const file of files) {
      const path = join(bundle.bundleDir, file);
      const original = await readFile(path);
      const flipped = Buffer.from(original);
      const at = Math.floor(flipped.length / 2);
      flipped[at] = (flipped[at] as number) ^ 0x01;
      await writeFile(path, flipped);
      const outcome = await verifyBundle(bundle.bundleDir);
      await writeFile(path, original);
      expect(outcome, file).toMatchObject({ ok: false, file });
    }
    expect((await verifyBundle(bundle.bundleDir)).ok).toBe(true);
    await writeFile(join(bundle.bundleDir, 'specs', 'extra.txt'), 'x');
    expect(await verifyBundle(bundle.bundleDir)).toMatchObject({ ok: false, file: 'specs/extra.txt' });
  }, 300_000);

  test('--signing-key signs with the given Ed25519 key; --public-key pins the signer', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(work, 'signing.pem');
    const pubFile = join(work, 'signer.pub.pem');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const bundle = await writeBundle({
      reportDir,
      specsDir: defaultSpecsDir(),
      bundleDir: join(work, 'signed'),
      signingKeyFile: keyFile,
    });
    expect(bundle.generatedKey).toBe(false);
    expect((await verifyBundle(bundle.bundleDir, pubFile)).ok).toBe(true);
    const other = join(work, 'other.pub.pem');
    await writeFile(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    expect(await verifyBundle(bundle.bundleDir, other)).toMatchObject({ ok: false, file: 'manifest.json' });
  });

  test('a key that is not Ed25519, or a report judged against another spec, is refused with a usage error', async () => {
    const rsa = join(work, 'rsa.pem');
    await writeFile(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await expect(
      writeBundle({ reportDir, specsDir: defaultSpecsDir(), signingKeyFile: rsa }),
    ).rejects.toThrow(/is a rsa key; give an Ed25519 key/);
    const stale = join(work, 'stale');
    await mkdir(stale);
    await writeFile(join(stale, 'report.json'), reportFiles(sampleReport())['report.json'] as string);
    await expect(writeBundle({ reportDir: stale, specsDir: defaultSpecsDir() })).rejects.toBeInstanceOf(
      TekigoUsageError,
    );
  });
});
