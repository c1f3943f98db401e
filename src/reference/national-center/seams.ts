import type { OutboxDefect } from '../shared/outbox.ts';
import type { SenderDefect } from '../shared/outbox-sender.ts';

/** Where the center keeps its state: in the SQLite file, or in memory (lost on every crash). */
export type Storage = 'durable' | 'memory';

export interface CardCounts {
  total: number;
  pending: number;
  registered: number;
  failed: number;
}

/**
 * The named places where the national center's behaviour can be changed. The reference is
 * `REFERENCE_SEAMS`; a replica (`replicas.ts`) overrides one or a few of them.
 */
export interface NationalCenterSeams {
  readonly storage: Storage;
  readonly outboxDefects: readonly OutboxDefect[];
  readonly revocationSenderDefects: readonly SenderDefect[];
  readonly noticeSenderDefects: readonly SenderDefect[];
  /** Refuse a change whose sequence is below one already applied from its municipality (NC-SEQ-001). */
  readonly refusesStaleSequences: boolean;
  /** What idempotency compares for a resident change: the record with its batch's municipalityCode. */
  readonly changeContent: (record: object, municipalityCode: string) => object;
  /** Request revocation when an issuance notice's digest differs from the resident's (NC-ISS-003). */
  readonly checksIssuanceDigest: boolean;
  /** Revoke on a correction even when it leaves the four items' digest unchanged (NC-REV-006). */
  readonly revokesOnEveryCorrection: boolean;
  /** Show a batch completed as soon as its processing starts, before any record is registered. */
  readonly completesBeforeRegistering: boolean;
  /** The counts a batch status shows, from its records' outcomes. */
  readonly cardCounts: (outcomes: readonly string[]) => CardCounts;
}

export const REFERENCE_SEAMS: NationalCenterSeams = {
  storage: 'durable',
  outboxDefects: [],
  revocationSenderDefects: [],
  noticeSenderDefects: [],
  refusesStaleSequences: true,
  changeContent: (record, municipalityCode) => ({ ...record, municipalityCode }),
  checksIssuanceDigest: true,
  revokesOnEveryCorrection: false,
  completesBeforeRegistering: false,
  cardCounts: (outcomes) => ({
    total: outcomes.length,
    pending: outcomes.filter((outcome) => outcome === 'pending').length,
    registered: outcomes.filter((outcome) => outcome === 'registered').length,
    failed: outcomes.filter((outcome) => outcome === 'failed').length,
  }),
};

export type SeamOverrides = Partial<NationalCenterSeams>;

export function withOverrides(overrides: SeamOverrides = {}): NationalCenterSeams {
  return { ...REFERENCE_SEAMS, ...overrides };
}
