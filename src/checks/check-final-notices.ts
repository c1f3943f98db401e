import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { exchangesOf } from './record-attempts.ts';
import { type Scheduled, upperBound } from './scheduling-allowance.ts';

export interface FinalNotices extends Scheduled {
  /** The ledger of the municipality that received the notices. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  readonly batchId: string;
  /** The batch's per-record outcomes as its terminal status shows them. */
  readonly outcomes: readonly { readonly recordId: string; readonly outcome: string }[];
  /** Wall-clock ms (epoch) the batch became terminal (its status' updatedAt), and the declared bound. */
  readonly terminalAtMs: number;
  readonly boundMs: number;
}

type Notice = { batchId?: string; final?: boolean; records?: { recordId: string; outcome: string }[] };

/**
 * NC-NOT-001: once a batch is terminal, the notices the municipality receives give every record's
 * outcome (as the status shows it), the last one is marked final, and it arrives within the bound.
 */
export const checkFinalNotices = defineCheck<FinalNotices>({
  name: 'final-notices',
  requirements: ['NC-NOT-001'],
  reads: (input) => refsOf(input.ledger, input.entries),
  timeBound: true,
  judge({ ledger, entries, batchId, outcomes, terminalAtMs, boundMs, schedulingDelay }): Finding {
    const bound = upperBound(boundMs, 0, schedulingDelay);
    const notices = exchangesOf(entries, 'registration-notices').filter(
      (e) => (e.requestBody as Notice | null)?.batchId === batchId,
    );
    const told = new Map<string, string>();
    for (const n of notices)
      for (const r of (n.requestBody as Notice).records ?? []) told.set(r.recordId, r.outcome);
    const untold = outcomes.filter((o) => told.get(o.recordId) !== o.outcome).map((o) => o.recordId);
    const finalAt = notices.findIndex((n) => (n.requestBody as Notice).final === true);
    const final = notices[finalAt];
    // Re-sends of the final notice may follow it; a notice not marked final may not.
    const lastIsFinal = notices.slice(finalAt + 1).every((n) => (n.requestBody as Notice).final === true);
    const lateMs = final ? Date.parse(final.at) - (terminalAtMs + bound.limitMs) : Number.POSITIVE_INFINITY;
    const problems = [
      ...(untold.length > 0 ? [`no notice gives the status outcome of ${untold.join(', ')}`] : []),
      ...(final === undefined
        ? ['no notice is marked final']
        : lastIsFinal
          ? []
          : ['a notice not marked final came after the final one']),
      ...(final !== undefined && lateMs > 0
        ? [`the final notice arrived ${lateMs} ms after the bound of ${bound.text}`]
        : []),
    ];
    return {
      requirement: 'NC-NOT-001',
      verdict: problems.length === 0 ? 'pass' : 'fail',
      message:
        problems.length === 0
          ? `${notices.length} notice(s) give all ${outcomes.length} outcome(s), the last marked final, within ${bound.text}`
          : `batch ${batchId}: ${problems.join('; ')}`,
      // With no notice at all, the check's whole input is cited instead (`reads`).
      evidence: notices.length > 0 ? [...refsOf(ledger, notices), ...bound.evidence] : [],
    };
  },
});
