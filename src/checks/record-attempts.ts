import type { ExchangeEntry, LedgerEntry } from '../evidence/ledger-entry.ts';

/** One delivery attempt of one record, as the receiving mock saw it. */
export interface RecordAttempt {
  readonly recordId: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly exchange: ExchangeEntry;
  /** `accepted` | `duplicate` | `rejected` when the batch was answered 200 with a result for it; else null. */
  readonly outcome: string | null;
  /** True when the whole request failed in a way a sender must treat as transient. */
  readonly transient: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function exchangesOf(entries: readonly LedgerEntry[], iface: string): ExchangeEntry[] {
  return entries.filter((e): e is ExchangeEntry => e.kind === 'exchange' && e.interface === iface);
}

/** Every record of every batch delivered on `iface`, in arrival order, with what it was answered. */
export function recordAttempts(entries: readonly LedgerEntry[], iface: string): RecordAttempt[] {
  const attempts: RecordAttempt[] = [];
  for (const exchange of exchangesOf(entries, iface)) {
    const body = exchange.requestBody;
    if (!isObject(body) || !Array.isArray(body.records)) continue;
    const results = new Map<string, string>();
    const responseBody = exchange.responseBody;
    if (
      exchange.outcome === 'answered' &&
      exchange.status === 200 &&
      isObject(responseBody) &&
      Array.isArray(responseBody.results)
    ) {
      for (const r of responseBody.results) {
        if (isObject(r) && typeof r.recordId === 'string' && typeof r.outcome === 'string')
          results.set(r.recordId, r.outcome);
      }
    }
    const transient =
      exchange.outcome !== 'answered' ||
      exchange.status === null ||
      exchange.status >= 500 ||
      exchange.status === 429;
    for (const record of body.records) {
      if (!isObject(record) || typeof record.recordId !== 'string') continue;
      attempts.push({
        recordId: record.recordId,
        record,
        exchange,
        outcome: results.get(record.recordId) ?? null,
        transient,
      });
    }
  }
  return attempts;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const ref = (ledger: string, entry: { seq: number }) => ({ ledger, seq: entry.seq });
