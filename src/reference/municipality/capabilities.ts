import {
  DEFAULT_PARAMETERS as CA_DEFAULT_PARAMETERS,
  type CertificationAuthorityParameters,
} from '../certification-authority/capabilities.ts';
import { declareReference, type Reconciled } from '../shared/reference-capabilities.ts';

/** The municipality the reference plays (Chiyoda, Tokyo): every record it sends is under this code. */
export const MUNICIPALITY_CODE = '131016';

export const RESIDENT_CHANGES = 'resident-changes';
export const CARD_PRODUCTION = 'card-production';
export const NOTICES = 'registration-notices';
export const RESIDENT_SYNC = 'resident-sync';
export const CENTER = 'national-center';
export const ISSUANCE_SERVICE = 'issuance-service';

/** The sending parameters every reference role declares (upper-tester/capabilities). */
export type MunicipalityParameters = CertificationAuthorityParameters;

/**
 * The certification authority's tuning for fast, deterministic runs (equal jitter, one-second
 * timeouts, a three-second delivery bound, which is also the deadline of a registration notice
 * after a batch's terminal status, MUN-NOT-003), with a shorter road to a dead letter: five
 * attempts and at most 400 ms between two, so a record that keeps failing is dead-lettered within
 * 0.1 + 0.2 + 0.4 + 0.4 s of backoff (plus the attempts) rather than 2.5 s.
 */
export const DEFAULT_PARAMETERS: MunicipalityParameters = {
  ...CA_DEFAULT_PARAMETERS,
  retry: { ...CA_DEFAULT_PARAMETERS.retry, maxAttempts: 5, maxBackoffMs: 400 },
};

/** What reconciliation reports, per peer. */
export const RECONCILED: Reconciled = {
  [CENTER]: [
    { interface: RESIDENT_CHANGES, direction: 'outbound' },
    { interface: CARD_PRODUCTION, direction: 'outbound' },
    { interface: NOTICES, direction: 'inbound' },
  ],
  [ISSUANCE_SERVICE]: [{ interface: RESIDENT_SYNC, direction: 'outbound' }],
};

const REFERENCE = declareReference({
  role: 'municipality',
  implementation: 'tekigo-reference-municipality',
  exchanges: [
    { name: RESIDENT_CHANGES, as: 'sender' },
    { name: CARD_PRODUCTION, as: 'sender' },
    { name: NOTICES, as: 'receiver' },
    { name: RESIDENT_SYNC, as: 'sender' },
  ],
});

export const ROLE = REFERENCE.role;
export const IMPLEMENTATION = REFERENCE.implementation;

/** The upper-tester/capabilities body. */
export function capabilities(parameters: MunicipalityParameters): Record<string, unknown> {
  // Every batch it sends carries this code (MUN-CHG-002).
  return REFERENCE.capabilities({ parameters, extra: { municipalityCode: MUNICIPALITY_CODE } });
}
