import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TekigoUsageError } from '../errors.ts';
import { specDigest } from '../spec/spec-digest.ts';

/**
 * A signed evidence bundle is a folder: the run's report files (report.json holds every
 * exchange), `specs/` as it was when the run judged (its digest is the report's), a manifest
 * with the sha256 of every file, and an Ed25519 signature over the manifest.
 */
export const BUNDLE_FORMAT = 'tekigo-bundle/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
const REPORT_FILES = ['report.json', 'junit.xml', 'report.sarif', 'summary.md'] as const;

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly createdAt: string;
  readonly role: string;
  readonly target: string;
  readonly specDigest: string;
  /** The signer's Ed25519 public key, SPKI PEM. */
  readonly publicKey: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

interface SignatureFile {
  readonly algorithm: 'Ed25519';
  /** sha256 of manifest.json's bytes: tells a changed manifest from a changed signature. */
  readonly manifestSha256: string;
  readonly signature: string;
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** `sha256:<hex>` of the public key's DER: what an auditor compares with the key they were given. */
export const keyFingerprint = (key: KeyObject): string =>
  `sha256:${sha256(key.export({ type: 'spki', format: 'der' }))}`;

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

async function signingKey(file: string | undefined): Promise<{ key: KeyObject; generated: boolean }> {
  if (file === undefined) return { key: generateKeyPairSync('ed25519').privateKey, generated: true };
  let key: KeyObject;
  try {
    key = createPrivateKey(await readFile(file));
  } catch (error) {
    throw new TekigoUsageError(
      'BAD_SIGNING_KEY',
      `--signing-key ${file} cannot be read as a private key (${(error as Error).message}); give an Ed25519 key in PEM, e.g. from: openssl genpkey -algorithm ed25519`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TekigoUsageError(
      'BAD_SIGNING_KEY',
      `--signing-key ${file} is a ${key.asymmetricKeyType} key; give an Ed25519 key (openssl genpkey -algorithm ed25519)`,
    );
  }
  return { key, generated: false };
}

export interface WriteBundleOptions {
  readonly reportDir: string;
  /** Default `<reportDir>/bundle`; replaced when it exists. */
  readonly bundleDir?: string;
  readonly specsDir: string;
  /** Ed25519 private key (PEM); without it a key is generated and only its public part kept. */
  readonly signingKeyFile?: string;
}

export interface WrittenBundle {
  readonly bundleDir: string;
  readonly fingerprint: string;
  /** Where the public key was stored, beside the bundle. */
  readonly publicKeyFile: string;
  readonly publicKeyPem: string;
  readonly generatedKey: boolean;
  readonly files: number;
}

/** Writes and signs the bundle of the report in `reportDir`. */
export async function writeBundle(options: WriteBundleOptions): Promise<WrittenBundle> {
  const { key, generated } = await signingKey(options.signingKeyFile);
  const report = JSON.parse(await readFile(join(options.reportDir, 'report.json'), 'utf8')) as {
    role: string;
    target: string;
    specDigest: string;
  };
  const digest = await specDigest(options.specsDir);
  if (digest !== report.specDigest) {
    throw new TekigoUsageError(
      'SPEC_CHANGED',
      `cannot bundle: specs/ is now ${digest}, the report was judged against ${report.specDigest}; run again, then bundle`,
    );
  }
  const bundleDir = options.bundleDir ?? join(options.reportDir, 'bundle');
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  for (const name of REPORT_FILES) {
    await cp(join(options.reportDir, name), join(bundleDir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || name === 'report.json') throw error;
    });
  }
  await cp(options.specsDir, join(bundleDir, 'specs'), { recursive: true });
  const paths = await filesBelow(bundleDir);
  const files = [];
  for (const path of paths) files.push({ path, sha256: sha256(await readFile(join(bundleDir, path))) });
  const publicKey = createPublicKey(key);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt: new Date().toISOString(),
    role: report.role,
    target: report.target,
    specDigest: digest,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    files,
  };
  const manifestText = json(manifest);
  const signature: SignatureFile = {
    algorithm: 'Ed25519',
    manifestSha256: sha256(manifestText),
    signature: sign(null, Buffer.from(manifestText), key).toString('hex'),
  };
  await writeFile(join(bundleDir, MANIFEST), manifestText);
  await writeFile(join(bundleDir, SIGNATURE), json(signature));
  const publicKeyFile = `${bundleDir}.public-key.pem`;
  await mkdir(dirname(publicKeyFile), { recursive: true });
  await writeFile(publicKeyFile, manifest.publicKey);
  return {
    bundleDir,
    fingerprint: keyFingerprint(publicKey),
    publicKeyFile,
    publicKeyPem: manifest.publicKey,
    generatedKey: generated,
    files: files.length,
  };
}

