import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** One read of a card batch's status: the HTTP status, the body when 200, and its evidence entry. */
export interface CardBatchPoll {
  readonly status: number | null;
  readonly body: {
    readonly state: string;
    readonly records: readonly { readonly recordId: string; readonly outcome: string }[];
    readonly counts: Readonly<Record<string, number>>;
  } | null;
  readonly ref: EvidenceRef;
}

export interface CardBatchPolls {
  /** The recordIds of the batch, in request order (the 202 acknowledged them all). */
  readonly recordIds: readonly string[];
  /** Every poll of the batch's status, oldest first. */
  readonly polls: readonly CardBatchPoll[];
  /** How many polls were made before the center was killed and restarted. */
  readonly beforeCrash: number;
}

const RANK: Readonly<Record<string, number>> = {
  received: 0,
  processing: 1,
  completed: 2,
  failed: 2,
  'partially-completed': 2,
};
const TERMINAL = new Set(['completed', 'failed', 'partially-completed']);

/**
 * NC-CARD-002/003/004/005 and GEN-ACK-002 over the polls of one card batch across a crash: the
 * state only moves forward and, once terminal, neither it nor any record's outcome changes; counts equal the per-record outcomes
 * at every poll; never completed while a record is not registered; after the crash the batch is
 * still answered, with every acknowledged record listed and no registered record lost.
 */
export const checkCardBatchPolls = defineCheck<CardBatchPolls>({
  name: 'card-batch-polls',
  requirements: ['NC-CARD-002', 'NC-CARD-003', 'NC-CARD-004', 'NC-CARD-005', 'GEN-ACK-002'],
  reads: (input) => input.polls.map((p) => p.ref),
  judge({ recordIds, polls, beforeCrash }): Finding[] {
    const read = polls.filter((p) => p.body !== null);
    const backwards: EvidenceRef[] = [];
    const badCounts: EvidenceRef[] = [];
    const falseCompleted: EvidenceRef[] = [];
    let previous: string | undefined;
    let settled: string | undefined;
    for (const poll of read) {
      const body = poll.body;
      if (!body) continue;
      // Once terminal, the batch is final: neither its state nor any record's outcome changes.
      const outcomes = JSON.stringify(body.records.map((r) => [r.recordId, r.outcome]));
      if (
        previous !== undefined &&
        ((RANK[body.state] ?? -1) < (RANK[previous] ?? -1) ||
          (TERMINAL.has(previous) && (body.state !== previous || outcomes !== settled)))
      )
        backwards.push(poll.ref);
      previous = body.state;
      if (TERMINAL.has(body.state) && settled === undefined) settled = outcomes;
      const tally: Record<string, number> = { pending: 0, registered: 0, failed: 0 };
      for (const r of body.records) tally[r.outcome] = (tally[r.outcome] ?? 0) + 1;
      const ids = body.records.map((r) => r.recordId);
      if (
        new Set(ids).size !== ids.length ||
        body.counts.total !== body.records.length ||
        Object.entries(tally).some(([outcome, n]) => (body.counts[outcome] ?? 0) !== n)
      )
        badCounts.push(poll.ref);
      if (body.state === 'completed' && body.records.some((r) => r.outcome !== 'registered'))
        falseCompleted.push(poll.ref);
    }
    const registeredBefore = new Set(
      polls
        .slice(0, beforeCrash)
        .flatMap((p) => p.body?.records ?? [])
        .filter((r) => r.outcome === 'registered')
        .map((r) => r.recordId),
    );
    const after = polls.slice(beforeCrash);
    const firstAfter = after[0];
    const lost = after.flatMap((p) =>
      p.body === null
        ? [...registeredBefore]
        : [...registeredBefore].filter(
            (id) => !p.body?.records.some((r) => r.recordId === id && r.outcome === 'registered'),
          ),
    );
    const missing = after.flatMap((p) =>
      p.body === null
        ? [...recordIds]
        : recordIds.filter((id) => !p.body?.records.some((r) => r.recordId === id)),
    );
    const at = (refs: EvidenceRef[]) => `at ${refs.length} of ${read.length} polls`;
    return [
      {
        requirement: 'NC-CARD-002',
        verdict: backwards.length === 0 ? 'pass' : 'fail',
        message:
          backwards.length === 0
            ? `the state only moved forward over ${read.length} polls (last ${previous ?? 'none'})`
            : `the state moved backwards, or the batch changed after being terminal, ${at(backwards)}`,
        evidence: backwards,
      },
      {
        requirement: 'NC-CARD-003',
        verdict: badCounts.length === 0 ? 'pass' : 'fail',
        message:
          badCounts.length === 0
            ? `counts equal the per-record outcomes at each of ${read.length} polls`
            : `counts disagree with the per-record outcomes ${at(badCounts)}`,
        evidence: badCounts,
      },
      {
        requirement: 'NC-CARD-004',
        verdict: falseCompleted.length === 0 ? 'pass' : 'fail',
        message:
          falseCompleted.length === 0
            ? 'the batch was never shown completed while a record was not registered'
            : `completed while records were not registered ${at(falseCompleted)}`,
        evidence: falseCompleted,
      },
      {
        requirement: 'NC-CARD-005',
        verdict: firstAfter?.status === 200 && lost.length === 0 ? 'pass' : 'fail',
        message:
          firstAfter?.status === 200 && lost.length === 0
            ? `after the crash the status is answered and the ${registeredBefore.size} record(s) registered before it stay registered`
            : `after the crash the status was answered ${firstAfter?.status ?? 'nothing'}; ${new Set(lost).size} registered record(s) lost`,
        evidence: after.map((p) => p.ref),
      },
      {
        requirement: 'GEN-ACK-002',
        verdict: after.length > 0 && missing.length === 0 ? 'pass' : 'fail',
        message:
          after.length > 0 && missing.length === 0
            ? `every one of the ${recordIds.length} acknowledged record(s) is held after the crash`
            : `${new Set(missing).size} acknowledged record(s) missing after the crash`,
        evidence: after.map((p) => p.ref),
      },
    ];
  },
});
