import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import type { CardProductionBatchRequest } from '../../spec/message-types.generated.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import { inTransaction } from '../shared/database.ts';
import type { Outbox } from '../shared/outbox.ts';
import { MUNICIPALITY, NOTICES } from './capabilities.ts';
import type { ResidentStore } from './resident-store.ts';
import type { NationalCenterSeams } from './seams.ts';

/**
 * Card-production batches (NC-CARD-001..010): stored whole before the 202, decided one record per
 * transaction in request order, terminal only once every record is decided, and the final
 * registration notice queued in the transaction that makes the batch terminal. Nothing is held
 * in memory, so a restarted center resumes the undecided records where it stopped.
 */
export type BatchState = 'received' | 'processing' | 'completed' | 'failed' | 'partially-completed';
export type Hold = 'none' | 'received' | 'processing';

export interface Hooks {
  readonly cardProcessing?: { readonly hold: Hold; readonly decideBeforeHold?: number };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS card_batches (
  batchId TEXT PRIMARY KEY,
  municipalityCode TEXT NOT NULL,
  contentHash TEXT NOT NULL,
  state TEXT NOT NULL,
  receivedAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS card_records (
  batchId TEXT NOT NULL,
  position INTEGER NOT NULL,
  recordId TEXT NOT NULL,
  contentHash TEXT NOT NULL,
  residentCode TEXT NOT NULL,
  individualNumber TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'pending',
  problem TEXT,
  registeredAt TEXT,
  PRIMARY KEY (batchId, position)
);
CREATE TABLE IF NOT EXISTS registrations (
  recordId TEXT PRIMARY KEY,
  contentHash TEXT NOT NULL,
  residentCode TEXT NOT NULL,
  individualNumber TEXT NOT NULL,
  registeredAt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hooks (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL);
`;

interface BatchRow {
  batchId: string;
  municipalityCode: string;
  contentHash: string;
  state: BatchState;
  receivedAt: string;
  updatedAt: string;
}

interface RecordRow {
  position: number;
  recordId: string;
  contentHash: string;
  residentCode: string;
  individualNumber: string;
  outcome: 'pending' | 'registered' | 'failed';
  problem: string | null;
  registeredAt: string | null;
}

const TERMINAL: readonly BatchState[] = ['completed', 'failed', 'partially-completed'];

export class CardBatches {
  readonly #db: DatabaseSync;
  readonly #seams: NationalCenterSeams;
  readonly #residents: ResidentStore;
  readonly #outbox: Outbox;

  constructor(db: DatabaseSync, seams: NationalCenterSeams, residents: ResidentStore, outbox: Outbox) {
    this.#db = db;
    this.#seams = seams;
    this.#residents = residents;
    this.#outbox = outbox;
    db.exec(SCHEMA);
  }

  /**
   * Stores a new batch (inside the caller's transaction) or recognises a re-sent one; 'conflict'
   * when the batchId is taken by other content (NC-CARD-007), content as the seams say.
   */
  store(request: CardProductionBatchRequest, nowIso: string): { receivedAt: string } | 'conflict' {
    const contentHash = sha256Hex(canonicalJson(this.#seams.cardBatchContent(request)));
    const existing = this.#batch(request.batchId);
    if (existing)
      return existing.contentHash === contentHash ? { receivedAt: existing.receivedAt } : 'conflict';
    this.#db
      .prepare(
        `INSERT INTO card_batches (batchId, municipalityCode, contentHash, state, receivedAt, updatedAt)
         VALUES (?, ?, ?, 'received', ?, ?)`,
      )
      .run(request.batchId, request.municipalityCode, contentHash, nowIso, nowIso);
    const insert = this.#db.prepare(
      'INSERT INTO card_records (batchId, position, recordId, contentHash, residentCode, individualNumber) VALUES (?, ?, ?, ?, ?, ?)',
    );
    request.records.forEach((record, position) => {
      insert.run(
        request.batchId,
        position,
        record.recordId,
        sha256Hex(canonicalJson(record)),
        record.residentCode,
        record.individualNumber,
      );
    });
    return { receivedAt: nowIso };
  }

  /** The card-production/batch-status body, or undefined for a batch never stored. */
  /** The municipality that submitted the batch, undefined for an unknown batch. */
  submittedBy(batchId: string): string | undefined {
    return this.#batch(batchId)?.municipalityCode;
  }

  status(batchId: string): Record<string, unknown> | undefined {
    const batch = this.#batch(batchId);
    if (!batch) return undefined;
    const records = this.#records(batchId).map((row) => ({
      recordId: row.recordId,
      outcome: row.outcome,
      ...(row.problem === null ? {} : { problem: JSON.parse(row.problem) as Problem }),
      ...(row.registeredAt === null ? {} : { registeredAt: row.registeredAt }),
    }));
    return {
      batchId,
      state: batch.state,
      counts: this.#seams.cardCounts(records.map((record) => record.outcome)),
      records,
      updatedAt: batch.updatedAt,
    };
  }

  /** Whether a card record for this resident and individual number is registered (d-card-management). */
  isRegistered(residentCode: string, individualNumber: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM registrations WHERE residentCode = ? AND individualNumber = ?')
        .get(residentCode, individualNumber) !== undefined
    );
  }

  hooks(): Hooks {
    const row = this.#db.prepare('SELECT value FROM hooks WHERE id = 1').get() as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as Hooks) : {};
  }

  setHooks(hooks: Hooks): void {
    this.#db
      .prepare(
        'INSERT INTO hooks (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
      )
      .run(JSON.stringify(hooks));
  }

  /**
   * One step of processing, in one commit: moves a batch to processing, decides its next record,
   * or makes it terminal and queues its final notice. False when nothing may be done now.
   */
  step(nowMs: number): boolean {
    return inTransaction(this.#db, () => {
      const hold = this.hooks().cardProcessing;
      const batches = this.#db
        .prepare(
          `SELECT * FROM card_batches WHERE state IN ('received', 'processing')
              OR batchId IN (SELECT batchId FROM card_records WHERE outcome = 'pending')
           ORDER BY rowid`,
        )
        .all() as unknown as BatchRow[];
      const nowIso = new Date(nowMs).toISOString();
      for (const batch of batches) {
        if (batch.state === 'received' && hold?.hold === 'received') continue;
        if (batch.state === 'received') {
          this.#setState(
            batch.batchId,
            this.#seams.completesBeforeRegistering ? 'completed' : 'processing',
            nowIso,
          );
          return true;
        }
        const records = this.#records(batch.batchId);
        const next = records.find((record) => record.outcome === 'pending');
        if (next) {
          const decided = records.filter((record) => record.outcome !== 'pending').length;
          if (hold?.hold === 'processing' && decided >= (hold.decideBeforeHold ?? 0)) continue;
          this.#decide(batch, next, nowIso);
          return true;
        }
        this.#finish(batch, records, nowMs);
        return true;
      }
      return false;
    });
  }

  #decide(batch: BatchRow, record: RecordRow, nowIso: string): void {
    const registration = this.#db
      .prepare('SELECT contentHash, registeredAt FROM registrations WHERE recordId = ?')
      .get(record.recordId) as { contentHash: string; registeredAt: string } | undefined;
    const resident = this.#residents.find(record.residentCode);
    let registeredAt: string | null = null;
    let failure: Problem | null = null;
    if (registration) {
      if (registration.contentHash === record.contentHash) registeredAt = registration.registeredAt;
      else
        failure = problem('conflict', {
          status: 409,
          title: 'Conflict',
          detail: 'this recordId is already registered with other content',
        });
    } else if (this.#seams.registersCard(resident, batch.municipalityCode)) {
      this.#db
        .prepare(
          'INSERT INTO registrations (recordId, contentHash, residentCode, individualNumber, registeredAt) VALUES (?, ?, ?, ?, ?)',
        )
        .run(record.recordId, record.contentHash, record.residentCode, record.individualNumber, nowIso);
      registeredAt = nowIso;
    } else {
      failure = problem('unknown-resident', {
        status: 404,
        title: 'Unknown resident',
        detail: "the center holds no living resident with this residentCode under the batch's municipality",
      });
    }
    this.#db
      .prepare(
        'UPDATE card_records SET outcome = ?, problem = ?, registeredAt = ? WHERE batchId = ? AND position = ?',
      )
      .run(
        registeredAt === null ? 'failed' : 'registered',
        failure === null ? null : JSON.stringify(failure),
        registeredAt,
        batch.batchId,
        record.position,
      );
    this.#db.prepare('UPDATE card_batches SET updatedAt = ? WHERE batchId = ?').run(nowIso, batch.batchId);
  }

  /** Terminal state and the final notice, together (NC-NOT-001, d-notice-sentat). */
  #finish(batch: BatchRow, records: readonly RecordRow[], nowMs: number): void {
    const nowIso = new Date(nowMs).toISOString();
    const registered = records.filter((record) => record.outcome === 'registered').length;
    const state: BatchState =
      registered === records.length ? 'completed' : registered === 0 ? 'failed' : 'partially-completed';
    this.#setState(batch.batchId, state, nowIso);
    const noticeId = randomUUID();
    const told = this.#seams.noticeOutcomes(records.map((record) => record.outcome));
    this.#outbox.enqueue(
      [
        {
          recordId: noticeId,
          interfaceName: NOTICES,
          peer: MUNICIPALITY,
          recordedAt: nowIso,
          payload: {
            recordId: noticeId,
            batchId: batch.batchId,
            municipalityCode: batch.municipalityCode,
            sentAt: nowIso,
            final: true,
            records: records
              .filter((_record, i) => told[i])
              .map((record) => ({
                recordId: record.recordId,
                outcome: record.outcome,
                ...(record.problem === null ? {} : { problem: JSON.parse(record.problem) as Problem }),
                ...(record.registeredAt === null ? {} : { registeredAt: record.registeredAt }),
              })),
          },
        },
      ],
      nowMs,
    );
  }

  #setState(batchId: string, state: BatchState, nowIso: string): void {
    const current = this.#batch(batchId);
    if (!current || (TERMINAL.includes(current.state) && current.state === state)) return;
    this.#db
      .prepare('UPDATE card_batches SET state = ?, updatedAt = ? WHERE batchId = ?')
      .run(state, nowIso, batchId);
  }

  #batch(batchId: string): BatchRow | undefined {
    return this.#db.prepare('SELECT * FROM card_batches WHERE batchId = ?').get(batchId) as
      | BatchRow
      | undefined;
  }

  #records(batchId: string): RecordRow[] {
    return this.#db
      .prepare('SELECT * FROM card_records WHERE batchId = ? ORDER BY position')
      .all(batchId) as unknown as RecordRow[];
  }

  clear(): void {
    this.#db.exec(
      'DELETE FROM card_batches; DELETE FROM card_records; DELETE FROM registrations; DELETE FROM hooks;',
    );
  }
}

/** Runs `CardBatches.step` until nothing is left to do, then sleeps until woken. */
export class CardProcessor {
  readonly #batches: CardBatches;
  readonly #onError: (error: unknown) => void;
  readonly #afterStep: () => void;
  #wake: (() => void) | undefined;
  #woken = false;
  #stopped = false;
  #running: Promise<void> | undefined;

  /** `afterStep` runs after every step that changed something, e.g. to wake the notice sender. */
  constructor(batches: CardBatches, onError: (error: unknown) => void, afterStep: () => void) {
    this.#batches = batches;
    this.#onError = onError;
    this.#afterStep = afterStep;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#running;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      this.#woken = false;
      let worked = false;
      try {
        worked = this.#batches.step(Date.now());
      } catch (error) {
        this.#onError(error);
      }
      if (worked) {
        this.#afterStep();
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (this.#woken || this.#stopped) continue;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}
