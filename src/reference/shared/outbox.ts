import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { jstDate } from '../../reconciliation/accepted-digest.ts';
import { type ReconciliationEntry, reconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { sha256Hex } from '../../spec/canonical-json.ts';
import type { Problem } from '../../spec/problem-types.ts';
import { inTransaction } from './database.ts';

/**
 * The durable queue of records a role sends, one row per record for as long as the role keeps
 * state: it is both the send queue and the outbound log that reconciliation counts. A record is
 * `pending` until the receiver answers it (`accepted`, `duplicate`, `rejected`) or it runs out of
 * attempts (`dead`); rejected and dead records also get a dead letter an operator can re-drive.
 * Every change is guarded on `pending`, so a late answer can never undo a terminal state.
 */
export type OutboxState = 'pending' | 'accepted' | 'duplicate' | 'rejected' | 'dead';

/**
 * Known defects of the sender-side counts that replicas switch on:
 * - `count-redriven`: deadLettered counts every dead letter a record ever had, re-driven ones too.
 * - `digest-no-final-newline`: acceptedDigest joins the ids with newlines but omits the last one.
 * - `rejected-counted-accepted`: a record the receiver rejected is counted (and digested) as accepted.
 */
export const OUTBOX_DEFECTS = [
  'count-redriven',
  'digest-no-final-newline',
  'rejected-counted-accepted',
] as const;
export type OutboxDefect = (typeof OUTBOX_DEFECTS)[number];
export type DeadLetterReason = 'rejected' | 'retries-exhausted';

export interface NewOutboxRecord {
  readonly recordId: string;
  readonly interfaceName: string;
  readonly peer: string;
  readonly recordedAt: string;
  /** The record exactly as it goes on the wire, recordId included. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface OutboxRecord extends NewOutboxRecord {
  readonly state: OutboxState;
  /** Every attempt ever made. */
  readonly attempts: number;
  /** Attempts since the last re-drive: what the retry limit and the backoff count. */
  readonly attemptsInRound: number;
  readonly nextAttemptAt: number;
}

export interface DeadLetter {
  readonly id: string;
  readonly interface: string;
  readonly peer: string;
  readonly recordId: string;
  readonly attempts: number;
  readonly firstAttemptAt: string;
  readonly lastAttemptAt: string;
  readonly reason: DeadLetterReason;
  readonly lastError: Problem;
  readonly state: 'dead' | 'redriven';
}

/** What the sender decided for one record after an attempt. */
export type Resolution =
  | { readonly recordId: string; readonly kind: 'answered'; readonly outcome: 'accepted' | 'duplicate' }
  | {
      readonly recordId: string;
      readonly kind: 'retry';
      readonly nextAttemptAt: number;
      readonly error: Problem;
    }
  | {
      readonly recordId: string;
      readonly kind: 'dead';
      readonly reason: DeadLetterReason;
      readonly error: Problem;
    }
  | { readonly recordId: string; readonly kind: 'drop' };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  recordId TEXT NOT NULL UNIQUE,
  interface TEXT NOT NULL,
  peer TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'duplicate', 'rejected', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  attemptsBeforeRedrive INTEGER NOT NULL DEFAULT 0,
  nextAttemptAt INTEGER NOT NULL,
  firstAttemptAt TEXT,
  lastAttemptAt TEXT,
  lastError TEXT,
  recordedAt TEXT NOT NULL,
  recordedAtMs INTEGER NOT NULL,
  recordedDay TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (interface, state, nextAttemptAt);
CREATE INDEX IF NOT EXISTS outbox_day ON outbox (interface, peer, recordedDay);
CREATE TABLE IF NOT EXISTS dead_letters (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  interface TEXT NOT NULL,
  peer TEXT NOT NULL,
  recordId TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  firstAttemptAt TEXT NOT NULL,
  lastAttemptAt TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('rejected', 'retries-exhausted')),
  lastError TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('dead', 'redriven'))
);
`;

interface OutboxRow {
  recordId: string;
  interface: string;
  peer: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  attemptsBeforeRedrive: number;
  nextAttemptAt: number;
  recordedAt: string;
}

interface DeadLetterRow extends Omit<DeadLetter, 'lastError'> {
  lastError: string;
}

const ORDER = 'ORDER BY recordedAtMs, seq';

export class Outbox {
  readonly #db: DatabaseSync;
  readonly #defects: ReadonlySet<OutboxDefect>;

  constructor(db: DatabaseSync, defects: ReadonlySet<OutboxDefect> = new Set()) {
    this.#db = db;
    this.#defects = defects;
    db.exec(SCHEMA);
  }

  /** Queues records, due at once. Call inside the transaction that commits what they report. */
  enqueue(records: readonly NewOutboxRecord[], nowMs: number): void {
    const insert = this.#db.prepare(
      `INSERT INTO outbox (recordId, interface, peer, payload, state, nextAttemptAt, recordedAt, recordedAtMs, recordedDay)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
    );
    for (const record of records) {
      insert.run(
        record.recordId,
        record.interfaceName,
        record.peer,
        JSON.stringify(record.payload),
        nowMs,
        record.recordedAt,
        Date.parse(record.recordedAt),
        jstDate(record.recordedAt),
      );
    }
  }

  /** Pending records whose backoff has passed, oldest first. */
  due(interfaceName: string, nowMs: number, limit: number): OutboxRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM outbox WHERE interface = ? AND state = 'pending' AND nextAttemptAt <= ? ${ORDER} LIMIT ?`,
      )
      .all(interfaceName, nowMs, limit) as unknown as OutboxRow[];
    return rows.map(toRecord);
  }

  /** The state of one record, or undefined when it was never queued. */
  stateOf(recordId: string): OutboxState | undefined {
    const row = this.#db.prepare('SELECT state FROM outbox WHERE recordId = ?').get(recordId) as
      | { state: OutboxState }
      | undefined;
    return row?.state;
  }

  /** Pending records oldest first, whether or not they are due. */
  pending(interfaceName: string, limit: number): OutboxRecord[] {
    const rows = this.#db
      .prepare(`SELECT * FROM outbox WHERE interface = ? AND state = 'pending' ${ORDER} LIMIT ?`)
      .all(interfaceName, limit) as unknown as OutboxRow[];
    return rows.map(toRecord);
  }

  /** The earliest time any pending record becomes due, or undefined when none is pending. */
  nextDueAt(interfaceName: string): number | undefined {
    const row = this.#db
      .prepare(`SELECT MIN(nextAttemptAt) AS at FROM outbox WHERE interface = ? AND state = 'pending'`)
      .get(interfaceName) as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }

  /** Counts an attempt before it is made, so a crash mid-send still shows it. */
  markAttempt(recordIds: readonly string[], atIso: string): void {
    const update = this.#db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, firstAttemptAt = COALESCE(firstAttemptAt, ?), lastAttemptAt = ?
       WHERE recordId = ? AND state = 'pending'`,
    );
    inTransaction(this.#db, () => {
      for (const recordId of recordIds) update.run(atIso, atIso, recordId);
    });
  }

  /** Gives a pending record a new recordId, in the row and in its payload. */
  renameRecord(record: OutboxRecord, newRecordId: string): OutboxRecord {
    const payload = { ...record.payload, recordId: newRecordId };
    this.#db
      .prepare(`UPDATE outbox SET recordId = ?, payload = ? WHERE recordId = ? AND state = 'pending'`)
      .run(newRecordId, JSON.stringify(payload), record.recordId);
    return { ...record, recordId: newRecordId, payload };
  }

  /** Applies the sender's decisions in one commit; returns the dead letters it created. */
  resolve(resolutions: readonly Resolution[]): DeadLetter[] {
    const db = this.#db;
    const created: DeadLetter[] = [];
    inTransaction(db, () => {
      for (const resolution of resolutions) {
        const { recordId } = resolution;
        switch (resolution.kind) {
          case 'answered':
            db.prepare(`UPDATE outbox SET state = ? WHERE recordId = ? AND state = 'pending'`).run(
              resolution.outcome,
              recordId,
            );
            break;
          case 'retry':
            db.prepare(
              `UPDATE outbox SET nextAttemptAt = ?, lastError = ? WHERE recordId = ? AND state = 'pending'`,
            ).run(resolution.nextAttemptAt, JSON.stringify(resolution.error), recordId);
            break;
          case 'drop':
            db.prepare(`DELETE FROM outbox WHERE recordId = ? AND state = 'pending'`).run(recordId);
            break;
          case 'dead': {
            const state = resolution.reason === 'rejected' ? 'rejected' : 'dead';
            const lastError = JSON.stringify(resolution.error);
            const row = db
              .prepare(
                `UPDATE outbox SET state = ?, lastError = ? WHERE recordId = ? AND state = 'pending' RETURNING *`,
              )
              .get(state, lastError, recordId) as
              | (OutboxRow & { firstAttemptAt: string; lastAttemptAt: string })
              | undefined;
            if (!row) break;
            const letter: DeadLetter = {
              id: randomUUID(),
              interface: row.interface,
              peer: row.peer,
              recordId,
              attempts: row.attempts,
              firstAttemptAt: row.firstAttemptAt,
              lastAttemptAt: row.lastAttemptAt,
              reason: resolution.reason,
              lastError: resolution.error,
              state: 'dead',
            };
            db.prepare(
              `INSERT INTO dead_letters (id, interface, peer, recordId, attempts, firstAttemptAt, lastAttemptAt, reason, lastError, state)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'dead')`,
            ).run(
              letter.id,
              letter.interface,
              letter.peer,
              recordId,
              letter.attempts,
              letter.firstAttemptAt,
              letter.lastAttemptAt,
              letter.reason,
              lastError,
            );
            created.push(letter);
            break;
          }
        }
      }
    });
    return created;
  }

  deadLetters(interfaceName?: string): DeadLetter[] {
    const rows = (interfaceName === undefined
      ? this.#db.prepare('SELECT * FROM dead_letters ORDER BY seq').all()
      : this.#db
          .prepare('SELECT * FROM dead_letters WHERE interface = ? ORDER BY seq')
          .all(interfaceName)) as unknown as DeadLetterRow[];
    return rows.map((row) => ({
      id: row.id,
      interface: row.interface,
      peer: row.peer,
      recordId: row.recordId,
      attempts: row.attempts,
      firstAttemptAt: row.firstAttemptAt,
      lastAttemptAt: row.lastAttemptAt,
      reason: row.reason,
      lastError: JSON.parse(row.lastError) as Problem,
      state: row.state,
    }));
  }

  /**
   * Queues a dead record again with the same recordId and content and a fresh retry budget;
   * repeating it changes nothing. Undefined when there is no such dead letter.
   */
  redrive(id: string, nowMs: number): { id: string; recordId: string; state: 'redriven' } | undefined {
    return inTransaction(this.#db, () => {
      const letter = this.#db.prepare('SELECT recordId, state FROM dead_letters WHERE id = ?').get(id) as
        | { recordId: string; state: 'dead' | 'redriven' }
        | undefined;
      if (!letter) return undefined;
      if (letter.state === 'dead') {
        this.#db.prepare(`UPDATE dead_letters SET state = 'redriven' WHERE id = ?`).run(id);
        this.#db
          .prepare(
            `UPDATE outbox SET state = 'pending', attemptsBeforeRedrive = attempts, nextAttemptAt = ?
             WHERE recordId = ? AND state IN ('rejected', 'dead')`,
          )
          .run(nowMs, letter.recordId);
      }
      return { id, recordId: letter.recordId, state: 'redriven' as const };
    });
  }

  /**
   * Sender-side counts for one reconciliation day (specs/README.md): accepted covers records
   * answered accepted or duplicate; dead-lettered covers rejected and exhausted records.
   */
  reconcile(interfaceName: string, peer: string, day: string): ReconciliationEntry {
    const rows = this.#db
      .prepare('SELECT recordId, state FROM outbox WHERE interface = ? AND peer = ? AND recordedDay = ?')
      .all(interfaceName, peer, day) as unknown as { recordId: string; state: OutboxState }[];
    const count = (...states: OutboxState[]): number =>
      rows.filter((row) => states.includes(row.state)).length;
    const counted: readonly OutboxState[] = this.#defects.has('rejected-counted-accepted')
      ? ['accepted', 'duplicate', 'rejected']
      : ['accepted', 'duplicate'];
    const acceptedIds = rows.filter((row) => counted.includes(row.state)).map((row) => row.recordId);
    const entry = reconciliationEntry(
      interfaceName,
      'outbound',
      {
        total: rows.length,
        accepted: acceptedIds.length,
        duplicate: count('duplicate'),
        rejected: count('rejected'),
        pending: count('pending'),
        deadLettered: this.#defects.has('count-redriven')
          ? this.#deadLetterRows(interfaceName, new Set(rows.map((row) => row.recordId)))
          : count('rejected', 'dead'),
      },
      acceptedIds,
    );
    return this.#defects.has('digest-no-final-newline')
      ? { ...entry, acceptedDigest: sha256Hex(acceptedIds.sort().join('\n')) }
      : entry;
  }

  /** Every dead letter, whatever its state, of these records: the count-redriven defect. */
  #deadLetterRows(interfaceName: string, recordIds: ReadonlySet<string>): number {
    return this.deadLetters(interfaceName).filter((letter) => recordIds.has(letter.recordId)).length;
  }

  clear(): void {
    this.#db.exec('DELETE FROM outbox; DELETE FROM dead_letters;');
  }
}

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    recordId: row.recordId,
    interfaceName: row.interface,
    peer: row.peer,
    recordedAt: row.recordedAt,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    state: row.state,
    attempts: row.attempts,
    attemptsInRound: row.attempts - row.attemptsBeforeRedrive,
    nextAttemptAt: row.nextAttemptAt,
  };
}
