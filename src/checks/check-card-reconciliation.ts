import { acceptedDigest } from '../reconciliation/accepted-digest.ts';
import type { ReconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

export interface CardReconciliation {
  /** Every record of every card batch the center answered 202, whatever its later outcome. */
  readonly recordIds: readonly string[];
  /** The center's inbound card-production entry for the municipality, if it reported one. */
  readonly entry: ReconciliationEntry | undefined;
  /** Where the 202 answers and the reconciliation report are. */
  readonly refs: readonly EvidenceRef[];
}

/**
 * NC-CARD-010: reconciliation counts as accepted every record of every batch answered 202 (count
 * and accepted digest), whatever the record's production outcome.
 */
export const checkCardReconciliation = defineCheck<CardReconciliation>({
  name: 'card-reconciliation',
  requirements: ['NC-CARD-010'],
  reads: (input) => input.refs,
  judge({ recordIds, entry }): Finding {
    const ids = new Set(recordIds);
    const agrees =
      entry !== undefined &&
      entry.counts.accepted === ids.size &&
      entry.acceptedDigest === acceptedDigest(ids);
    return {
      requirement: 'NC-CARD-010',
      verdict: agrees ? 'pass' : 'fail',
      message: agrees
        ? `card-production reconciliation counts the ${ids.size} record(s) of the batches answered 202 as accepted`
        : entry === undefined
          ? 'the reconciliation report has no inbound card-production entry'
          : `card-production reconciliation counts ${entry.counts.accepted} accepted (${entry.counts.rejected} rejected) with ${entry.acceptedDigest === acceptedDigest(ids) ? 'the same' : 'another'} digest; ${ids.size} record(s) were answered 202`,
      evidence: [],
    };
  },
});
