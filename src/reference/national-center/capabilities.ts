import {
  DEFAULT_PARAMETERS as CA_DEFAULT_PARAMETERS,
  type CertificationAuthorityParameters,
} from '../certification-authority/capabilities.ts';
import { declareReference, type Reconciled } from '../shared/reference-capabilities.ts';

export const RESIDENT_CHANGES = 'resident-changes';
export const ISSUANCES = 'certificate-issuances';
export const REVOCATIONS = 'revocation-requests';
export const CARD_PRODUCTION = 'card-production';
export const NOTICES = 'registration-notices';
export const MUNICIPALITY = 'municipality';
export const AUTHORITY = 'certification-authority';

/** The sending parameters every reference role declares (upper-tester/capabilities). */
export type NationalCenterParameters = CertificationAuthorityParameters;

/**
 * The certification authority's tuning for fast, deterministic runs (equal jitter, so every
 * retry waits at least half the exponential base), with room for the center's larger batches
 * and a delivery bound that holds through a few transient failures of a peer.
 */
export const DEFAULT_PARAMETERS: NationalCenterParameters = {
  ...CA_DEFAULT_PARAMETERS,
  maxBatchSize: 100,
  deliveryBoundMs: 5000,
};

export const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxNestingDepth: 64,
  maxConcurrentRequests: 64,
  duplicateRetentionDays: 7,
} as const;

/** What reconciliation reports, per peer (specs/README.md, d-card-reconciliation, d-notice-unit). */
export const RECONCILED: Reconciled = {
  [MUNICIPALITY]: [
    { interface: RESIDENT_CHANGES, direction: 'inbound' },
    { interface: CARD_PRODUCTION, direction: 'inbound' },
    { interface: NOTICES, direction: 'outbound' },
  ],
  [AUTHORITY]: [
    { interface: ISSUANCES, direction: 'inbound' },
    { interface: REVOCATIONS, direction: 'outbound' },
  ],
};

const REFERENCE = declareReference({
  role: 'national-center',
  implementation: 'tekigo-reference-national-center',
  exchanges: [
    { name: RESIDENT_CHANGES, as: 'receiver' },
    { name: ISSUANCES, as: 'receiver' },
    { name: REVOCATIONS, as: 'sender' },
    { name: CARD_PRODUCTION, as: 'receiver' },
    { name: NOTICES, as: 'sender' },
    { name: 'relay-forwarding', as: 'receiver' },
  ],
});

export const ROLE = REFERENCE.role;
export const IMPLEMENTATION = REFERENCE.implementation;

/** The upper-tester/capabilities body. */
export function capabilities(parameters: NationalCenterParameters): Record<string, unknown> {
  return REFERENCE.capabilities({
    parameters,
    features: { hooks: ['card-processing', 'internal-failure'] },
    limits: LIMITS,
  });
}
