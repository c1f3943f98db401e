import { declareReference, type SendingParameters } from '../shared/reference-capabilities.ts';

/** The authorityId the reference puts in every certificate-issuances batch. */
export const AUTHORITY_ID = 'tekigo-reference-ca';

/** The sending parameters every reference role declares. */
export type CertificationAuthorityParameters = SendingParameters;

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

const REFERENCE = declareReference({
  role: 'certification-authority',
  implementation: 'tekigo-reference-ca',
  exchanges: [
    { name: 'certificate-issuances', as: 'sender' },
    { name: 'revocation-requests', as: 'receiver' },
    { name: 'certificate-status', as: 'receiver' },
  ],
});

export const ROLE = REFERENCE.role;
export const IMPLEMENTATION = REFERENCE.implementation;

/** The upper-tester/capabilities body. */
export function capabilities(parameters: CertificationAuthorityParameters): Record<string, unknown> {
  return REFERENCE.capabilities({ parameters });
}
