import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { eventsWith, parseLogEvents, type TargetLog, withLog } from './log-events.ts';
import { recordAttempts, ref } from './record-attempts.ts';

export interface LoggedDeadLetter {
  readonly recordId: string;
  readonly reason: string;
}

/**
 * GEN-DLQ-006: for every dead letter, the log has an event under the correlation id of the
 * record's last attempt (as the mock saw it) naming the interface, the recordId and the reason.
 */
export function checkDeadLettersLogged(
  log: TargetLog,
  deadLetters: readonly LoggedDeadLetter[],
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
): Finding {
  if (deadLetters.length === 0) {
    return {
      requirement: 'GEN-DLQ-006',
      verdict: 'inconclusive',
      message: 'there is no dead letter whose log event to look for',
      evidence: withLog(log),
    };
  }
  const events = parseLogEvents(log.lines);
  const attempts = recordAttempts(entries, iface).sort((a, b) => a.exchange.startMs - b.exchange.startMs);
  const unlogged: string[] = [];
  const evidence = [];
  for (const letter of deadLetters) {
    const last = attempts.filter((a) => a.recordId === letter.recordId).at(-1);
    if (!last?.exchange.correlationId) {
      unlogged.push(`${letter.recordId} (never seen by the ${ledger} mock)`);
      continue;
    }
    evidence.push(ref(ledger, last.exchange));
    const logged = eventsWith(events, last.exchange.correlationId).some(
      (e) => e.values.has(letter.recordId) && e.values.has(iface) && e.values.has(letter.reason),
    );
    if (!logged)
      unlogged.push(
        `${letter.recordId} (no event under ${last.exchange.correlationId} names it, ${iface} and reason ${letter.reason})`,
      );
  }
  if (unlogged.length === 0) {
    return {
      requirement: 'GEN-DLQ-006',
      verdict: 'pass',
      message: `${deadLetters.length} dead letter(s) logged under the correlation id of their last attempt`,
      evidence: withLog(log, evidence.slice(0, 5)),
    };
  }
  return {
    requirement: 'GEN-DLQ-006',
    verdict: 'fail',
    message: `dead letter ${unlogged[0]} was not logged${unlogged.length > 1 ? ` (nor ${unlogged.length - 1} other(s))` : ''}`,
    evidence: withLog(log, evidence.slice(0, 5)),
  };
}
