import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { groupBy, recordAttempts, ref } from './record-attempts.ts';

/** GEN-SEND-006 (first half): a record answered `rejected` is never sent again. */
export function checkNoResendAfterRejection(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
): Finding {
  const offenders: { recordId: string; times: number; seqs: { ledger: string; seq: number }[] }[] = [];
  let rejected = 0;
  for (const [recordId, attempts] of groupBy(recordAttempts(entries, iface), (a) => a.recordId)) {
    const at = attempts.findIndex((a) => a.outcome === 'rejected');
    if (at < 0) continue;
    rejected++;
    const after = attempts.slice(at + 1);
    if (after.length > 0)
      offenders.push({
        recordId,
        times: after.length,
        seqs: after.slice(0, 5).map((a) => ref(ledger, a.exchange)),
      });
  }
  if (rejected === 0) {
    return {
      requirement: 'GEN-SEND-006',
      verdict: 'inconclusive',
      message: 'no record was rejected',
      evidence: [],
    };
  }
  if (offenders.length === 0) {
    return {
      requirement: 'GEN-SEND-006',
      verdict: 'pass',
      message: `${rejected} rejected record(s) never re-sent`,
      evidence: [],
    };
  }
  const first = offenders[0];
  return {
    requirement: 'GEN-SEND-006',
    verdict: 'fail',
    message: `rejected record ${first?.recordId} was re-sent ${first?.times} more time(s)${offenders.length > 1 ? ` (and ${offenders.length - 1} other record(s))` : ''}`,
    evidence: first?.seqs ?? [],
  };
}
