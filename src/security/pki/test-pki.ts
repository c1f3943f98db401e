import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import type { MutualTlsProfile } from '../../transport/index.ts';
import { type PartyIdentity, subjectAltNames } from '../party-identity.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** A certificate with its private key, both PEM; held in memory or in the run's data folder only. */
export interface Credential {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Which kind of certificate to make for a party: the good one or one that must be refused. */
export type CredentialVariant =
  /** Issued by the run's root, valid now. */
  | 'valid'
  /** Issued by the run's root, validity period over yesterday. */
  | 'expired'
  /** Valid now, issued by a second root the parties do not trust. */
  | 'wrong-issuer';

/**
 * A test PKI made for one run: a root every party trusts and a second, untrusted root. Nothing
 * is written anywhere by this module and nothing is ever committed: every run makes its own.
 */
export interface TestPki {
  /** The trust anchor every party is given (PEM). */
  readonly rootPem: string;
  /** A certificate naming `identity` in its subject and subject alternative names. */
  issue(identity: PartyIdentity, variant?: CredentialVariant): Promise<Credential>;
}

interface Authority {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

async function createRoot(name: string): Promise<Authority> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${name}, O=tekigo test PKI`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 7 * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

export interface TestPkiOptions {
  /**
   * Addresses every certificate also names, besides localhost and 127.0.0.1: where a party
   * listens when not on loopback (an IP address, else a DNS name), e.g. the gateway of a
   * container network, which the containers reach the suite's mock peers at.
   */
  readonly addresses?: readonly string[];
}

/** Makes the roots of one run (two ECDSA P-256 key pairs: well under a second). */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const extra = (options.addresses ?? []).map(
    (value): x509.JsonGeneralName => ({ type: isIP(value) === 0 ? 'dns' : 'ip', value }),
  );
  const [root, rogue] = await Promise.all([createRoot('tekigo test root'), createRoot('tekigo rogue root')]);
  return {
    rootPem: root.cert.toString('pem'),
    async issue(identity, variant = 'valid') {
      const authority = variant === 'wrong-issuer' ? rogue : root;
      const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
      const now = Date.now();
      const [notBefore, notAfter] =
        variant === 'expired'
          ? [new Date(now - 3 * DAY_MS), new Date(now - DAY_MS)]
          : [new Date(now - DAY_MS), new Date(now + 2 * DAY_MS)];
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: randomSerial(),
        subject: subjectName(identity),
        issuer: authority.cert.subject,
        notBefore,
        notAfter,
        signingAlgorithm: ALGORITHM,
        publicKey: keys.publicKey,
        signingKey: authority.keys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([
            x509.ExtendedKeyUsage.serverAuth,
            x509.ExtendedKeyUsage.clientAuth,
          ]),
          new x509.SubjectAlternativeNameExtension([
            ...subjectAltNames(identity).map((value): x509.JsonGeneralName => ({ type: 'url', value })),
            // Every party listens on loopback: the name a peer checks when it connects.
            { type: 'dns', value: 'localhost' },
            { type: 'ip', value: '127.0.0.1' },
            ...extra,
          ]),
          await x509.AuthorityKeyIdentifierExtension.create(authority.cert, false),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
      return { certPem: cert.toString('pem'), keyPem: toPem(new Uint8Array(pkcs8), 'PRIVATE KEY') };
    },
  };
}

/** CN and OU name the role; serialNumber (2.5.4.5) the municipality code, for people reading it. */
function subjectName(identity: PartyIdentity): string {
  const code = identity.municipalityCode === undefined ? '' : `, 2.5.4.5=${identity.municipalityCode}`;
  return `CN=${identity.role}, OU=${identity.role}${code}, O=tekigo test PKI`;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(12));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function toPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The transport profile of a party holding `credential` (none: a client that presents no certificate). */
export function mutualTls(credential: Credential | null, ca: string): MutualTlsProfile {
  return credential === null
    ? { kind: 'mtls', ca }
    : { kind: 'mtls', cert: credential.certPem, key: credential.keyPem, ca };
}
