import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import { type RecordAttempt, recordAttempts } from './record-attempts.ts';

/** The distinct revocation requests (by recordId) a certificate got, each with its first attempt. */
export function revocationsFor(entries: readonly LedgerEntry[], serialNumber: string): RecordAttempt[] {
  const first = new Map<string, RecordAttempt>();
  for (const attempt of recordAttempts(entries, 'revocation-requests')) {
    if (attempt.record.serialNumber === serialNumber && !first.has(attempt.recordId))
      first.set(attempt.recordId, attempt);
  }
  return [...first.values()];
}
