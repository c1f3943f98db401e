import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { groupBy, type RecordAttempt, recordAttempts, ref } from './record-attempts.ts';

export interface RetryPolicy {
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly multiplier: number;
  readonly jitter: 'full' | 'equal' | 'decorrelated';
}

/** Timers on one machine can fire a few ms apart from where two processes think they are. */
const CLOCK_SLACK_MS = 5;

/**
 * The earliest a conformant sender may send retry number `retry` (1 = first retry) after a
 * transient failure, given its declared policy. Full jitter allows an immediate retry, so it
 * bounds nothing; equal jitter waits at least half the exponential base; decorrelated at least
 * the initial backoff.
 */
export function minimumBackoffMs(policy: RetryPolicy, retry: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** (retry - 1));
  switch (policy.jitter) {
    case 'full':
      return 0;
    case 'equal':
      return base / 2;
    case 'decorrelated':
      return policy.initialBackoffMs;
  }
}

/** Parses Retry-After (delay-seconds or HTTP-date, RFC 9110) relative to when it was sent. */
export function retryAfterMs(value: string | undefined, sentAtIso: string): number | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.parse(sentAtIso));
}

interface Gap {
  readonly failed: RecordAttempt;
  readonly next: RecordAttempt;
  readonly retry: number;
  readonly gapMs: number;
}

function retryGaps(entries: readonly LedgerEntry[], iface: string): Gap[] {
  const gaps: Gap[] = [];
  for (const group of groupBy(recordAttempts(entries, iface), (a) => a.recordId).values()) {
    for (let i = 0; i + 1 < group.length; i++) {
      const failed = group[i];
      const next = group[i + 1];
      if (!failed || !next || !failed.transient) continue;
      gaps.push({ failed, next, retry: i + 1, gapMs: next.exchange.startMs - failed.exchange.endMs });
    }
  }
  return gaps;
}

/** GEN-SEND-004: after a 429/503 with Retry-After, no record of that request comes back sooner. */
export function checkRetryAfterHonoured(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
): Finding {
  const relevant = retryGaps(entries, iface).flatMap((g) => {
    const status = g.failed.exchange.status;
    if (status !== 429 && status !== 503) return [];
    const wait = retryAfterMs(g.failed.exchange.responseHeaders['retry-after'], g.failed.exchange.at);
    return wait === null ? [] : [{ ...g, wait }];
  });
  if (relevant.length === 0) {
    return {
      requirement: 'GEN-SEND-004',
      verdict: 'inconclusive',
      message: 'no record was retried after a Retry-After answer',
      evidence: [],
    };
  }
  const early = relevant.filter((g) => g.gapMs < g.wait - CLOCK_SLACK_MS);
  if (early.length === 0) {
    return {
      requirement: 'GEN-SEND-004',
      verdict: 'pass',
      message: `${relevant.length} retried record(s) waited at least Retry-After (shortest gap ${Math.round(Math.min(...relevant.map((g) => g.gapMs)))} ms)`,
      evidence: [],
    };
  }
  const worst = early.reduce((a, b) => (a.gapMs < b.gapMs ? a : b));
  return {
    requirement: 'GEN-SEND-004',
    verdict: 'fail',
    message: `${early.length} record(s) retried before Retry-After: record ${worst.failed.recordId} came back after ${Math.round(worst.gapMs)} ms, Retry-After asked for ${worst.wait} ms`,
    evidence: [ref(ledger, worst.failed.exchange), ref(ledger, worst.next.exchange)],
  };
}

/** GEN-SEND-003: retries after transient failures respect the declared backoff's lower bound. */
export function checkBackoffRespected(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  policy: RetryPolicy,
): Finding {
  const gaps = retryGaps(entries, iface);
  if (gaps.length === 0) {
    return {
      requirement: 'GEN-SEND-003',
      verdict: 'inconclusive',
      message: 'no record was retried after a transient failure',
      evidence: [],
    };
  }
  if (policy.jitter === 'full') {
    return {
      requirement: 'GEN-SEND-003',
      verdict: 'inconclusive',
      message: 'the declared full jitter allows any delay down to zero, so no lower bound can be checked',
      evidence: [],
    };
  }
  const early = gaps.filter((g) => g.gapMs < minimumBackoffMs(policy, g.retry) - CLOCK_SLACK_MS);
  if (early.length === 0) {
    return {
      requirement: 'GEN-SEND-003',
      verdict: 'pass',
      message: `${gaps.length} retry gap(s) within the declared backoff`,
      evidence: [],
    };
  }
  const first = early[0] as Gap;
  return {
    requirement: 'GEN-SEND-003',
    verdict: 'fail',
    message: `${early.length} retry gap(s) shorter than the declared backoff: record ${first.failed.recordId} retry ${first.retry} after ${Math.round(first.gapMs)} ms, declared minimum ${minimumBackoffMs(policy, first.retry)} ms`,
    evidence: [ref(ledger, first.failed.exchange), ref(ledger, first.next.exchange)],
  };
}
