import type { DatabaseSync } from 'node:sqlite';
import type { CardProductionBatchRequest, RegistrationNotice } from '../../spec/message-types.generated.ts';
import type { BatchKnowledge } from './seams.ts';

/** Card-batch states the center reports; the last three are terminal. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set(['completed', 'failed', 'partially-completed']);

export type Outcome = 'pending' | 'registered' | 'failed';

/** The center's batch status, as far as the municipality reads it. */
export interface CenterStatus {
  readonly state: string;
  readonly counts: { total: number; pending: number; registered: number; failed: number };
  readonly records: readonly { recordId: string; outcome: Outcome }[];
}

export interface StoredBatch extends BatchKnowledge {
  readonly batchId: string;
  readonly request: CardProductionBatchRequest;
  readonly statusUrl: string | undefined;
  readonly nextPollAt: number;
  readonly terminalReadAt: string | undefined;
  readonly missingSince: string | undefined;
  readonly finalNoticeAt: string | undefined;
  readonly noticesApplied: number;
  readonly updatedAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS card_batches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  batchId TEXT NOT NULL UNIQUE,
  request TEXT NOT NULL,
  submitted INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  centerState TEXT,
  statusUrl TEXT,
  nextPollAt INTEGER NOT NULL DEFAULT 0,
  terminalReadAt TEXT,
  missingSince TEXT,
  finalNoticeAt TEXT,
  noticesApplied INTEGER NOT NULL DEFAULT 0,
  updatedAt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS card_records (
  recordId TEXT PRIMARY KEY,
  batchId TEXT NOT NULL,
  position INTEGER NOT NULL,
  residentCode TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'pending',
  notified INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS card_records_batch ON card_records (batchId, position);
`;

interface BatchRow {
  batchId: string;
  request: string;
  submitted: number;
  refused: number;
  centerState: string | null;
  statusUrl: string | null;
  nextPollAt: number;
  terminalReadAt: string | null;
  missingSince: string | null;
  finalNoticeAt: string | null;
  noticesApplied: number;
  updatedAt: string;
}

/**
 * The card batches the municipality submitted and everything it learnt about them: the center's
 * answers and statuses, the registration notices, the notice deadline. Synchronous and durable;
 * the submitter (`card-submitter.ts`) and the routes share it.
 */
export class CardBatches {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  /** Stores a new batch; call inside the transaction that queues its records. */
  create(request: CardProductionBatchRequest, nowIso: string): void {
    this.#db
      .prepare('INSERT INTO card_batches (batchId, request, updatedAt) VALUES (?, ?, ?)')
      .run(request.batchId, JSON.stringify(request), nowIso);
    const insert = this.#db.prepare(
      'INSERT INTO card_records (recordId, batchId, position, residentCode) VALUES (?, ?, ?, ?)',
    );
    request.records.forEach((record, i) => {
      insert.run(record.recordId, request.batchId, i, record.residentCode);
    });
  }

  get(batchId: string): StoredBatch | undefined {
    const row = this.#db.prepare('SELECT * FROM card_batches WHERE batchId = ?').get(batchId) as
      | BatchRow
      | undefined;
    return row ? toBatch(row) : undefined;
  }

  /** The batch a card record belongs to. */
  batchOf(recordId: string): string | undefined {
    const row = this.#db.prepare('SELECT batchId FROM card_records WHERE recordId = ?').get(recordId) as
      | { batchId: string }
      | undefined;
    return row?.batchId;
  }

  records(
    batchId: string,
  ): { recordId: string; residentCode: string; outcome: Outcome; notified: boolean }[] {
    const rows = this.#db
      .prepare(
        'SELECT recordId, residentCode, outcome, notified FROM card_records WHERE batchId = ? ORDER BY position',
      )
      .all(batchId) as unknown as {
      recordId: string;
      residentCode: string;
      outcome: Outcome;
      notified: number;
    }[];
    return rows.map((row) => ({ ...row, notified: row.notified === 1 }));
  }

  /** The center answered 202 (a re-driven batch included): poll its status from `firstPollAt`. */
  markSubmitted(batchId: string, statusUrl: string, firstPollAt: number, nowIso: string): void {
    this.#db
      .prepare(
        `UPDATE card_batches SET submitted = 1, refused = 0, statusUrl = ?, nextPollAt = ?, centerState = COALESCE(centerState, 'received'), updatedAt = ?
         WHERE batchId = ? AND submitted = 0`,
      )
      .run(statusUrl, firstPollAt, nowIso, batchId);
  }

  markRefused(batchId: string, nowIso: string): void {
    this.#db
      .prepare('UPDATE card_batches SET refused = 1, updatedAt = ? WHERE batchId = ?')
      .run(nowIso, batchId);
  }

  /** Submitted batches whose status is not yet terminal, or not yet read. */
  polled(): StoredBatch[] {
    const rows = this.#db
      .prepare('SELECT * FROM card_batches WHERE submitted = 1 AND terminalReadAt IS NULL ORDER BY seq')
      .all() as unknown as BatchRow[];
    return rows.map(toBatch);
  }

  /** Batches read terminal whose final notice has not come and which are not yet reported missing. */
  awaitingNotice(): StoredBatch[] {
    const rows = this.#db
      .prepare(
        'SELECT * FROM card_batches WHERE terminalReadAt IS NOT NULL AND finalNoticeAt IS NULL AND missingSince IS NULL ORDER BY seq',
      )
      .all() as unknown as BatchRow[];
    return rows.map(toBatch);
  }

  /** Applies a status read from the center; a terminal one starts the notice deadline. */
  applyStatus(batchId: string, status: CenterStatus, nextPollAt: number, nowIso: string): void {
    const terminal = TERMINAL_STATES.has(status.state);
    this.#db
      .prepare(
        `UPDATE card_batches SET centerState = ?, nextPollAt = ?, updatedAt = ?,
           terminalReadAt = CASE WHEN ? THEN COALESCE(terminalReadAt, ?) ELSE terminalReadAt END
         WHERE batchId = ?`,
      )
      .run(status.state, nextPollAt, nowIso, terminal ? 1 : 0, nowIso, batchId);
    const update = this.#db.prepare(
      `UPDATE card_records SET outcome = ? WHERE recordId = ? AND batchId = ? AND notified = 0`,
    );
    for (const record of status.records) update.run(record.outcome, record.recordId, batchId);
  }

  /** The next read of a status the center could not answer now. */
  postponePoll(batchId: string, nextPollAt: number): void {
    this.#db.prepare('UPDATE card_batches SET nextPollAt = ? WHERE batchId = ?').run(nextPollAt, batchId);
  }

  markMissing(batchId: string, nowIso: string): void {
    this.#db
      .prepare(
        'UPDATE card_batches SET missingSince = ?, updatedAt = ? WHERE batchId = ? AND finalNoticeAt IS NULL',
      )
      .run(nowIso, nowIso, batchId);
  }

  /** Applies a registration notice's outcomes (once per new notice). */
  applyNotice(notice: RegistrationNotice, nowIso: string): void {
    const update = this.#db.prepare(
      'UPDATE card_records SET outcome = ?, notified = 1 WHERE recordId = ? AND batchId = ?',
    );
    for (const record of notice.records) update.run(record.outcome, record.recordId, notice.batchId);
    this.#db
      .prepare(
        `UPDATE card_batches SET noticesApplied = noticesApplied + 1, updatedAt = ?,
           finalNoticeAt = CASE WHEN ? THEN COALESCE(finalNoticeAt, ?) ELSE finalNoticeAt END,
           missingSince = CASE WHEN ? THEN NULL ELSE missingSince END
         WHERE batchId = ?`,
      )
      .run(nowIso, notice.final ? 1 : 0, nowIso, notice.final ? 1 : 0, notice.batchId);
  }

  /** The earliest time a submitted batch is due for a status read. */
  nextPollAt(): number | undefined {
    const row = this.#db
      .prepare(
        'SELECT MIN(nextPollAt) AS at FROM card_batches WHERE submitted = 1 AND terminalReadAt IS NULL',
      )
      .get() as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }

  clear(): void {
    this.#db.exec('DELETE FROM card_batches; DELETE FROM card_records;');
  }
}

function toBatch(row: BatchRow): StoredBatch {
  return {
    batchId: row.batchId,
    request: JSON.parse(row.request) as CardProductionBatchRequest,
    submitted: row.submitted === 1,
    refused: row.refused === 1,
    centerState: row.centerState ?? undefined,
    statusUrl: row.statusUrl ?? undefined,
    nextPollAt: row.nextPollAt,
    terminalReadAt: row.terminalReadAt ?? undefined,
    missingSince: row.missingSince ?? undefined,
    finalNoticeAt: row.finalNoticeAt ?? undefined,
    noticesApplied: row.noticesApplied,
    updatedAt: row.updatedAt,
  };
}
