import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import { acceptedDigest, jstDate } from '../reconciliation/accepted-digest.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import type { ReconciliationEntries } from './check-reconciliation-agreement.ts';
import { recordAttempts } from './record-attempts.ts';

/** A record as the exchanges show it: its id, its recordedAt, and whether it was accepted. */
export interface CountedRecord {
  readonly recordId: string;
  readonly recordedAt: string;
  readonly accepted: boolean;
}

/**
 * GEN-REC-003: the report's entry for `iface` and `direction` counts, for `date`, exactly the
 * records whose recordedAt falls on that date in Japan time (total and accepted), and its
 * acceptedDigest is computed as specs/README.md defines it over the accepted ones. `records` are
 * every record of that interface and direction the exchanges show, whatever their day.
 */
export function checkReconciliationCounting(
  report: ReconciliationEntries,
  iface: string,
  direction: 'outbound' | 'inbound',
  date: string,
  records: readonly CountedRecord[],
  evidence: readonly EvidenceRef[] = [],
): Finding {
  const entry = report.entries.find((e) => e.interface === iface && e.direction === direction);
  const label = `${iface} (${direction}) on ${date}`;
  if (!entry)
    return {
      requirement: 'GEN-REC-003',
      verdict: 'fail',
      message: `the report has no entry for ${label}`,
      evidence,
    };
  const ofDay = records.filter((r) => jstDate(r.recordedAt) === date);
  const accepted = ofDay.filter((r) => r.accepted).map((r) => r.recordId);
  const expected = { total: ofDay.length, accepted: accepted.length, digest: acceptedDigest(accepted) };
  const wrong = [
    entry.counts.total !== expected.total ? `total ${entry.counts.total}, expected ${expected.total}` : '',
    entry.counts.accepted !== expected.accepted
      ? `accepted ${entry.counts.accepted}, expected ${expected.accepted}`
      : '',
    entry.acceptedDigest !== expected.digest
      ? `acceptedDigest ${entry.acceptedDigest.slice(0, 12)}…, expected ${expected.digest.slice(0, 12)}…`
      : '',
  ].filter(Boolean);
  return wrong.length === 0
    ? {
        requirement: 'GEN-REC-003',
        verdict: 'pass',
        message: `${label}: ${expected.total} record(s) of that day, ${expected.accepted} accepted, digest as specified`,
        evidence,
      }
    : { requirement: 'GEN-REC-003', verdict: 'fail', message: `${label}: ${wrong.join('; ')}`, evidence };
}

/** The records a sender delivered on `iface`, as the receiving mock saw them: accepted once any delivery was answered accepted or duplicate. */
export function countedFromWire(entries: readonly LedgerEntry[], iface: string): CountedRecord[] {
  const records = new Map<string, CountedRecord>();
  for (const attempt of recordAttempts(entries, iface)) {
    const accepted =
      (records.get(attempt.recordId)?.accepted ?? false) ||
      attempt.outcome === 'accepted' ||
      attempt.outcome === 'duplicate';
    records.set(attempt.recordId, {
      recordId: attempt.recordId,
      recordedAt: String(attempt.record.recordedAt),
      accepted,
    });
  }
  return [...records.values()];
}
