import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ChangedItems, FourBasicItems } from '../../spec/message-types.generated.ts';

/**
 * The residents the center holds, by residentCode: current municipality, four items (kept only
 * to compute their digest and apply partial changes), whether they died, and per municipality
 * the highest sequence applied from it (specs/README.md, d-rc-scope). Also the certificates
 * linked to each resident. Every method runs inside the caller's transaction.
 */
export interface Resident {
  readonly residentCode: string;
  readonly municipalityCode: string;
  readonly items: FourBasicItems;
  readonly itemsDigest: string;
  readonly dead: boolean;
}

export interface LinkedCertificate {
  readonly serialNumber: string;
  readonly recordId: string;
  readonly residentCode: string;
  readonly notAfter: string;
  readonly itemsDigest: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS residents (
  residentCode TEXT PRIMARY KEY,
  municipalityCode TEXT NOT NULL,
  items TEXT NOT NULL,
  itemsDigest TEXT NOT NULL,
  dead INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS applied_sequences (
  residentCode TEXT NOT NULL,
  municipalityCode TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  PRIMARY KEY (residentCode, municipalityCode)
);
CREATE TABLE IF NOT EXISTS used_sequences (
  municipalityCode TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  recordId TEXT NOT NULL,
  PRIMARY KEY (municipalityCode, sequence)
);
CREATE TABLE IF NOT EXISTS certificates (
  serialNumber TEXT PRIMARY KEY,
  recordId TEXT NOT NULL,
  residentCode TEXT NOT NULL,
  notAfter TEXT NOT NULL,
  itemsDigest TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS certificates_resident ON certificates (residentCode);
CREATE TABLE IF NOT EXISTS revocations (
  recordId TEXT PRIMARY KEY,
  serialNumber TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revocations_serial ON revocations (serialNumber);
`;

interface ResidentRow {
  residentCode: string;
  municipalityCode: string;
  items: string;
  itemsDigest: string;
  dead: number;
}

export class ResidentStore {
  readonly #db: DatabaseSync;
  /** Prepared once per SQL text: preparing on every call cost more than running the query. */
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  find(residentCode: string): Resident | undefined {
    const row = this.#prepare('SELECT * FROM residents WHERE residentCode = ?').get(residentCode) as
      | ResidentRow
      | undefined;
    return row
      ? {
          residentCode: row.residentCode,
          municipalityCode: row.municipalityCode,
          items: JSON.parse(row.items) as FourBasicItems,
          itemsDigest: row.itemsDigest,
          dead: row.dead === 1,
        }
      : undefined;
  }

  save(resident: Resident): void {
    this.#prepare(
      `INSERT INTO residents (residentCode, municipalityCode, items, itemsDigest, dead) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (residentCode) DO UPDATE SET municipalityCode = excluded.municipalityCode,
           items = excluded.items, itemsDigest = excluded.itemsDigest, dead = excluded.dead`,
    ).run(
      resident.residentCode,
      resident.municipalityCode,
      JSON.stringify(resident.items),
      resident.itemsDigest,
      resident.dead ? 1 : 0,
    );
  }

  /** The highest sequence applied to this resident from this municipality (from any when omitted). */
  highestSequence(residentCode: string, municipalityCode?: string): number | undefined {
    const select =
      municipalityCode === undefined
        ? this.#prepare('SELECT MAX(sequence) AS sequence FROM applied_sequences WHERE residentCode = ?')
        : this.#prepare(
            'SELECT sequence FROM applied_sequences WHERE residentCode = ? AND municipalityCode = ?',
          );
    // A sequence above 2^53 - 1 (the schema sets no maximum) is read as a bigint: read as a number,
    // node:sqlite throws, and every later change of that resident was answered 500.
    select.setReadBigInts(true);
    const row = (
      municipalityCode === undefined ? select.get(residentCode) : select.get(residentCode, municipalityCode)
    ) as { sequence: bigint | null } | undefined;
    return row?.sequence == null ? undefined : Number(row.sequence);
  }

  /** The recordId of the accepted change that used this municipality's sequence number. */
  sequenceUsedBy(municipalityCode: string, sequence: number): string | undefined {
    const row = this.#prepare(
      'SELECT recordId FROM used_sequences WHERE municipalityCode = ? AND sequence = ?',
    ).get(municipalityCode, sequence) as { recordId: string } | undefined;
    return row?.recordId;
  }

  recordSequence(residentCode: string, municipalityCode: string, sequence: number, recordId: string): void {
    this.#prepare(
      `INSERT INTO applied_sequences (residentCode, municipalityCode, sequence) VALUES (?, ?, ?)
         ON CONFLICT (residentCode, municipalityCode) DO UPDATE SET sequence = MAX(sequence, excluded.sequence)`,
    ).run(residentCode, municipalityCode, sequence);
    this.#prepare(
      'INSERT OR IGNORE INTO used_sequences (municipalityCode, sequence, recordId) VALUES (?, ?, ?)',
    ).run(municipalityCode, sequence, recordId);
  }

  certificate(serialNumber: string): LinkedCertificate | undefined {
    return this.#prepare('SELECT * FROM certificates WHERE serialNumber = ?').get(serialNumber) as
      | LinkedCertificate
      | undefined;
  }

  link(certificate: LinkedCertificate): void {
    this.#prepare(
      'INSERT INTO certificates (serialNumber, recordId, residentCode, notAfter, itemsDigest) VALUES (?, ?, ?, ?, ?)',
    ).run(
      certificate.serialNumber,
      certificate.recordId,
      certificate.residentCode,
      certificate.notAfter,
      certificate.itemsDigest,
    );
  }

  certificatesOf(residentCode: string): LinkedCertificate[] {
    return this.#prepare('SELECT * FROM certificates WHERE residentCode = ? ORDER BY serialNumber').all(
      residentCode,
    ) as unknown as LinkedCertificate[];
  }

  /** The revocation records queued for a certificate, oldest first. */
  revocationsOf(serialNumber: string): string[] {
    const rows = this.#prepare('SELECT recordId FROM revocations WHERE serialNumber = ? ORDER BY rowid').all(
      serialNumber,
    ) as unknown as { recordId: string }[];
    return rows.map((row) => row.recordId);
  }

  noteRevocation(recordId: string, serialNumber: string): void {
    this.#prepare('INSERT INTO revocations (recordId, serialNumber) VALUES (?, ?)').run(
      recordId,
      serialNumber,
    );
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  clear(): void {
    this.#db.exec(
      'DELETE FROM residents; DELETE FROM applied_sequences; DELETE FROM used_sequences; DELETE FROM certificates; DELETE FROM revocations;',
    );
  }
}

/** The four items after a change that carries some of them. */
export function mergeItems(items: FourBasicItems, changed: ChangedItems | undefined): FourBasicItems {
  return { ...items, ...changed } as FourBasicItems;
}
