import {
  DEFAULT_PARAMETERS as CA_DEFAULT_PARAMETERS,
  type CertificationAuthorityParameters,
} from '../certification-authority/capabilities.ts';

export const ROLE = 'national-center';
export const IMPLEMENTATION = { name: 'tekigo-reference-national-center', version: '0.1.0' } as const;
export const SPEC_VERSION = '0.1.0';

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

export const INTERFACES = [
  { name: RESIDENT_CHANGES, as: 'receiver' },
  { name: ISSUANCES, as: 'receiver' },
  { name: REVOCATIONS, as: 'sender' },
  { name: CARD_PRODUCTION, as: 'receiver' },
  { name: NOTICES, as: 'sender' },
  { name: 'relay-forwarding', as: 'receiver' },
  { name: 'reconciliation', as: 'receiver' },
  { name: 'dead-letters', as: 'receiver' },
  { name: 'health', as: 'receiver' },
  { name: 'upper-tester', as: 'receiver' },
] as const;

/** What reconciliation reports, per peer (specs/README.md, d-card-reconciliation, d-notice-unit). */
export const RECONCILED: Readonly<
  Record<string, readonly { interface: string; direction: 'outbound' | 'inbound' }[]>
> = {
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

/** The upper-tester/capabilities body. */
export function capabilities(parameters: NationalCenterParameters): Record<string, unknown> {
  return {
    role: ROLE,
    implementation: IMPLEMENTATION,
    specVersion: SPEC_VERSION,
    interfaces: INTERFACES,
    parameters,
    features: { reset: true, hooks: ['card-processing', 'internal-failure'] },
    limits: LIMITS,
  };
}
