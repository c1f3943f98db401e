import { readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TekigoUsageError } from '../errors.ts';
import type { MutualTlsProfile } from '../transport/index.ts';
import type { Credential } from './pki/test-pki.ts';

/**
 * How a launched party receives its TLS material in the production profile (the launch
 * contract, specs/README.md "Production profile"): three PEM files named by environment
 * variables. All three present: production profile; none: test profile (plain HTTP).
 */
export const TLS_ENV = {
  cert: 'TEKIGO_TLS_CERT',
  key: 'TEKIGO_TLS_KEY',
  ca: 'TEKIGO_TLS_CA',
} as const;

/** The mutual TLS profile the environment gives, undefined when it gives none; a partial set is refused (GEN-SEC-009). */
export function tlsFromEnvironment(env: NodeJS.ProcessEnv = process.env): MutualTlsProfile | undefined {
  const given = Object.values(TLS_ENV).filter((name) => env[name]);
  if (given.length === 0) return undefined;
  if (given.length < 3)
    throw new TekigoUsageError(
      'TLS_MATERIAL_INCOMPLETE',
      `the production profile needs ${Object.values(TLS_ENV).join(', ')}; only ${given.join(', ')} given: set all three or none`,
    );
  const read = (name: string): string => {
    const file = env[name] ?? '';
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new TekigoUsageError(
        'TLS_MATERIAL_UNREADABLE',
        `cannot read ${name}=${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a readable PEM file`,
      );
    }
  };
  return { kind: 'mtls', cert: read(TLS_ENV.cert), key: read(TLS_ENV.key), ca: read(TLS_ENV.ca) };
}

/** Writes a party's material into `dir` (key readable by its owner only) and returns the variables naming it. */
export async function writeTlsMaterial(
  dir: string,
  credential: Credential,
  rootPem: string,
): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), ca: join(dir, 'ca.pem') };
  await writeFile(files.cert, credential.certPem);
  await writeFile(files.key, credential.keyPem, { mode: 0o600 });
  await chmod(files.key, 0o600);
  await writeFile(files.ca, rootPem);
  return { [TLS_ENV.cert]: files.cert, [TLS_ENV.key]: files.key, [TLS_ENV.ca]: files.ca };
}

/** The variable naming a launched party's peers (specs/README.md d-production-peers). */
export const PEERS_ENV = 'TEKIGO_PEERS';

/** TEKIGO_PEERS: a JSON object from party name to base URL; empty when unset. */
export function peersFromEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const text = env[PEERS_ENV];
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const entries = isObject ? Object.entries(value as object) : [];
  if (!isObject || entries.some(([, url]) => typeof url !== 'string'))
    throw new TekigoUsageError(
      'BAD_PEERS',
      `${PEERS_ENV} must be a JSON object from party name to base URL, e.g. {"national-center":"https://127.0.0.1:9300"}`,
    );
  return Object.fromEntries(entries) as Record<string, string>;
}
