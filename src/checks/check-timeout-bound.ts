import type { LedgerEntry, ObservationEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { exchangesOf, ref } from './record-attempts.ts';
import { against, type MeasuredDelay, upperBound } from './scheduling-allowance.ts';

/**
 * GEN-SEND-002: every call the mock held without answering (`hang`, `commit-then-hang`) was
 * abandoned by the target within its declared request timeout. A held call the target never
 * let go has no exchange entry yet, only the mock's `held-open` observation; it fails once it
 * has been open longer than the limit at `observedAtEpochMs`, when the evidence was read.
 * `toleranceMs` covers connection set-up; `schedulingDelay`, the harness delay measured over the
 * test, is added to the limit as well.
 */
export function checkTimeoutBound(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  requestTimeoutMs: number,
  toleranceMs: number,
  observedAtEpochMs: number,
  schedulingDelay?: MeasuredDelay,
): Finding {
  const held = entries.filter(
    (e): e is ObservationEntry =>
      e.kind === 'observation' && e.what === 'held-open' && heldInterface(e) === iface,
  );
  if (held.length === 0) {
    return {
      requirement: 'GEN-SEND-002',
      verdict: 'inconclusive',
      message: 'no call was held unanswered',
      evidence: [],
    };
  }
  const bound = upperBound(requestTimeoutMs, toleranceMs, schedulingDelay);
  const limit = bound.limitMs;
  const exchanges = exchangesOf(entries, iface);
  const late: string[] = [];
  const evidence = [...bound.evidence];
  let longest = 0;
  for (const observation of held) {
    const correlationId = (observation.data as { correlationId?: string }).correlationId;
    const closed = exchanges.find((e) => e.correlationId === correlationId);
    if (!closed) {
      const openMs = observedAtEpochMs - Date.parse(observation.at);
      if (openMs > limit)
        late.push(`a call held since ${observation.at} was still open after ${Math.round(openMs)} ms`);
      evidence.push(ref(ledger, observation));
      continue;
    }
    longest = Math.max(longest, closed.durationMs);
    evidence.push(ref(ledger, closed));
    if (closed.durationMs > limit) late.push(`a held call was kept ${Math.round(closed.durationMs)} ms`);
  }
  if (late.length === 0) {
    return {
      requirement: 'GEN-SEND-002',
      verdict: 'pass',
      message: `${held.length} held call(s) abandoned after at most ${against(longest, bound)} (declared requestTimeoutMs + tolerance)`,
      evidence,
    };
  }
  return {
    requirement: 'GEN-SEND-002',
    verdict: 'fail',
    message: `${late[0]}, over ${bound.text} (declared requestTimeoutMs + tolerance)${late.length > 1 ? ` (${late.length} such calls)` : ''}`,
    evidence,
  };
}

const heldInterface = (e: ObservationEntry): unknown => (e.data as { interface?: unknown } | null)?.interface;
