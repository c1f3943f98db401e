import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { exchangesOf } from './record-attempts.ts';

export interface ResidentOrder {
  /** The ledger of the national center that received the changes. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  /** The recordIds of one resident's changes, in the order the municipality recorded them. */
  readonly recordIds: readonly string[];
}

type Change = { recordId?: string; sequence?: number };

/**
 * MUN-SEQ-003 and MUN-SEQ-001 over one resident's changes: each change reaches the center only
 * once every earlier change of that resident has been answered accepted (or duplicate), never
 * while an earlier one is still waiting for a retry; and their sequences rise in recording order.
 * Changes are told apart by their sequence, so a change re-sent under another recordId (a
 * GEN-SEND-005 defect, judged elsewhere) is still followed.
 */
export const checkResidentOrder = defineCheck<ResidentOrder>({
  name: 'resident-order',
  requirements: ['MUN-SEQ-003', 'MUN-SEQ-001'],
  reads: (input) => refsOf(input.ledger, exchangesOf(input.entries, 'resident-changes')),
  judge({ ledger, entries, recordIds }): Finding[] {
    const attempts = exchangesOf(entries, 'resident-changes').flatMap((exchange) => {
      const records = ((exchange.requestBody as { records?: Change[] } | null)?.records ?? []) as Change[];
      const results = ((exchange.responseBody as { results?: { recordId: string; outcome: string }[] } | null)
        ?.results ?? []) as { recordId: string; outcome: string }[];
      return records.map((record) => ({
        exchange,
        record,
        settled:
          exchange.status === 200 &&
          results.some(
            (r) => r.recordId === record.recordId && (r.outcome === 'accepted' || r.outcome === 'duplicate'),
          ),
      }));
    });
    // A change is known by its sequence, so a re-send under another recordId is still the same change.
    const sequenceOf = (id: string | undefined) =>
      attempts.find((a) => a.record.recordId === id)?.record.sequence;
    const sequences = recordIds.map((id) => sequenceOf(id));
    const overtaking: EvidenceRef[] = [];
    for (const [i, later] of sequences.entries()) {
      const earlier = sequences[i - 1];
      if (i === 0 || later === undefined || earlier === undefined) continue;
      const earlierSettledAt = attempts.find((a) => a.record.sequence === earlier && a.settled)?.exchange.seq;
      for (const attempt of attempts.filter((a) => a.record.sequence === later))
        if (earlierSettledAt === undefined || attempt.exchange.seq <= earlierSettledAt)
          overtaking.push({ ledger, seq: attempt.exchange.seq });
    }
    const known = sequences.filter((s): s is number => typeof s === 'number');
    const rising =
      known.length === recordIds.length && known.every((s, i) => i === 0 || s > (known[i - 1] ?? 0));
    const seen = known.length;
    return [
      {
        requirement: 'MUN-SEQ-003',
        verdict: seen < recordIds.length ? 'inconclusive' : overtaking.length === 0 ? 'pass' : 'fail',
        message:
          seen < recordIds.length
            ? `only ${seen} of the resident's ${recordIds.length} changes reached the center`
            : overtaking.length === 0
              ? `each of the resident's ${recordIds.length} changes was sent only after the one before it was accepted`
              : `${overtaking.length} delivery(ies) of a later change went out before the earlier change of the same resident was accepted`,
        evidence: overtaking,
      },
      {
        requirement: 'MUN-SEQ-001',
        verdict: seen < recordIds.length ? 'inconclusive' : rising ? 'pass' : 'fail',
        message: rising
          ? `sequences rise in recording order (${known.join(', ')})`
          : `sequences in recording order: ${sequences.map((s) => s ?? '?').join(', ')} (each must exceed the one before)`,
        evidence: [],
      },
    ];
  },
});
