import type { DatabaseSync } from 'node:sqlite';
import type { ResidentSyncBatchRequest } from '../../spec/message-types.generated.ts';

export type SyncRecord = ResidentSyncBatchRequest['records'][number];

/** One resident as last synced: the whole snapshot of one version. */
export interface ResidentSnapshot {
  readonly residentCode: string;
  readonly municipalityCode: string;
  readonly version: number;
  readonly recordId: string;
  readonly items: SyncRecord['items'];
  readonly householdId: string | null;
  readonly status: SyncRecord['status'];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS residents (
  residentCode TEXT PRIMARY KEY,
  municipalityCode TEXT NOT NULL,
  version INTEGER NOT NULL,
  recordId TEXT NOT NULL,
  items TEXT NOT NULL,
  householdId TEXT,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS residents_household ON residents (municipalityCode, householdId);
`;

interface Row {
  residentCode: string;
  municipalityCode: string;
  version: number | bigint;
  recordId: string;
  items: string;
  householdId: string | null;
  status: SyncRecord['status'];
}

/**
 * A row as a snapshot. Integers are read as bigint (a valid version may exceed 2^53 - 1, which
 * node:sqlite refuses to read as a number) and turned back into the number the message carried.
 */
const toSnapshot = (row: Row): ResidentSnapshot => ({
  ...row,
  version: Number(row.version),
  items: JSON.parse(row.items),
});

/**
 * The synced copy of resident data. Every snapshot is one row written in one statement, so a
 * reader sees a resident as of exactly one version (ISS-SYNC-002).
 */
export class ResidentStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  get(residentCode: string): ResidentSnapshot | undefined {
    const select = this.#db.prepare('SELECT * FROM residents WHERE residentCode = ?');
    select.setReadBigInts(true);
    const row = select.get(residentCode) as Row | undefined;
    return row ? toSnapshot(row) : undefined;
  }

  /** The residents of one household, in residentCode order. */
  household(municipalityCode: string, householdId: string): ResidentSnapshot[] {
    const select = this.#db.prepare(
      "SELECT * FROM residents WHERE municipalityCode = ? AND householdId = ? AND status = 'resident' ORDER BY residentCode",
    );
    select.setReadBigInts(true);
    const rows = select.all(municipalityCode, householdId) as unknown as Row[];
    return rows.map(toSnapshot);
  }

  /** Stores a snapshot (the caller has checked its version is above the stored one). */
  put(municipalityCode: string, record: SyncRecord): void {
    this.#db
      .prepare(
        `INSERT INTO residents (residentCode, municipalityCode, version, recordId, items, householdId, status)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (residentCode) DO UPDATE SET municipalityCode = excluded.municipalityCode,
           version = excluded.version, recordId = excluded.recordId, items = excluded.items,
           householdId = excluded.householdId, status = excluded.status`,
      )
      .run(
        record.residentCode,
        municipalityCode,
        record.version,
        record.recordId,
        JSON.stringify(record.items),
        record.householdId ?? null,
        record.status,
      );
  }

  /** Replica seam `tornSync`: changes one item of a stored snapshot in place. */
  patchItems(residentCode: string, items: SyncRecord['items'], version: number): void {
    this.#db
      .prepare('UPDATE residents SET items = ?, version = ? WHERE residentCode = ?')
      .run(JSON.stringify(items), version, residentCode);
  }

  clear(): void {
    this.#db.exec('DELETE FROM residents');
  }
}
