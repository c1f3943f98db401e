import { REFERENCE_SECURITY, type SecuritySeams } from '../../security/security-seams.ts';
/**
 * The named places where the issuance service's behaviour can be changed. The reference is
 * `REFERENCE_SEAMS`; a replica (`replicas.ts`) overrides one or a few of them.
 */
export interface IssuanceSeams {
  /** The production profile's switches (mutual TLS, authorisation, upper tester). */
  readonly security: SecuritySeams;
  /**
   * What a request whose print job has not reached `printed` within the bound gets: a 504
   * problem (the reference), the next image another request rendered (INC-2023-KIOSK), or its
   * own document unprinted.
   */
  readonly onPrintTimeout: 'fail-closed' | 'take-next-image' | 'answer-unprinted';
  /** Where the answer's print image is read from: the request's own render, or one slot every render writes. */
  readonly imageBuffer: 'per-request' | 'shared';
  /** A resident-sync releases every print wait, which then answers with the image in the shared slot (INC-2023-KIOSK). */
  readonly syncReleasesPrintWaits: boolean;
  /**
   * How an accepted sync record is applied: in one write before the answer (the reference), item
   * by item with a pause between, or after the answer has been sent.
   */
  readonly syncApply: 'atomic' | 'item-by-item' | 'after-ack';
  /** Refuse a certificate request beyond the declared maxConcurrentRequests with 503. */
  readonly limitsConcurrency: boolean;
  /** Refuse a sync record whose version is not above the stored one (ISS-SYNC-003). */
  readonly refusesStaleVersions: boolean;
  /** Keep reading abandoned print jobs and hand a late `printed` one to the next request still waiting. */
  readonly adoptsLateResults: boolean;
  /** A repeated request (same requestId, same content) prints and renders again instead of answering the stored document. */
  readonly reissuesRepeats: boolean;
  /** Refuse a holder synced under another municipality than holder.municipalityCode (ISS-REQ-007). */
  readonly checksHolderMunicipality: boolean;
  /** Compare the image's embedded identifiers with the request before handing it over (ISS-REQ-006). */
  readonly checksImageBeforeHandover: boolean;
  /** Answer with a fresh correlation id instead of the one offered. */
  readonly ignoreOfferedCorrelationId: boolean;
}

export const REFERENCE_SEAMS: IssuanceSeams = {
  security: REFERENCE_SECURITY,
  onPrintTimeout: 'fail-closed',
  imageBuffer: 'per-request',
  syncReleasesPrintWaits: false,
  syncApply: 'atomic',
  limitsConcurrency: true,
  refusesStaleVersions: true,
  adoptsLateResults: false,
  reissuesRepeats: false,
  checksImageBeforeHandover: true,
  checksHolderMunicipality: true,
  ignoreOfferedCorrelationId: false,
};

export type SeamOverrides = Partial<IssuanceSeams>;

export function withOverrides(overrides: SeamOverrides = {}): IssuanceSeams {
  return { ...REFERENCE_SEAMS, ...overrides };
}
