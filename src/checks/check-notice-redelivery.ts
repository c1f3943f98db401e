import { isDeepStrictEqual } from 'node:util';
import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { exchangesOf } from './record-attempts.ts';

export interface NoticeRedelivery {
  /** The ledger of the municipality that received the notices. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  readonly batchId: string;
  /** How many deliveries the municipality took in but never acknowledged. */
  readonly dropped: number;
  /** The batch's per-record outcomes as its status shows them once terminal. */
  readonly outcomes: readonly { readonly recordId: string; readonly outcome: string }[];
  /** The notices the municipality applied (its state), whatever was re-sent. */
  readonly applied: readonly { readonly noticeId: string; readonly batchId: string }[];
  /** The center's outbound registration-notices counts to this municipality, and where they were read. */
  readonly reconciled: {
    readonly accepted: number;
    readonly pending: number;
    readonly ref: EvidenceRef;
  } | null;
}

type Notice = { noticeId?: string; batchId?: string; records?: { recordId: string; outcome: string }[] };

/**
 * NC-NOT-002/003/004/005 for one batch's notice when the municipality drops the first
 * acknowledgements: re-sent with the same noticeId and content until acknowledged, applied once,
 * outcomes equal to the batch status, counted delivered only once acknowledged.
 */
export const checkNoticeRedelivery = defineCheck<NoticeRedelivery>({
  name: 'notice-redelivery',
  requirements: ['NC-NOT-002', 'NC-NOT-003', 'NC-NOT-004', 'NC-NOT-005'],
  reads: (input) => refsOf(input.ledger, input.entries),
  judge({ entries, batchId, dropped, outcomes, applied, reconciled }): Finding[] {
    const deliveries = exchangesOf(entries, 'registration-notices').filter(
      (e) => (e.requestBody as Notice | null)?.batchId === batchId,
    );
    const bodies = deliveries.map((e) => e.requestBody as Notice);
    const acknowledged = deliveries.filter(
      (e) =>
        e.outcome === 'answered' &&
        e.status === 200 &&
        ['acknowledged', 'duplicate'].includes(
          String((e.responseBody as { outcome?: string } | null)?.outcome),
        ),
    );
    const ids = new Set(bodies.map((b) => b.noticeId));
    const ours = applied.filter((n) => n.batchId === batchId);
    const sameId =
      ids.size === 1 && acknowledged.length > 0 && deliveries.length > dropped && ours.length === 1;
    const sameContent = bodies.every((b) => isDeepStrictEqual(b, bodies[0]));
    const notified = new Map(bodies.flatMap((b) => b.records ?? []).map((r) => [r.recordId, r.outcome]));
    const differing = outcomes.filter((o) => notified.get(o.recordId) !== o.outcome);
    const ackedIds = new Set(acknowledged.map((e) => (e.requestBody as Notice).noticeId)).size;
    const countedRight = reconciled !== null && reconciled.accepted === ackedIds;
    return [
      {
        requirement: 'NC-NOT-002',
        verdict: sameId ? 'pass' : 'fail',
        message: `the notice was delivered ${deliveries.length} time(s) (${dropped} acknowledgement(s) dropped) under ${ids.size} noticeId(s), acknowledged ${acknowledged.length} time(s), applied ${ours.length} time(s) (expected re-sent under one noticeId until acknowledged, applied once)`,
        evidence: [],
      },
      {
        requirement: 'NC-NOT-005',
        verdict: bodies.length > 0 && sameContent ? 'pass' : 'fail',
        message:
          bodies.length > 0 && sameContent
            ? `all ${bodies.length} deliveries carry the same content`
            : `${bodies.length} deliveries; their content ${sameContent ? 'is the same' : 'changed between re-sends'}`,
        evidence: [],
      },
      {
        requirement: 'NC-NOT-003',
        verdict: bodies.length > 0 && differing.length === 0 ? 'pass' : 'fail',
        message:
          bodies.length > 0 && differing.length === 0
            ? `the notice gives each of ${outcomes.length} record(s) the outcome the batch status shows`
            : `${bodies.length === 0 ? 'no notice arrived; ' : ''}${differing.length} record outcome(s) differ from the batch status`,
        evidence: [],
      },
      {
        requirement: 'NC-NOT-004',
        verdict: countedRight ? 'pass' : 'fail',
        message: reconciled
          ? `the center counts ${reconciled.accepted} notice(s) delivered and ${reconciled.pending} pending; the municipality acknowledged ${ackedIds}`
          : 'the center reported no outbound registration-notices entry for the municipality',
        evidence: reconciled ? [reconciled.ref, ...refsOf('municipality', deliveries)] : [],
      },
    ];
  },
});
