import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { groupBy, recordAttempts, ref } from './record-attempts.ts';

/**
 * GEN-SEND-005: a re-sent record keeps its recordId and its content. `naturalKey` names the
 * field that identifies the thing a record is about (a certificate's serial number), which is
 * how a re-send under a new id is recognised.
 */
export function checkResendIdentity(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  naturalKey: string,
): Finding {
  const attempts = recordAttempts(entries, iface);
  const problems: string[] = [];
  const evidence = [];
  for (const [key, group] of groupBy(attempts, (a) => String(a.record[naturalKey]))) {
    const ids = new Set(group.map((a) => a.recordId));
    if (ids.size > 1) {
      problems.push(`${naturalKey} ${key} was sent under ${ids.size} recordIds`);
      evidence.push(...group.map((a) => ref(ledger, a.exchange)));
    }
  }
  for (const [id, group] of groupBy(attempts, (a) => a.recordId)) {
    const contents = new Set(group.map((a) => JSON.stringify(a.record)));
    if (contents.size > 1) {
      problems.push(`recordId ${id} was re-sent with different content`);
      evidence.push(...group.map((a) => ref(ledger, a.exchange)));
    }
  }
  const resent = [...groupBy(attempts, (a) => a.recordId).values()].filter((g) => g.length > 1).length;
  if (problems.length > 0) {
    return {
      requirement: 'GEN-SEND-005',
      verdict: 'fail',
      message: problems.slice(0, 3).join('; '),
      evidence: evidence.slice(0, 20),
    };
  }
  if (resent === 0) {
    return {
      requirement: 'GEN-SEND-005',
      verdict: 'inconclusive',
      message: 'no record was re-sent',
      evidence: [],
    };
  }
  return {
    requirement: 'GEN-SEND-005',
    verdict: 'pass',
    message: `${resent} re-sent record(s) kept their id and content`,
    evidence: [],
  };
}
