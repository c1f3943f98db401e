import type { ExchangeEntry, LedgerEntry, ObservationEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { groupBy, type RecordAttempt, recordAttempts, ref } from './record-attempts.ts';

/**
 * How much earlier than the sender's declared timeout the mock may see the connection close and
 * still credit the sender with having timed out: the sender's clock starts before the request
 * reaches the mock (connection, headers, a loaded machine).
 */
export const TIMEOUT_SLACK_MS = 250;

/**
 * The rejected answers the sender never read: the client closed that exchange's connection without
 * another request on it, before the record came again, and either reset it (our answer still
 * unread on its side) or closed it no earlier than its own request timeout. `requestTimeoutMs`
 * is the sender's declared timeout; without it no answer counts as unread.
 */
export function unreadRejections(
  entries: readonly LedgerEntry[],
  iface: string,
  requestTimeoutMs?: number,
): Map<string, RecordAttempt[]> {
  const unread = new Map<string, RecordAttempt[]>();
  if (requestTimeoutMs === undefined) return unread;
  const closes = new Map<number, { closedMs: number; reset: boolean }>();
  for (const e of entries) {
    if (e.kind !== 'observation' || e.what !== 'connection-closed') continue;
    const data = (e as ObservationEntry).data as {
      exchangeSeq?: unknown;
      closedMs?: unknown;
      reset?: unknown;
    };
    if (typeof data?.exchangeSeq === 'number' && typeof data.closedMs === 'number')
      closes.set(data.exchangeSeq, { closedMs: data.closedMs, reset: data.reset === true });
  }
  for (const [recordId, attempts] of groupBy(recordAttempts(entries, iface), (a) => a.recordId)) {
    attempts.forEach((attempt, i) => {
      const next = attempts[i + 1];
      if (attempt.outcome !== 'rejected' || next === undefined) return;
      if (!leftUnread(attempt.exchange, next.exchange, closes.get(attempt.exchange.seq), requestTimeoutMs))
        return;
      unread.set(recordId, [...(unread.get(recordId) ?? []), attempt]);
    });
  }
  return unread;
}

function leftUnread(
  answered: ExchangeEntry,
  again: ExchangeEntry,
  close: { closedMs: number; reset: boolean } | undefined,
  requestTimeoutMs: number,
): boolean {
  if (!close || close.closedMs > again.startMs) return false;
  return close.reset || close.closedMs - answered.startMs >= requestTimeoutMs - TIMEOUT_SLACK_MS;
}

/**
 * GEN-SEND-006 (first half): a record answered `rejected` is never sent again. A re-send after an
 * answer the sender never read (it gave up on its own timeout first, see `unreadRejections`) is
 * a re-send after a timeout, which the requirement allows.
 */
export function checkNoResendAfterRejection(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  requestTimeoutMs?: number,
): Finding {
  const unread = unreadRejections(entries, iface, requestTimeoutMs);
  const offenders: { recordId: string; times: number; seqs: { ledger: string; seq: number }[] }[] = [];
  let rejected = 0;
  let excused = 0;
  for (const [recordId, attempts] of groupBy(recordAttempts(entries, iface), (a) => a.recordId)) {
    const unreadHere = unread.get(recordId) ?? [];
    excused += unreadHere.length;
    const at = attempts.findIndex(
      (a) => a.outcome === 'rejected' && !unreadHere.some((u) => u.exchange.seq === a.exchange.seq),
    );
    if (at < 0) {
      if (unreadHere.length > 0) rejected++;
      continue;
    }
    rejected++;
    const after = attempts.slice(at + 1);
    if (after.length > 0)
      offenders.push({
        recordId,
        times: after.length,
        seqs: after.slice(0, 5).map((a) => ref(ledger, a.exchange)),
      });
  }
  const timedOut =
    excused > 0 ? ` (${excused} re-send(s) after a rejection the sender never read: it had timed out)` : '';
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
      message: `${rejected} rejected record(s) never re-sent${timedOut}`,
      evidence: [],
    };
  }
  const first = offenders[0];
  return {
    requirement: 'GEN-SEND-006',
    verdict: 'fail',
    message: `rejected record ${first?.recordId} was re-sent ${first?.times} more time(s) after the sender read the rejection${offenders.length > 1 ? ` (and ${offenders.length - 1} other record(s))` : ''}${timedOut}`,
    evidence: first?.seqs ?? [],
  };
}
