import type { DatabaseSync } from 'node:sqlite';
import { jstDate } from '../../reconciliation/accepted-digest.ts';
import { type ReconciliationEntry, reconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import { inTransaction } from './database.ts';

/**
 * The receiving side of a batch interface: idempotency by recordId and content hash, and the
 * inbound log that reconciliation counts. The role supplies only the effect of a new record.
 */
export interface InboundRecord {
  readonly recordId: string;
  readonly recordedAt: string;
}

export interface RecordResult {
  readonly recordId: string;
  readonly outcome: 'accepted' | 'duplicate' | 'rejected';
  readonly problem?: Problem;
}

/** Applies a new record's effect; a problem rejects it and must leave nothing changed. */
export type RecordEffect<R extends InboundRecord> = (record: R) => Problem | undefined;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inbox (
  interface TEXT NOT NULL,
  recordId TEXT NOT NULL,
  peer TEXT NOT NULL,
  contentHash TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
  duplicates INTEGER NOT NULL DEFAULT 0,
  recordedAt TEXT NOT NULL,
  recordedDay TEXT NOT NULL,
  receivedAt TEXT NOT NULL,
  PRIMARY KEY (interface, recordId)
);
CREATE INDEX IF NOT EXISTS inbox_day ON inbox (interface, peer, recordedDay);
`;

export class Inbox {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  /**
   * Processes a batch in one commit, so every `accepted` answer is durable before it is sent.
   * Same recordId and content as a stored record: duplicate, no effect. Same recordId, other
   * content: rejected as a conflict. A record rejected before is judged afresh.
   */
  receive<R extends InboundRecord>(
    interfaceName: string,
    peer: string,
    records: readonly R[],
    effect: RecordEffect<R>,
  ): RecordResult[] {
    const db = this.#db;
    const find = db.prepare('SELECT contentHash, outcome FROM inbox WHERE interface = ? AND recordId = ?');
    const countDuplicate = db.prepare(
      'UPDATE inbox SET duplicates = duplicates + 1 WHERE interface = ? AND recordId = ?',
    );
    const store = db.prepare(
      `INSERT INTO inbox (interface, recordId, peer, contentHash, outcome, recordedAt, recordedDay, receivedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (interface, recordId) DO UPDATE SET
         peer = excluded.peer, contentHash = excluded.contentHash, outcome = excluded.outcome,
         recordedAt = excluded.recordedAt, recordedDay = excluded.recordedDay, receivedAt = excluded.receivedAt`,
    );
    return inTransaction(db, () =>
      records.map((record): RecordResult => {
        const { recordId } = record;
        const contentHash = sha256Hex(canonicalJson(record));
        const stored = find.get(interfaceName, recordId) as
          | { contentHash: string; outcome: string }
          | undefined;
        if (stored?.outcome === 'accepted') {
          if (stored.contentHash === contentHash) {
            countDuplicate.run(interfaceName, recordId);
            return { recordId, outcome: 'duplicate' };
          }
          return {
            recordId,
            outcome: 'rejected',
            problem: problem('conflict', {
              title: 'Conflicting record',
              detail: 'a record with this recordId and different content was already accepted',
            }),
          };
        }
        const refusal = effect(record);
        const outcome = refusal ? 'rejected' : 'accepted';
        store.run(
          interfaceName,
          recordId,
          peer,
          contentHash,
          outcome,
          record.recordedAt,
          jstDate(record.recordedAt),
          new Date().toISOString(),
        );
        return refusal ? { recordId, outcome, problem: refusal } : { recordId, outcome };
      }),
    );
  }

  /** Receiver-side counts for one reconciliation day: nothing is pending or dead-lettered here. */
  reconcile(interfaceName: string, peer: string, day: string): ReconciliationEntry {
    const rows = this.#db
      .prepare(
        'SELECT recordId, outcome, duplicates FROM inbox WHERE interface = ? AND peer = ? AND recordedDay = ?',
      )
      .all(interfaceName, peer, day) as unknown as {
      recordId: string;
      outcome: string;
      duplicates: number;
    }[];
    const acceptedIds = rows.filter((row) => row.outcome === 'accepted').map((row) => row.recordId);
    return reconciliationEntry(
      interfaceName,
      'inbound',
      {
        total: rows.length,
        accepted: acceptedIds.length,
        duplicate: rows.reduce((sum, row) => sum + row.duplicates, 0),
        rejected: rows.length - acceptedIds.length,
        pending: 0,
        deadLettered: 0,
      },
      acceptedIds,
    );
  }

  clear(): void {
    this.#db.exec('DELETE FROM inbox');
  }
}
