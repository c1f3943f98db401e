import { jstDate } from '../reconciliation/accepted-digest.ts';
import { type ReconciliationEntry, reconciliationEntry } from '../reconciliation/reconciliation-entry.ts';

interface SentRecord {
  readonly interface: string;
  readonly peer: string;
  readonly recordId: string;
  readonly recordedAt: string;
  state: 'pending' | 'accepted' | 'rejected';
}

interface Batch {
  readonly records?: readonly { readonly recordId?: unknown; readonly recordedAt?: unknown }[];
}

interface Answer {
  readonly results?: readonly { readonly recordId?: unknown; readonly outcome?: unknown }[];
}

/**
 * The sender's view of the batches a mock sent, for its reconciliation report (specs/README.md):
 * over distinct record ids of a Japan-time day, `accepted` counts records answered accepted or
 * duplicate, `rejected` those answered rejected, `pending` those with no answer yet, and
 * `duplicate` the deliveries answered duplicate. A mock never dead-letters.
 */
export class OutboundLog {
  readonly #records = new Map<string, SentRecord>();
  readonly #duplicates = new Map<string, number>();

  /** One delivery of `body` to `peer`, and the answer's body when it was a 200. */
  note(interfaceName: string, peer: string, body: unknown, answer: unknown): void {
    for (const record of (body as Batch | null)?.records ?? []) {
      if (typeof record?.recordId !== 'string' || typeof record.recordedAt !== 'string') continue;
      const key = this.#key(interfaceName, peer, record.recordId);
      if (!this.#records.has(key)) {
        this.#records.set(key, {
          interface: interfaceName,
          peer,
          recordId: record.recordId,
          recordedAt: record.recordedAt,
          state: 'pending',
        });
      }
    }
    for (const result of (answer as Answer | null)?.results ?? []) {
      const sent = this.#records.get(this.#key(interfaceName, peer, String(result?.recordId)));
      if (!sent) continue;
      if (result.outcome === 'duplicate') {
        const scope = `${interfaceName}\0${peer}\0${jstDate(sent.recordedAt)}`;
        this.#duplicates.set(scope, (this.#duplicates.get(scope) ?? 0) + 1);
      }
      if (result.outcome === 'accepted' || result.outcome === 'duplicate') sent.state = 'accepted';
      else if (result.outcome === 'rejected' && sent.state !== 'accepted') sent.state = 'rejected';
    }
  }

  /** One outbound entry per interface sent to `peer` on `date`. */
  reconcile(peer: string, date: string): ReconciliationEntry[] {
    const sent = [...this.#records.values()].filter((r) => r.peer === peer && jstDate(r.recordedAt) === date);
    const interfaces = [...new Set(sent.map((r) => r.interface))].sort();
    return interfaces.map((name) => {
      const records = sent.filter((r) => r.interface === name);
      const count = (state: SentRecord['state']) => records.filter((r) => r.state === state).length;
      const accepted = records.filter((r) => r.state === 'accepted').map((r) => r.recordId);
      return reconciliationEntry(
        name,
        'outbound',
        {
          total: records.length,
          accepted: accepted.length,
          duplicate: this.#duplicates.get(`${name}\0${peer}\0${date}`) ?? 0,
          rejected: count('rejected'),
          pending: count('pending'),
          deadLettered: 0,
        },
        accepted,
      );
    });
  }

  clear(): void {
    this.#records.clear();
    this.#duplicates.clear();
  }

  #key(interfaceName: string, peer: string, recordId: string): string {
    return `${interfaceName}\0${peer}\0${recordId}`;
  }
}
