import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { refsOf } from './define-check.ts';
import { recordAttempts, ref } from './record-attempts.ts';
import { type Scheduled, upperBound } from './scheduling-allowance.ts';

export interface DeliveryExpectation extends Scheduled {
  readonly requirement: string;
  /** Values of `naturalKey` that must each reach the receiver and be answered accepted or duplicate. */
  readonly keys: readonly string[];
  readonly naturalKey: string;
  /** Wall-clock ms (epoch) of the stimulus, and the declared bound from it. */
  readonly sinceEpochMs: number;
  readonly boundMs: number;
}

/**
 * The records must all have been accepted by the receiver within the bound (CA-ISS-001,
 * GEN-SEND-007). Arrival times come from the receiving mock's ledger in wall-clock time,
 * since the stimulus was recorded by another ledger.
 */
export function checkDeliveredWithin(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  expected: DeliveryExpectation,
): Finding {
  const acceptedAt = new Map<string, { at: number; seq: number }>();
  for (const a of recordAttempts(entries, iface)) {
    if (a.outcome !== 'accepted' && a.outcome !== 'duplicate') continue;
    const key = String(a.record[expected.naturalKey]);
    const at = Date.parse(a.exchange.at) + a.exchange.durationMs;
    if (!acceptedAt.has(key)) acceptedAt.set(key, { at, seq: a.exchange.seq });
  }
  const bound = upperBound(expected.boundMs, 0, expected.schedulingDelay);
  const deadline = expected.sinceEpochMs + bound.limitMs;
  const missing = expected.keys.filter((k) => !acceptedAt.has(k));
  const late = expected.keys.filter((k) => (acceptedAt.get(k)?.at ?? 0) > deadline);
  if (missing.length === 0 && late.length === 0) {
    const slowest = Math.max(
      ...expected.keys.map((k) => (acceptedAt.get(k)?.at ?? 0) - expected.sinceEpochMs),
    );
    return {
      requirement: expected.requirement,
      verdict: 'pass',
      message: `all ${expected.keys.length} record(s) accepted by the receiver within ${Math.max(0, slowest)} ms (bound ${bound.text})`,
      evidence: bound.evidence.length > 0 ? [...refsOf(ledger, entries), ...bound.evidence] : [],
    };
  }
  const parts = [];
  if (missing.length > 0)
    parts.push(
      `${missing.length} of ${expected.keys.length} record(s) never accepted (first ${expected.naturalKey} ${missing[0]})`,
    );
  if (late.length > 0) parts.push(`${late.length} accepted after the bound of ${bound.text}`);
  return {
    requirement: expected.requirement,
    verdict: 'fail',
    message: parts.join('; '),
    evidence: [
      ...late.slice(0, 5).flatMap((k) => {
        const hit = acceptedAt.get(k);
        return hit ? [ref(ledger, hit)] : [];
      }),
      ...(late.length > 0 ? bound.evidence : []),
    ],
  };
}
