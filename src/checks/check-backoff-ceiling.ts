import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { retryAfterMs } from './check-retry-spacing.ts';
import { refsOf } from './define-check.ts';
import { groupBy, type RecordAttempt, recordAttempts, ref } from './record-attempts.ts';
import { type Scheduled, upperBound } from './scheduling-allowance.ts';

export interface BackoffCeiling extends Scheduled {
  readonly maxBackoffMs: number;
  /** Scheduling slack on top of the declared ceiling. */
  readonly toleranceMs: number;
  /** When the evidence was read: how long a record still waiting has been waiting. */
  readonly observedAtEpochMs: number;
  /** Records that had no terminal outcome when the evidence was read, so a next attempt is due. */
  readonly awaiting: ReadonlySet<string>;
}

/**
 * GEN-SEND-012: after a transient failure (no answer, 5xx, 429, or a 200 without a usable result)
 * the next attempt of the record starts within maxBackoffMs, or within the Retry-After when that
 * asks for longer. A record still waiting counts from its last failure to `observedAtEpochMs`,
 * which assumes the mock answers at once (no `hang` or `delay` in force).
 */
export function checkBackoffCeiling(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  ceiling: BackoffCeiling,
): Finding {
  const late: { failed: RecordAttempt; waitedMs: number; allowedMs: number; open: boolean }[] = [];
  let gaps = 0;
  let longest = 0;
  for (const [recordId, attempts] of groupBy(recordAttempts(entries, iface), (a) => a.recordId)) {
    attempts.sort((a, b) => a.exchange.startMs - b.exchange.startMs);
    attempts.forEach((failed, i) => {
      if (!isTransient(failed)) return;
      const next = attempts[i + 1];
      if (!next && !ceiling.awaiting.has(recordId)) return;
      const allowedMs = allowance(failed, ceiling);
      const waitedMs = next
        ? next.exchange.startMs - failed.exchange.endMs
        : ceiling.observedAtEpochMs - (Date.parse(failed.exchange.at) + failed.exchange.durationMs);
      gaps++;
      longest = Math.max(longest, waitedMs);
      if (waitedMs > allowedMs) late.push({ failed, waitedMs, allowedMs, open: !next });
    });
  }
  if (gaps === 0) {
    return {
      requirement: 'GEN-SEND-012',
      verdict: 'inconclusive',
      message: 'no transient failure to retry after',
      evidence: [],
    };
  }
  // The measured harness delay widens the ceiling only: retried too soon is judged elsewhere, strictly.
  const bound = upperBound(ceiling.maxBackoffMs, ceiling.toleranceMs, ceiling.schedulingDelay);
  if (late.length === 0) {
    return {
      requirement: 'GEN-SEND-012',
      verdict: 'pass',
      message: `${gaps} retry wait(s), the longest ${Math.round(longest)} ms, none over ${bound.text} (maxBackoffMs + tolerance) or a longer Retry-After`,
      evidence: [...refsOf(ledger, entries), ...bound.evidence],
    };
  }
  const first = late[0];
  return {
    requirement: 'GEN-SEND-012',
    verdict: 'fail',
    message: `record ${first?.failed.recordId} ${first?.open ? 'had still not been retried' : 'was retried only'} ${Math.round(first?.waitedMs ?? 0)} ms after a transient failure, over the ${first?.allowedMs} ms allowed (${bound.text}: maxBackoffMs, or a longer Retry-After, + tolerance)${late.length > 1 ? ` (${late.length} late waits)` : ''}`,
    evidence: [...late.slice(0, 5).map((l) => ref(ledger, l.failed.exchange)), ...bound.evidence],
  };
}

const isTransient = (a: RecordAttempt): boolean =>
  a.transient || (a.exchange.status === 200 && a.outcome === null);

function allowance(failed: RecordAttempt, ceiling: BackoffCeiling): number {
  const asked = retryAfterMs(failed.exchange.responseHeaders['retry-after'], failed.exchange.at) ?? 0;
  return upperBound(Math.max(ceiling.maxBackoffMs, asked), ceiling.toleranceMs, ceiling.schedulingDelay)
    .limitMs;
}
