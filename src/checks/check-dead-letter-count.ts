import { jstDate } from '../reconciliation/accepted-digest.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import type { ReconciliationEntries } from './check-reconciliation-agreement.ts';
import type { CountedRecord } from './check-reconciliation-counting.ts';

export interface DeadLetterState {
  readonly recordId: string;
  readonly interface: string;
  readonly state: string;
}

/**
 * GEN-DLQ-004: the outbound deadLettered count for `iface` on `date` equals the number of dead
 * letters in state `dead` of that interface whose record falls on that date. `records` give each
 * record's recordedAt (as the exchanges show it).
 */
export function checkDeadLetterCount(
  report: ReconciliationEntries,
  iface: string,
  date: string,
  deadLetters: readonly DeadLetterState[],
  records: readonly CountedRecord[],
  evidence: readonly EvidenceRef[] = [],
): Finding {
  const entry = report.entries.find((e) => e.interface === iface && e.direction === 'outbound');
  if (!entry)
    return {
      requirement: 'GEN-DLQ-004',
      verdict: 'fail',
      message: `the report has no outbound ${iface} entry`,
      evidence,
    };
  const dayOf = new Map(records.map((r) => [r.recordId, jstDate(r.recordedAt)]));
  const dead = deadLetters.filter(
    (l) => l.interface === iface && l.state === 'dead' && dayOf.get(l.recordId) === date,
  ).length;
  return entry.counts.deadLettered === dead
    ? {
        requirement: 'GEN-DLQ-004',
        verdict: 'pass',
        message: `${iface} on ${date}: deadLettered ${dead}, as many as its dead letters in state dead`,
        evidence,
      }
    : {
        requirement: 'GEN-DLQ-004',
        verdict: 'fail',
        message: `${iface} on ${date}: deadLettered ${entry.counts.deadLettered}, but ${dead} dead letter(s) in state dead`,
        evidence,
      };
}
