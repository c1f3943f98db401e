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
  /**
   * How a failure inside a handler is answered: `concealed` (500 internal, nothing of the error),
   * or a replica's defect (`stack`: its stack and message as detail; `unavailable`: 503).
   */
  readonly internalErrors: 'concealed' | 'stack' | 'unavailable';
  /**
   * A body nested deeper than 1,000 levels: `refused` by validation (400), or a replica's defect
   * (`crash`: walked recursively before validation until the stack runs out, 500; `hang`: never
   * answered).
   */
  readonly deepBodies: 'refused' | 'crash' | 'hang';
  /** Where resident data and received records live: a file committed before each answer, or memory. */
  readonly storage: 'file' | 'memory';
  /** What a resident-sync record is compared on for idempotency: its whole content, or its recordId alone. */
  readonly syncIdempotency: 'content' | 'record-id';
  /** Refuse a resident-sync batch over the declared maxBatchSize with 413. */
  readonly limitsSyncBatch: boolean;
  /**
   * Guard what clients send: a body size limit, deadlines for headers and body, JSON only, and
   * bytes that are not UTF-8 refused. Without, every body is read to its end, whatever it is.
   */
  readonly guardsInput: boolean;
  /** A resident-sync batch is checked against its schema before anything else (false: taken as it comes). */
  readonly validatesSync: boolean;
  /** Each validation error about a resident-sync record names that record's resident. */
  readonly namesRefusedResidents: boolean;
  /** Serve GET /print-jobs, a path outside the spec: the failed print jobs, to anyone who asks. */
  readonly exposesPrintJobs: boolean;
  /** GET /health counts against maxConcurrentRequests: refused 503 while the service is saturated. */
  readonly healthSharesRequestLimit: boolean;
  /** Keep names as given (GEN-VAL-007); false stores them in a legacy character set, 〓 for each character outside the BMP. */
  readonly keepsNamesIntact: boolean;
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
  internalErrors: 'concealed',
  deepBodies: 'refused',
  validatesSync: true,
  storage: 'file',
  syncIdempotency: 'content',
  limitsSyncBatch: true,
  guardsInput: true,
  namesRefusedResidents: false,
  exposesPrintJobs: false,
  healthSharesRequestLimit: false,
  keepsNamesIntact: true,
};

export type SeamOverrides = Partial<IssuanceSeams>;

export function withOverrides(overrides: SeamOverrides = {}): IssuanceSeams {
  return { ...REFERENCE_SEAMS, ...overrides };
}
