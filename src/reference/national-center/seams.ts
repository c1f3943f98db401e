import { REFERENCE_SECURITY, type SecuritySeams } from '../../security/security-seams.ts';
import type { FieldError } from '../../spec/problem-types.ts';
import type { OutboxDefect } from '../shared/outbox.ts';
import type { SenderDefect } from '../shared/outbox-sender.ts';
import type { Resident } from './resident-store.ts';

/** Where the center keeps its state: in the SQLite file, or in memory (lost on every crash). */
export type Storage = 'durable' | 'memory';

export interface CardCounts {
  total: number;
  pending: number;
  registered: number;
  failed: number;
}

/**
 * The record-level refusals of a resident change (specs/README.md, d-rc-rules,
 * d-record-precedence), applied in the order listed; the first that applies is the answer.
 * - `sequence-conflict`: the municipality's sequence is used by another record (NC-SEQ-003).
 * - `dead`: the resident died; no later change (NC-CHG-003).
 * - `not-held`: a change other than birth or move-in for a resident the center does not hold (NC-CHG-001).
 * - `other-municipality`: such a change from a municipality the resident is not held under (NC-CHG-003).
 * - `stale-sequence`: below the highest sequence applied to the resident from its municipality (NC-SEQ-001, NC-SEQ-005).
 * - `stale-sequence-any-municipality`: below the highest applied from any municipality (replicas only).
 * - `sequence-gap`: more than 1000 above the resident's last sequence from its municipality, as if
 *   the changes between were lost (replicas only).
 * - `entry-conflicts`: a birth for a held resident, a move-in from its current municipality (NC-CHG-003).
 */
export type ChangeRule =
  | 'sequence-conflict'
  | 'dead'
  | 'not-held'
  | 'other-municipality'
  | 'stale-sequence'
  | 'stale-sequence-any-municipality'
  | 'sequence-gap'
  | 'entry-conflicts';

/** Card-management operations: the states each needs and where it leads (d-card-management). */
export type CardState = 'active' | 'suspended' | 'revoked';
export type CardTransitions = Readonly<Record<string, { from: readonly CardState[]; to: CardState }>>;

/**
 * The named places where the national center's behaviour can be changed. The reference is
 * `REFERENCE_SEAMS`; a replica (`replicas.ts`) overrides one or a few of them.
 */
export interface NationalCenterSeams {
  readonly storage: Storage;
  readonly outboxDefects: readonly OutboxDefect[];
  readonly revocationSenderDefects: readonly SenderDefect[];
  readonly noticeSenderDefects: readonly SenderDefect[];
  /** The refusals of a resident change, in the order they are tried. */
  readonly changeRules: readonly ChangeRule[];
  /** Refuse a change record that lacks an item its change type requires (NC-CHG-002). */
  readonly requiresChangeItems: boolean;
  /** Queue a change's revocations before deciding whether it is refused (NC-REV-004 broken). */
  readonly revokesBeforeRefusing: boolean;
  /** Answer with the X-Correlation-Id the caller offered (GEN-OBS-001). */
  readonly echoesCorrelationId: boolean;
  /**
   * How a failure inside a handler is answered: `concealed` (500 internal, nothing of the error),
   * or a replica's defect (`stack`: its stack and message as detail; `unavailable`: 503).
   */
  readonly internalErrors: 'concealed' | 'stack' | 'unavailable';
  /** Refuse an issuance notice for a resident the center does not hold (NC-ISS-001). */
  readonly refusesUnknownCertificateHolders: boolean;
  /** Link a certificate whatever municipality notified it (NC-ISS-002, NC-ISS-004). */
  readonly linksFromAnyMunicipality: boolean;
  /** What idempotency compares for a resident change: the record with its batch's municipalityCode. */
  readonly changeContent: (record: object, municipalityCode: string) => object;
  /** Request revocation when an issuance notice's digest differs from the resident's (NC-ISS-003). */
  readonly checksIssuanceDigest: boolean;
  /** Store the four items as received; false keeps the name in a legacy character set, 〓 for characters outside the BMP (GEN-VAL-007). */
  readonly keepsNamesIntact: boolean;
  /** What a batch's validation reports, and tells the sender, of its refused fields. */
  readonly batchFieldErrors: (errors: readonly FieldError[], body: unknown) => readonly FieldError[];
  /** Bodies and headers read within limits, deadlines and media type (false: whatever comes, for as long as it takes). */
  readonly guardsInput: boolean;
  /** The largest header section read; absent, the server's default 16 KiB (GEN-VAL-013). */
  readonly maxHeaderBytes?: number;
  /** A batch over the declared maxBatchSize is refused 413 (false: taken up to the schema's 1000 records). */
  readonly enforcesMaxBatchSize: boolean;
  /** What a body nested deeper than 1000 levels does: refused like any invalid body, or a replica's defect. */
  readonly deepBodies: 'refused' | 'crash' | 'hang';
  /** Revoke on a correction even when it leaves the four items' digest unchanged (NC-REV-006). */
  readonly revokesOnEveryCorrection: boolean;
  /** Show a batch completed as soon as its processing starts, before any record is registered. */
  readonly completesBeforeRegistering: boolean;
  /** The counts a batch status shows, from its records' outcomes. */
  readonly cardCounts: (outcomes: readonly string[]) => CardCounts;
  /** Answer a stored card batch's 202 with a Location header equal to its statusUrl (NC-CARD-001). */
  readonly cardLocationHeader: boolean;
  /** The problem type of a status request for a batch never stored (NC-CARD-006). */
  readonly unknownBatchType: 'unknown-batch' | 'not-found';
  /** What makes two card batches with one batchId the same (NC-CARD-007): the request without sentAt. */
  readonly cardBatchContent: (request: { batchId: string; sentAt: string }) => object;
  /** Whether a card record is registered (NC-CARD-009): its resident held, alive, under the batch's municipality. */
  readonly registersCard: (resident: Resident | undefined, municipalityCode: string) => boolean;
  /** Count a card record whose resident is unknown as rejected in reconciliation (NC-CARD-010 broken). */
  readonly reconcilesCardOutcomes: boolean;
  /** The per-record outcomes a registration notice carries (NC-NOT-001: all of them). */
  readonly noticeOutcomes: (outcomes: readonly string[]) => readonly boolean[];
  /** Answer a repeated card-management message from what was stored (NC-CMG-001). */
  readonly remembersCardMessages: boolean;
  readonly cardTransitions: CardTransitions;
  /** A completed card-revoke requests revocation of the resident's linked certificates (NC-CMG-003). */
  readonly cardRevokeRevokesCertificates: boolean;
  /** The production profile's switches (mutual TLS, authorisation, jurisdiction, upper tester). */
  readonly security: SecuritySeams;
}

