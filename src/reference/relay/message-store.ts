import type { DatabaseSync } from 'node:sqlite';
import { jstDate } from '../../reconciliation/accepted-digest.ts';
import { type ReconciliationEntry, reconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import { FORWARDING } from './capabilities.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS relay_messages (
  messageId TEXT PRIMARY KEY,
  contentHash TEXT NOT NULL,
  day TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in-progress', 'forwarded', 'failed')),
  sentToCenter INTEGER NOT NULL DEFAULT 0,
  response TEXT,
  duplicates INTEGER NOT NULL DEFAULT 0
);
`;

export type Begin =
  | { readonly kind: 'new' }
  | { readonly kind: 'repeat'; readonly response: unknown }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'conflict' };

interface Row {
  readonly contentHash: string;
  readonly state: string;
  readonly response: string | null;
}

/**
 * Every message the relay received, by messageId: its content hash (idempotency), its state and
 * the answer it forwarded; the counts of both sides of the relay come from here (RLY-REC-001).
 * Committed before the answer is sent, so a restart reports the same counts (GEN-REC-008).
 */
export class MessageStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  begin(message: { readonly messageId: string; readonly sentAt: string }): Begin {
    const hash = sha256Hex(canonicalJson(message));
    const row = this.#db
      .prepare('SELECT contentHash, state, response FROM relay_messages WHERE messageId = ?')
      .get(message.messageId) as Row | undefined;
    if (row && row.contentHash !== hash) return { kind: 'conflict' };
    if (row?.state === 'in-progress') return { kind: 'in-progress' };
    if (row?.state === 'forwarded' && row.response !== null) {
      this.#db
        .prepare('UPDATE relay_messages SET duplicates = duplicates + 1 WHERE messageId = ?')
        .run(message.messageId);
      return { kind: 'repeat', response: JSON.parse(row.response) };
    }
    // New, or failed before: forwarded afresh.
    this.#db
      .prepare(
        `INSERT INTO relay_messages (messageId, contentHash, day, state) VALUES (?, ?, ?, 'in-progress')
         ON CONFLICT (messageId) DO UPDATE SET state = 'in-progress', response = NULL`,
      )
      .run(message.messageId, hash, jstDate(message.sentAt));
    return { kind: 'new' };
  }

  sentToCenter(messageId: string): void {
    this.#db.prepare('UPDATE relay_messages SET sentToCenter = 1 WHERE messageId = ?').run(messageId);
  }

  finish(messageId: string, outcome: 'forwarded' | 'failed', response?: unknown): void {
    this.#db
      .prepare('UPDATE relay_messages SET state = ?, response = ? WHERE messageId = ?')
      .run(outcome, response === undefined ? null : JSON.stringify(response), messageId);
  }

  /** Inbound: every message received from terminals; outbound: every message sent to the center. */
  reconcile(direction: 'inbound' | 'outbound', day: string): ReconciliationEntry {
    const rows = this.#db
      .prepare(
        `SELECT messageId, state, duplicates FROM relay_messages WHERE day = ?${direction === 'outbound' ? ' AND sentToCenter = 1' : ''}`,
      )
      .all(day) as unknown as { messageId: string; state: string; duplicates: number }[];
    const accepted = rows.filter((r) => r.state === 'forwarded').map((r) => r.messageId);
    return reconciliationEntry(
      FORWARDING,
      direction,
      {
        total: rows.length,
        accepted: accepted.length,
        duplicate: direction === 'inbound' ? rows.reduce((sum, r) => sum + r.duplicates, 0) : 0,
        rejected: rows.filter((r) => r.state === 'failed').length,
        pending: rows.filter((r) => r.state === 'in-progress').length,
        deadLettered: 0,
      },
      accepted,
    );
  }

  /** Messages left in progress by a crash end failed: nobody will answer them any more. */
  failInterrupted(): void {
    this.#db.exec("UPDATE relay_messages SET state = 'failed' WHERE state = 'in-progress'");
  }

  clear(): void {
    this.#db.exec('DELETE FROM relay_messages');
  }
}
