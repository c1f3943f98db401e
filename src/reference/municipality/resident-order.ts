import type { DatabaseSync } from 'node:sqlite';
import { Outbox, type OutboxDefect, type OutboxRecord } from '../shared/outbox.ts';

/** The most pending records one look at the queue reads; far above any queue the suite builds. */
const PENDING_WINDOW = 100_000;

/**
 * An outbox that keeps each resident's changes in order (MUN-SEQ-003): a record of `ordered` is
 * due only when no earlier record of the same resident is still pending, so a later change never
 * overtakes an earlier one that is waiting for a retry, while other residents' changes go on.
 * Every other interface is served as the plain outbox serves it.
 */
export class ResidentOrderedOutbox extends Outbox {
  readonly #ordered: string;
  readonly #keyOf: (record: OutboxRecord) => string;

  constructor(
    db: DatabaseSync,
    defects: ReadonlySet<OutboxDefect>,
    ordered: string,
    keyOf: (record: OutboxRecord) => string,
  ) {
    super(db, defects);
    this.#ordered = ordered;
    this.#keyOf = keyOf;
  }

  override due(interfaceName: string, nowMs: number, limit: number): OutboxRecord[] {
    if (interfaceName !== this.#ordered) return super.due(interfaceName, nowMs, limit);
    return this.#heads(interfaceName)
      .filter((record) => record.nextAttemptAt <= nowMs)
      .slice(0, limit);
  }

  override nextDueAt(interfaceName: string): number | undefined {
    if (interfaceName !== this.#ordered) return super.nextDueAt(interfaceName);
    const times = this.#heads(interfaceName).map((record) => record.nextAttemptAt);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** The oldest pending record of each resident, oldest first. */
  #heads(interfaceName: string): OutboxRecord[] {
    const seen = new Set<string>();
    return this.pending(interfaceName, PENDING_WINDOW).filter((record) => {
      const key = this.#keyOf(record);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
