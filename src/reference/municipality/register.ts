import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { computeIndividualNumberCheckDigit } from '../../spec/formats.ts';
import type { ResidentChange } from '../../spec/message-types.generated.ts';

/** A resident's four items as the municipality holds them. */
export type Items = Readonly<Record<string, unknown>>;

/** A change as the apply-resident-changes stimulus gives it. */
export type ChangeInput = ResidentChange;

/** A resident as the push-resident-sync stimulus gives it. */
export interface SyncInput {
  readonly residentCode: string;
  readonly items: Items;
  readonly householdId?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS residents (
  residentCode TEXT PRIMARY KEY,
  items TEXT NOT NULL,
  householdId TEXT,
  syncVersion INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS change_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
`;

/**
 * The municipality's resident register: the residents' current items, the sequence of the
 * changes it records (MUN-SEQ-001) and the version of each resident's last sync (MUN-SYNC-002).
 * Callers run it inside the transaction that queues what it returns.
 */
export class Register {
  readonly #db: DatabaseSync;
  readonly #nextSyncVersion: (last: number) => number;

  constructor(db: DatabaseSync, nextSyncVersion: (last: number) => number) {
    this.#db = db;
    this.#nextSyncVersion = nextSyncVersion;
    db.exec(SCHEMA);
  }

  /** Records changes: each gets a recordId, recordedAt and the next sequence, in stimulus order. */
  recordChanges(changes: readonly ChangeInput[], recordedAt: string): Record<string, unknown>[] {
    const row = this.#db.prepare('SELECT last FROM change_sequence WHERE id = 1').get() as
      | { last: number }
      | undefined;
    let sequence = row?.last ?? 0;
    const records = changes.map((change) => {
      sequence += 1;
      if (change.items) this.#merge(change.residentCode, change.items as Items, change.householdId);
      return { recordId: randomUUID(), recordedAt, sequence, ...change };
    });
    this.#db
      .prepare(
        'INSERT INTO change_sequence (id, last) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last = excluded.last',
      )
      .run(sequence);
    return records;
  }

  /** Sync records for these residents, each with a version above the last one sent. */
  syncRecords(residents: readonly SyncInput[], recordedAt: string): Record<string, unknown>[] {
    return residents.map((resident) => {
      this.#merge(resident.residentCode, resident.items, resident.householdId, true);
      const { syncVersion } = this.#db
        .prepare('SELECT syncVersion FROM residents WHERE residentCode = ?')
        .get(resident.residentCode) as { syncVersion: number };
      const version = this.#nextSyncVersion(syncVersion);
      this.#db
        .prepare('UPDATE residents SET syncVersion = ? WHERE residentCode = ?')
        .run(version, resident.residentCode);
      return {
        recordId: randomUUID(),
        recordedAt,
        residentCode: resident.residentCode,
        version,
        items: resident.items,
        ...(resident.householdId === undefined ? {} : { householdId: resident.householdId }),
        status: 'resident',
      };
    });
  }

  /** What a card record needs of a resident, or undefined for a resident the register does not hold. */
  cardHolder(residentCode: string): { items: Items; individualNumber: string } | undefined {
    const row = this.#db.prepare('SELECT items FROM residents WHERE residentCode = ?').get(residentCode) as
      | { items: string }
      | undefined;
    return row
      ? { items: JSON.parse(row.items) as Items, individualNumber: individualNumberOf(residentCode) }
      : undefined;
  }

  clear(): void {
    this.#db.exec('DELETE FROM residents; DELETE FROM change_sequence;');
  }

  #merge(residentCode: string, items: Items, householdId: string | undefined, replace = false): void {
    const row = this.#db.prepare('SELECT items FROM residents WHERE residentCode = ?').get(residentCode) as
      | { items: string }
      | undefined;
    const merged = replace || !row ? items : { ...(JSON.parse(row.items) as Items), ...items };
    this.#db
      .prepare(
        `INSERT INTO residents (residentCode, items, householdId) VALUES (?, ?, ?)
         ON CONFLICT (residentCode) DO UPDATE SET items = excluded.items, householdId = COALESCE(excluded.householdId, householdId)`,
      )
      .run(residentCode, JSON.stringify(merged), householdId ?? null);
  }
}

/** A synthetic individual number tied to the resident code: 8, the code's first ten digits, a check digit. */
function individualNumberOf(residentCode: string): string {
  const base = `8${residentCode.slice(0, 10)}`;
  return `${base}${computeIndividualNumberCheckDigit(base)}`;
}
