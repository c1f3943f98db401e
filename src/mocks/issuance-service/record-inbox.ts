import { isDeepStrictEqual } from 'node:util';
import type { ProblemDetails } from '../../faults/fault-script.ts';
import { acceptedDigest, jstDate } from '../../reconciliation/accepted-digest.ts';
import type { ReconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { problem } from '../../spec/problem-types.ts';

/** A record of any batch interface: what idempotency and reconciliation need of it. */
export interface InboxRecord {
  readonly recordId: string;
  readonly recordedAt: string;
}

export interface InboxResult {
  readonly recordId: string;
  readonly outcome: 'accepted' | 'duplicate' | 'rejected';
  readonly problem?: ProblemDetails;
}

/** A stored record and how often it was delivered again. */
export interface StoredRecord<R> {
  readonly record: R;
  readonly storedAt: string;
  readonly duplicateDeliveries: number;
}

/**
 * A mock's receiving side of one batch interface from one peer: a new recordId is stored and
 * accepted, the same content again is a duplicate, other content a conflict; `rejections` (by
 * record index, from a fault script) are refused whatever their content. Pure and synchronous,
 * with the receiver's reconciliation entry (specs/README.md).
 */
export class RecordInbox<R extends InboxRecord> {
  readonly #interface: string;
  readonly #from: string;
  #stored = new Map<string, StoredRecord<R>>();
  #rejected = new Map<string, { recordedAt: string; problem: ProblemDetails }>();

  constructor(interfaceName: string, from: string) {
    this.#interface = interfaceName;
    this.#from = from;
  }

  receive(records: readonly R[], rejections: ReadonlyMap<number, ProblemDetails>, now: Date): InboxResult[] {
    return records.map((record, i): InboxResult => {
      const forced = rejections.get(i);
      const existing = this.#stored.get(record.recordId);
      const refusal =
        forced ??
        (existing && !isDeepStrictEqual(existing.record, record)
          ? problem('conflict', {
              title: 'Conflicting record',
              detail: `record ${record.recordId} is already stored with different content; a re-sent record must keep its content`,
            })
          : undefined);
      if (refusal) {
        if (!this.#rejected.has(record.recordId))
          this.#rejected.set(record.recordId, { recordedAt: record.recordedAt, problem: refusal });
        return { recordId: record.recordId, outcome: 'rejected', problem: refusal };
      }
      if (existing) {
        this.#stored.set(record.recordId, {
          ...existing,
          duplicateDeliveries: existing.duplicateDeliveries + 1,
        });
        return { recordId: record.recordId, outcome: 'duplicate' };
      }
      this.#stored.set(record.recordId, { record, storedAt: now.toISOString(), duplicateDeliveries: 0 });
      return { recordId: record.recordId, outcome: 'accepted' };
    });
  }

  /** The stored records, in the order they were first accepted. */
  stored(): R[] {
    return [...this.#stored.values()].map((s) => s.record);
  }

  reconciliation(date: string, peer: string): ReconciliationEntry[] {
    if (peer !== this.#from) return [];
    const accepted = [...this.#stored.values()].filter((s) => jstDate(s.record.recordedAt) === date);
    const rejected = [...this.#rejected.entries()].filter(
      ([id, r]) => !this.#stored.has(id) && jstDate(r.recordedAt) === date,
    );
    return [
      {
        interface: this.#interface,
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

  snapshot(): { stored: StoredRecord<R>[] } {
    return { stored: [...this.#stored.values()] };
  }

  reset(): void {
    this.#stored = new Map();
    this.#rejected = new Map();
  }
}
