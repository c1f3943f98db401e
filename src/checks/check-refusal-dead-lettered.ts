import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { exchangesOf, recordAttempts, ref } from './record-attempts.ts';

export interface DeadLetterView {
  readonly recordId: string;
  readonly reason: string;
  readonly lastError?: { readonly type?: string };
}

/** 4xx statuses that mean "not now", which a sender retries. */
const TRANSIENT_CLIENT_ERRORS = new Set([408, 429]);

/**
 * GEN-SEND-010: every record of a request refused as a whole with a 4xx (other than 408 and 429)
 * is dead-lettered with reason `rejected` and the refusal's problem as lastError, and is not sent
 * again.
 */
export function checkRefusalDeadLettered(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  deadLetters: readonly DeadLetterView[],
): Finding {
  const refusals = exchangesOf(entries, iface).filter(
    (e) =>
      e.outcome === 'answered' &&
      e.status !== null &&
      e.status >= 400 &&
      e.status < 500 &&
      !TRANSIENT_CLIENT_ERRORS.has(e.status),
  );
  if (refusals.length === 0) {
    return {
      requirement: 'GEN-SEND-010',
      verdict: 'inconclusive',
      message: 'no request was refused with a 4xx',
      evidence: [],
    };
  }
  const attempts = recordAttempts(entries, iface);
  const wrong: string[] = [];
  let records = 0;
  for (const refusal of refusals) {
    const type = (refusal.responseBody as { type?: unknown } | null)?.type;
    for (const attempt of attempts.filter((a) => a.exchange === refusal)) {
      records++;
      const letter = deadLetters.find((l) => l.recordId === attempt.recordId);
      const resent = attempts.some(
        (a) => a.recordId === attempt.recordId && a.exchange.startMs > refusal.startMs,
      );
      if (resent) wrong.push(`${attempt.recordId} was sent again after the ${refusal.status}`);
      else if (!letter) wrong.push(`${attempt.recordId} is not a dead letter`);
      else if (letter.reason !== 'rejected')
        wrong.push(`${attempt.recordId} is dead-lettered with reason ${letter.reason}`);
      else if (typeof type === 'string' && letter.lastError?.type !== type)
        wrong.push(
          `${attempt.recordId} has lastError ${letter.lastError?.type ?? 'none'}, not the refusal's ${type}`,
        );
    }
  }
  const evidence = refusals.slice(0, 5).map((r) => ref(ledger, r));
  return wrong.length === 0
    ? {
        requirement: 'GEN-SEND-010',
        verdict: 'pass',
        message: `the ${records} record(s) of ${refusals.length} refused request(s) were dead-lettered at once as rejected, with the refusal's problem`,
        evidence,
      }
    : {
        requirement: 'GEN-SEND-010',
        verdict: 'fail',
        message: `${wrong[0]}${wrong.length > 1 ? ` (${wrong.length} records wrong)` : ''}`,
        evidence,
      };
}
