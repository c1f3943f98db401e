import { readFileSync } from 'node:fs';
import type { MutualTlsProfile } from '../transport/index.ts';
import { TLS_ENV } from './tls-material.ts';

/**
 * The defect of replica `<prefix>-default-credentials` (GEN-SEC-009; INC-2003-NAGANO, default
 * credentials): the TLS material the environment names, with whatever is missing made up at
 * start, a certificate and key of `role` issued by a root of its own (generated now, never
 * stored). With none of the three variables it serves plain HTTP, as the reference does.
 */
export async function defaultCredentials(
  role: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MutualTlsProfile | undefined> {
  const given = (name: string): string | undefined => {
    const file = env[name];
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const [cert, key, ca] = [given(TLS_ENV.cert), given(TLS_ENV.key), given(TLS_ENV.ca)];
  if (cert === undefined && key === undefined && ca === undefined) return undefined;
  if (cert !== undefined && key !== undefined && ca !== undefined) return { kind: 'mtls', cert, key, ca };
  // Loaded only here: only these replicas need the certificate generator.
  const { createTestPki } = await import('./pki/test-pki.ts');
  const own = await createTestPki();
  const made = await own.issue({ role });
  const pair =
    cert !== undefined && key !== undefined ? { cert, key } : { cert: made.certPem, key: made.keyPem };
  return { kind: 'mtls', ...pair, ca: ca ?? own.rootPem };
}
