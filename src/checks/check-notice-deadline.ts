import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';
import { type Scheduled, upperBound } from './scheduling-allowance.ts';

/** One read of the municipality's operator view of a batch: when the read started and the notice state it showed. */
export interface ViewRead {
  readonly startedAtMs: number;
  readonly noticeState: string | undefined;
  readonly ref: EvidenceRef;
}

export interface NoticeDeadline extends Scheduled {
  /** Wall-clock time the center answered the batch's first terminal status read. */
  readonly terminalAtMs: number;
  readonly terminalRef: EvidenceRef;
  /** The declared deliveryBoundMs: the deadline after the terminal read. */
  readonly boundMs: number;
  /** How late after the deadline the report may come (the suite's polling and the target's). */
  readonly graceMs: number;
  /** The operator view, read repeatedly, oldest first; no final notice was ever sent. */
  readonly reads: readonly ViewRead[];
}

/**
 * MUN-NOT-005 for a batch whose final registration notice never comes: the operator view shows
 * the notice `missing` once deliveryBoundMs has passed since the terminal status was read (within
 * the grace and the measured harness delay), and never before that time (strictly).
 */
export const checkNoticeDeadline = defineCheck<NoticeDeadline>({
  name: 'notice-deadline',
  requirements: ['MUN-NOT-005'],
  reads: (input) => [input.terminalRef, ...input.reads.map((r) => r.ref)],
  timeBound: true,
  judge({ terminalAtMs, terminalRef, boundMs, graceMs, reads, schedulingDelay }): Finding {
    const deadline = terminalAtMs + boundMs;
    // Only the latest acceptable time widens; shown missing before the deadline stays a failure.
    const latest = upperBound(graceMs, 0, schedulingDelay);
    const early = reads.filter((r) => r.noticeState === 'missing' && r.startedAtMs < deadline);
    const reported = reads.find((r) => r.noticeState === 'missing');
    const lateReads = reads.filter((r) => r.startedAtMs >= deadline + latest.limitMs);
    if (early.length > 0)
      return {
        requirement: 'MUN-NOT-005',
        verdict: 'fail',
        message: `the notice was shown missing ${deadline - (early[0]?.startedAtMs ?? 0)} ms before the deadline (${boundMs} ms after the terminal status)`,
        evidence: [terminalRef, ...early.map((r) => r.ref)],
      };
    if (reported && reported.startedAtMs < deadline + latest.limitMs)
      return {
        requirement: 'MUN-NOT-005',
        verdict: 'pass',
        message: `the notice was shown missing ${reported.startedAtMs - terminalAtMs} ms after the terminal status, not before the deadline of ${boundMs} ms nor later than ${boundMs} + ${latest.text} ms`,
        evidence: [terminalRef, reported.ref, ...latest.evidence],
      };
    if (lateReads.length === 0)
      return {
        requirement: 'MUN-NOT-005',
        verdict: 'inconclusive',
        message: 'the operator view was not read late enough to see whether the missing notice was reported',
        evidence: [terminalRef],
      };
    return {
      requirement: 'MUN-NOT-005',
      verdict: 'fail',
      message: `${latest.text} after the deadline the operator view still showed the notice ${lateReads[0]?.noticeState ?? 'nowhere'}`,
      evidence: [terminalRef, ...lateReads.slice(0, 1).map((r) => r.ref), ...latest.evidence],
    };
  },
});