export const REFERENCE_CHANGE_RULES: readonly ChangeRule[] = [
  'sequence-conflict',
  'dead',
  'not-held',
  'other-municipality',
  'stale-sequence',
  'entry-conflicts',
];

export const REFERENCE_CARD_TRANSITIONS: CardTransitions = {
  'card-suspend': { from: ['active'], to: 'suspended' },
  'card-resume': { from: ['suspended'], to: 'active' },
  'card-revoke': { from: ['active', 'suspended'], to: 'revoked' },
};

export const REFERENCE_SEAMS: NationalCenterSeams = {
  security: REFERENCE_SECURITY,
  storage: 'durable',
  outboxDefects: [],
  revocationSenderDefects: [],
  noticeSenderDefects: [],
  changeRules: REFERENCE_CHANGE_RULES,
  requiresChangeItems: true,
  revokesBeforeRefusing: false,
  echoesCorrelationId: true,
  internalErrors: 'concealed',
  refusesUnknownCertificateHolders: true,
  linksFromAnyMunicipality: true,
  changeContent: (record, municipalityCode) => ({ ...record, municipalityCode }),
  checksIssuanceDigest: true,
  keepsNamesIntact: true,
  batchFieldErrors: (errors) => errors,
  guardsInput: true,
  enforcesMaxBatchSize: true,
  deepBodies: 'refused',
  revokesOnEveryCorrection: false,
  completesBeforeRegistering: false,
  cardCounts: (outcomes) => ({
    total: outcomes.length,
    pending: outcomes.filter((outcome) => outcome === 'pending').length,
    registered: outcomes.filter((outcome) => outcome === 'registered').length,
    failed: outcomes.filter((outcome) => outcome === 'failed').length,
  }),
  cardLocationHeader: true,
  unknownBatchType: 'unknown-batch',
  cardBatchContent: ({ sentAt: _sentAt, ...content }) => content,
  registersCard: (resident, municipalityCode) =>
    resident !== undefined && !resident.dead && resident.municipalityCode === municipalityCode,
  reconcilesCardOutcomes: false,
  noticeOutcomes: (outcomes) => outcomes.map(() => true),
  remembersCardMessages: true,
  cardTransitions: REFERENCE_CARD_TRANSITIONS,
  cardRevokeRevokesCertificates: true,
};

export type SeamOverrides = Partial<NationalCenterSeams>;

export function withOverrides(overrides: SeamOverrides = {}): NationalCenterSeams {
  return { ...REFERENCE_SEAMS, ...overrides };
}
