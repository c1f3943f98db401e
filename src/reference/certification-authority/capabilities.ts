import type { RetryPolicy } from '../shared/backoff.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../shared/http-app.ts';

export const ROLE = 'certification-authority';
export const IMPLEMENTATION = { name: 'tekigo-reference-ca', version: '0.1.0' } as const;
export const SPEC_VERSION = '0.1.0';
/** The authorityId the reference puts in every certificate-issuances batch. */
export const AUTHORITY_ID = 'tekigo-reference-ca';

export interface CertificationAuthorityParameters {
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxBatchSize: number;
  readonly deliveryBoundMs: number;
}

/**
 * Tuned for fast, deterministic conformance runs. Equal jitter keeps every retry at least half
 * the exponential base after a failure, a floor the suite can check; the worst case to
 * exhaustion is six one-second timeouts plus 0.1 + 0.2 + 0.4 + 0.8 + 1 s of backoff.
 */
export const DEFAULT_PARAMETERS: CertificationAuthorityParameters = {
  requestTimeoutMs: 1000,
  retry: { maxAttempts: 6, initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2, jitter: 'equal' },
  maxBatchSize: 50,
  deliveryBoundMs: 3000,
};

export const INTERFACES = [
  { name: 'certificate-issuances', as: 'sender' },
  { name: 'revocation-requests', as: 'receiver' },
  { name: 'certificate-status', as: 'receiver' },
  { name: 'reconciliation', as: 'receiver' },
  { name: 'dead-letters', as: 'receiver' },
  { name: 'health', as: 'receiver' },
  { name: 'upper-tester', as: 'receiver' },
] as const;

/** The upper-tester/capabilities body. */
export function capabilities(parameters: CertificationAuthorityParameters): Record<string, unknown> {
  return {
    role: ROLE,
    implementation: IMPLEMENTATION,
    specVersion: SPEC_VERSION,
    interfaces: INTERFACES,
    parameters,
    features: { reset: true, hooks: ['internal-failure'] },
    // The kit's body cap is below the spec's 16 MiB default, so it is declared (GEN-VAL-002).
    limits: { maxBodyBytes: DEFAULT_MAX_BODY_BYTES },
  };
}
