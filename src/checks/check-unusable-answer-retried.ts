import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { recordAttempts, ref } from './record-attempts.ts';

/**
 * GEN-SEND-011: a record whose request was answered 200 without a usable result for it (a body
 * that is not a batch-result, or one that leaves the record out) is sent again: the sender took
 * the answer as a transient failure, not as acceptance.
 */
export function checkUnusableAnswerRetried(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
): Finding {
  const attempts = recordAttempts(entries, iface);
  const unusable = attempts.filter(
    (a) => a.exchange.outcome === 'answered' && a.exchange.status === 200 && a.outcome === null,
  );
  if (unusable.length === 0) {
    return {
      requirement: 'GEN-SEND-011',
      verdict: 'inconclusive',
      message: 'no record was answered 200 without a usable result',
      evidence: [],
    };
  }
  const dropped = unusable.filter(
    (u) => !attempts.some((a) => a.recordId === u.recordId && a.exchange.startMs > u.exchange.startMs),
  );
  if (dropped.length === 0) {
    return {
      requirement: 'GEN-SEND-011',
      verdict: 'pass',
      message: `${unusable.length} record attempt(s) answered without a usable result were all sent again`,
      evidence: unusable.slice(0, 5).map((u) => ref(ledger, u.exchange)),
    };
  }
  return {
    requirement: 'GEN-SEND-011',
    verdict: 'fail',
    message: `record ${dropped[0]?.recordId} was never sent again after an answer without a usable result for it${dropped.length > 1 ? ` (nor ${dropped.length - 1} other(s))` : ''}: the sender took it as delivered`,
    evidence: dropped.slice(0, 5).map((d) => ref(ledger, d.exchange)),
  };
}
