import type { DatabaseSync } from 'node:sqlite';
import { type Problem, problem } from '../../spec/problem-types.ts';

export type RevocationReason =
  | 'move-out'
  | 'name-change'
  | 'address-change'
  | 'death'
  | 'correction'
  | 'loss'
  | 'other';

/** An issued certificate as the CA keeps it: ids and a digest, never the four items themselves. */
export interface Certificate {
  readonly serialNumber: string;
  readonly certificateType: 'signature' | 'user-authentication';
  readonly residentCode: string;
  readonly municipalityCode: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly itemsDigest: string;
  readonly status: 'good' | 'revoked';
  readonly revokedAt: string | null;
  readonly reason: RevocationReason | null;
}

export type NewCertificate = Omit<Certificate, 'status' | 'revokedAt' | 'reason'>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS certificates (
  serialNumber TEXT PRIMARY KEY,
  certificateType TEXT NOT NULL,
  residentCode TEXT NOT NULL,
  municipalityCode TEXT NOT NULL,
  notBefore TEXT NOT NULL,
  notAfter TEXT NOT NULL,
  itemsDigest TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('good', 'revoked')),
  revokedAt TEXT,
  reason TEXT
);
`;

export class CertificateStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  /** Call inside the transaction that also queues the issuance notices. */
  insert(certificates: readonly NewCertificate[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO certificates (serialNumber, certificateType, residentCode, municipalityCode, notBefore, notAfter, itemsDigest, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'good')`,
    );
    for (const c of certificates) {
      insert.run(
        c.serialNumber,
        c.certificateType,
        c.residentCode,
        c.municipalityCode,
        c.notBefore,
        c.notAfter,
        c.itemsDigest,
      );
    }
  }

  find(serialNumber: string): Certificate | undefined {
    return this.#db.prepare('SELECT * FROM certificates WHERE serialNumber = ?').get(serialNumber) as
      | Certificate
      | undefined;
  }

  /** The serials among `serialNumbers` that are already issued. */
  existing(serialNumbers: readonly string[]): Set<string> {
    const find = this.#db.prepare('SELECT 1 FROM certificates WHERE serialNumber = ?');
    return new Set(serialNumbers.filter((serial) => find.get(serial) !== undefined));
  }

  /**
   * Revokes within the caller's transaction. A certificate that is already revoked keeps its
   * first revocation; the request is still accepted, since the outcome it asks for holds.
   * `keepFirst: false` is the defect of the replica ca-revocation-overwrite.
   */
  revoke(
    request: { serialNumber: string; residentCode: string; reason: RevocationReason },
    atIso: string,
    keepFirst = true,
  ): Problem | undefined {
    const certificate = this.find(request.serialNumber);
    if (!certificate || certificate.residentCode !== request.residentCode) {
      return problem('unknown-certificate', {
        title: 'Unknown certificate',
        detail: 'this authority issued no certificate with this serialNumber to this residentCode',
      });
    }
    this.#db
      .prepare(
        `UPDATE certificates SET status = 'revoked', revokedAt = ?, reason = ? WHERE serialNumber = ?${keepFirst ? " AND status = 'good'" : ''}`,
      )
      .run(atIso, request.reason, request.serialNumber);
    return undefined;
  }

  clear(): void {
    this.#db.exec('DELETE FROM certificates');
  }
}
