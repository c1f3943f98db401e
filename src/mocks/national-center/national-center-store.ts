import { isDeepStrictEqual } from 'node:util';
import type { ProblemDetails } from '../../faults/fault-script.ts';
import { acceptedDigest, jstDate } from '../../reconciliation/accepted-digest.ts';
import type { ReconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import type {
  CertificateIssuanceBatchRequest,
  CertificateIssuanceNotice,
} from '../../spec/message-types.generated.ts';
import { problem } from '../../spec/problem-types.ts';
import { INTERFACES } from '../interfaces.ts';

/** A certificate-issuance notice as the schema `certificate-issuances/batch-request` defines it. */
/** One record of certificate-issuances, as specs/schemas says. */
export type IssuanceRecord = Readonly<CertificateIssuanceNotice>;

export interface IssuanceBatch extends Readonly<Omit<CertificateIssuanceBatchRequest, 'records'>> {
  readonly records: readonly IssuanceRecord[];
}

export interface RecordResult {
  readonly recordId: string;
  readonly outcome: 'accepted' | 'duplicate' | 'rejected';
  readonly problem?: ProblemDetails;
}

export interface BatchResult {
  readonly batchId: string;
  readonly results: readonly RecordResult[];
}

export interface StoredIssuance {
  readonly record: IssuanceRecord;
  readonly batchId: string;
  readonly authorityId: string;
  readonly storedAt: string;
  /** Later deliveries of the same content, each answered `duplicate`. */
  readonly duplicateDeliveries: number;
}

export interface RejectedIssuance {
  readonly recordId: string;
  readonly recordedAt: string;
  readonly problem: ProblemDetails;
  readonly deliveries: number;
}

export interface NationalCenterState {
  readonly certificateIssuances: {
    readonly stored: readonly StoredIssuance[];
    readonly rejected: readonly RejectedIssuance[];
  };
}

const ISSUANCES = INTERFACES['certificate-issuances'];

/** Who sends certificate-issuances, by the interface table: whom the center reconciles them with. */
export const ISSUANCE_PEER = ISSUANCES?.from ?? 'certification-authority';

/**
 * The national center's side of certificate-issuances: which notices it durably holds and
 * what it answered. Pure and synchronous, so the idempotency and reconciliation rules are
 * unit-tested without HTTP.
 */
export class NationalCenterStore {
  readonly #issuancesFrom: string;
  #stored = new Map<string, StoredIssuance>();
  #rejected = new Map<string, RejectedIssuance>();

  /** `issuancesFrom`: the peer name the issuances come from (the sending role unless told otherwise). */
  constructor(issuancesFrom: string = ISSUANCE_PEER) {
    this.#issuancesFrom = issuancesFrom;
  }

  /**
   * Stores a valid batch and answers one result per record, in request order. `rejections`
   * (by record index) are refused whatever their content, as a fault script asks.
   */
  submitIssuances(
    batch: IssuanceBatch,
    rejections: ReadonlyMap<number, ProblemDetails> = new Map(),
    now = new Date(),
  ): BatchResult {
    const results = batch.records.map((record, i): RecordResult => {
      const forced = rejections.get(i);
      if (forced) return this.#reject(record, forced);
      const existing = this.#stored.get(record.recordId);
      if (!existing) {
        this.#stored.set(record.recordId, {
          record,
          batchId: batch.batchId,
          authorityId: batch.authorityId,
          storedAt: now.toISOString(),
          duplicateDeliveries: 0,
        });
        return { recordId: record.recordId, outcome: 'accepted' };
      }
      if (isDeepStrictEqual(existing.record, record)) {
        this.#stored.set(record.recordId, {
          ...existing,
          duplicateDeliveries: existing.duplicateDeliveries + 1,
        });
        return { recordId: record.recordId, outcome: 'duplicate' };
      }
      return this.#reject(
        record,
        problem('conflict', {
          title: 'Conflicting record',
          detail: `record ${record.recordId} is already stored with different content; a re-sent record must keep its content`,
        }),
      );
    });
    return { batchId: batch.batchId, results };
  }

  #reject(record: IssuanceRecord, rejection: ProblemDetails): RecordResult {
    const previous = this.#rejected.get(record.recordId);
    this.#rejected.set(record.recordId, {
      recordId: record.recordId,
      recordedAt: previous?.recordedAt ?? record.recordedAt,
      problem: rejection,
      deliveries: (previous?.deliveries ?? 0) + 1,
    });
    return { recordId: record.recordId, outcome: 'rejected', problem: rejection };
  }

  /**
   * The receiver's view for one reconciliation day and peer, per specs/README.md: over
   * distinct record ids of that Japan-time day, a stored id counts as accepted even if some
   * delivery of it was refused; `duplicate` counts deliveries answered duplicate.
   */
  reconciliation(date: string, peer: string): ReconciliationEntry[] {
    if (peer !== this.#issuancesFrom) return [];
    const accepted = [...this.#stored.values()].filter((s) => jstDate(s.record.recordedAt) === date);
    const rejected = [...this.#rejected.values()].filter(
      (r) => !this.#stored.has(r.recordId) && jstDate(r.recordedAt) === date,
    );
    return [
      {
        interface: 'certificate-issuances',
        direction: 'inbound',
        counts: {
          total: accepted.length + rejected.length,
          accepted: accepted.length,
          duplicate: accepted.reduce((sum, s) => sum + s.duplicateDeliveries, 0),
          rejected: rejected.length,
          pending: 0,
          deadLettered: 0,
        },
        acceptedDigest: acceptedDigest(accepted.map((s) => s.record.recordId)),
      },
    ];
  }

  snapshot(): NationalCenterState {
    return {
      certificateIssuances: { stored: [...this.#stored.values()], rejected: [...this.#rejected.values()] },
    };
  }

  reset(): void {
    this.#stored = new Map();
    this.#rejected = new Map();
  }
}
