import { REFERENCE_SECURITY, type SecuritySeams } from '../../security/security-seams.ts';
import type { OutboxDefect } from '../shared/outbox.ts';
import type { SenderDefect } from '../shared/outbox-sender.ts';
import { MUNICIPALITY_CODE } from './capabilities.ts';

/** Where the municipality keeps its state: in the SQLite file, or in memory (lost on every crash). */
export type Storage = 'durable' | 'memory';

/** What the operator view shows for a batch, from what the municipality knows of it. */
export interface BatchKnowledge {
  /** The center answered 202 for it. */
  readonly submitted: boolean;
  /** The center refused it for good. */
  readonly refused: boolean;
  /** The state the center's status last showed, if it was read. */
  readonly centerState: string | undefined;
}

/**
 * The named places where the municipality's behaviour can be changed. The reference is
 * `REFERENCE_SEAMS`; a replica (`replicas.ts`) overrides one or a few of them.
 */
export interface MunicipalitySeams {
  /** The production profile's switches (mutual TLS, authorisation, upper tester). */
  readonly security: SecuritySeams;
  readonly storage: Storage;
  readonly outboxDefects: readonly OutboxDefect[];
  readonly changeSenderDefects: readonly SenderDefect[];
  readonly syncSenderDefects: readonly SenderDefect[];
  /** Hold a resident's later changes while an earlier one is pending (MUN-SEQ-003). */
  readonly keepsResidentOrder: boolean;
  /** Report a batch's final notice missing after the deadline (MUN-NOT-003, MUN-NOT-005). */
  readonly chasesMissingNotices: boolean;
  /** The notice deadline as a share of deliveryBoundMs. */
  readonly noticeDeadlineShare: number;
  /** The state the operator view shows (MUN-CARD-004). */
  readonly viewState: (batch: BatchKnowledge) => string;
  /** A re-sent notice is applied like a new one (MUN-NOT-002). */
  readonly reappliesNotices: boolean;
  /** A notice for a batch never submitted is acknowledged (MUN-NOT-004). */
  readonly acceptsUnknownBatches: boolean;
  /** Check a batch status against the batch before taking it; log and skip an inconsistent one (MUN-CARD-003). */
  readonly checksStatusConsistency: boolean;
  /** Time between two reads of a batch's status, as a share of initialBackoffMs (MUN-CARD-002). */
  readonly pollShare: number;
  /** The version of a resident's next sync record, from the last one sent (MUN-SYNC-002). */
  readonly nextSyncVersion: (last: number) => number;
  /** Answer with the caller's correlation id (GEN-OBS-001). */
  readonly echoesCorrelationId: boolean;
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
  /** Serve the upper tester even outside test mode (GEN-UT-002). */
  readonly upperTesterWithoutTestMode: boolean;
  /** Quote the refused value in each validation error (GEN-SEC-006). */
  readonly quotesRefusedValues: boolean;
  /** The municipalityCode card batches go under (MUN-CHG-002): its own, unless misconfigured. */
  readonly cardBatchCode: string;
  /** Bound what it receives: body size, deadlines, media type, strict UTF-8 (GEN-VAL, GEN-TMO). */
  readonly guardsInput: boolean;
  /** Validate a registration notice against its schema before reading it (GEN-VAL-001/006/009). */
  readonly validatesNotices: boolean;
}

export const REFERENCE_SEAMS: MunicipalitySeams = {
  security: REFERENCE_SECURITY,
  storage: 'durable',
  outboxDefects: [],
  changeSenderDefects: [],
  syncSenderDefects: [],
  keepsResidentOrder: true,
  chasesMissingNotices: true,
  noticeDeadlineShare: 1,
  viewState: ({ submitted, refused, centerState }) =>
    refused ? 'refused' : submitted ? (centerState ?? 'received') : 'submitting',
  reappliesNotices: false,
  acceptsUnknownBatches: false,
  checksStatusConsistency: true,
  pollShare: 1,
  nextSyncVersion: (last) => last + 1,
  echoesCorrelationId: true,
  internalErrors: 'concealed',
  deepBodies: 'refused',
  upperTesterWithoutTestMode: false,
  quotesRefusedValues: false,
  guardsInput: true,
  validatesNotices: true,
  cardBatchCode: MUNICIPALITY_CODE,
};

export type SeamOverrides = Partial<MunicipalitySeams>;

export function withOverrides(overrides: SeamOverrides = {}): MunicipalitySeams {
  return { ...REFERENCE_SEAMS, ...overrides };
}