export type VerifyOutcome =
  | { readonly ok: true; readonly fingerprint: string; readonly files: number; readonly specDigest: string }
  | { readonly ok: false; readonly file: string; readonly why: string };

const changed = (file: string, why: string): VerifyOutcome => ({ ok: false, file, why });

/**
 * Checks a bundle: the signature over the manifest (with `publicKeyFile` when given, else the key
 * the manifest names), every file's hash, that no file was added, and the spec digest of
 * `specs/` against the manifest and the report. The first problem names the file.
 */
export async function verifyBundle(bundleDir: string, publicKeyFile?: string): Promise<VerifyOutcome> {
  let signatureText: string;
  let manifestBytes: Buffer;
  try {
    signatureText = await readFile(join(bundleDir, SIGNATURE), 'utf8');
    manifestBytes = await readFile(join(bundleDir, MANIFEST));
  } catch (error) {
    throw new TekigoUsageError(
      'NOT_A_BUNDLE',
      `${bundleDir} is not a tekigo bundle (${(error as Error).message}); give the folder tekigo run --bundle wrote`,
    );
  }
  let sig: SignatureFile;
  try {
    sig = JSON.parse(signatureText) as SignatureFile;
  } catch {
    return changed(SIGNATURE, 'is not the JSON tekigo wrote');
  }
  if (
    json(sig) !== signatureText ||
    sig.algorithm !== 'Ed25519' ||
    !/^[0-9a-f]{64}$/.test(sig.manifestSha256) ||
    !/^[0-9a-f]{128}$/.test(sig.signature)
  ) {
    return changed(SIGNATURE, 'is not in the form tekigo writes');
  }
  if (sha256(manifestBytes) !== sig.manifestSha256)
    return changed(MANIFEST, 'does not have the content that was signed');
  let manifest: BundleManifest;
  let key: KeyObject;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as BundleManifest;
    key = createPublicKey(manifest.publicKey);
  } catch {
    return changed(MANIFEST, 'cannot be read');
  }
  if (publicKeyFile !== undefined) {
    let trusted: KeyObject;
    try {
      trusted = createPublicKey(await readFile(publicKeyFile));
    } catch (error) {
      throw new TekigoUsageError(
        'BAD_PUBLIC_KEY',
        `--public-key ${publicKeyFile} cannot be read as a public key (${(error as Error).message}); give the PEM file printed when the bundle was signed`,
      );
    }
    if (keyFingerprint(trusted) !== keyFingerprint(key)) {
      return changed(
        MANIFEST,
        `is signed by key ${keyFingerprint(key)}, not by ${keyFingerprint(trusted)} (--public-key)`,
      );
    }
  }
  if (!verify(null, manifestBytes, key, Buffer.from(sig.signature, 'hex'))) {
    return changed(SIGNATURE, 'does not verify: the signature is not the signer’s over manifest.json');
  }
  const listed = new Set<string>();
  for (const { path, sha256: expected } of manifest.files) {
    listed.add(path);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(bundleDir, path));
    } catch {
      return changed(path, 'is missing');
    }
    const actual = sha256(bytes);
    if (actual !== expected) return changed(path, `has sha256 ${actual}, the manifest says ${expected}`);
  }
  for (const path of await filesBelow(bundleDir)) {
    if (!listed.has(path) && path !== MANIFEST && path !== SIGNATURE)
      return changed(path, 'was added after signing');
  }
  const digest = await specDigest(join(bundleDir, 'specs'));
  if (digest !== manifest.specDigest)
    return changed('specs/', `digest ${digest}, the manifest says ${manifest.specDigest}`);
  const report = JSON.parse(await readFile(join(bundleDir, 'report.json'), 'utf8')) as {
    specDigest?: unknown;
  };
  if (report.specDigest !== digest)
    return changed('report.json', `names spec ${String(report.specDigest)}, the bundle holds ${digest}`);
  return { ok: true, fingerprint: keyFingerprint(key), files: manifest.files.length, specDigest: digest };
}
