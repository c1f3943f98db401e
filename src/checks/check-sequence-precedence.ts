import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { revocationsFor } from './revocations-for.ts';

export interface SequencePrecedence {
  /** The ledger of the party that received the revocation requests. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  /**
   * Per resident, two certificates notified after its changes: one over the items of its highest
   * sequence (`current`), one over the items of a lower one (`stale`). Only the stale one may be
   * revoked, as a digest mismatch, when the resident is as the highest sequence says.
   */
  readonly residents: readonly { residentCode: string; current: string; stale: string }[];
}

/**
 * NC-SEQ-004: whatever the order changes arrived in, each resident ends as its highest sequence
 * says, seen through the issuance digest check (NC-ISS-003): the certificate over the current
 * items stays, the one over the older items is revoked.
 */
export const checkSequencePrecedence = defineCheck<SequencePrecedence>({
  name: 'sequence-precedence',
  requirements: ['NC-SEQ-004'],
  reads: (input) => refsOf(input.ledger, input.entries),
  judge({ entries, residents }): Finding {
    const wrong = residents.filter(
      (r) => revocationsFor(entries, r.current).length > 0 || revocationsFor(entries, r.stale).length !== 1,
    );
    return {
      requirement: 'NC-SEQ-004',
      verdict: wrong.length === 0 ? 'pass' : 'fail',
      message:
        wrong.length === 0
          ? `each of ${residents.length} resident(s) is as its highest sequence says`
          : `${wrong.length} of ${residents.length} resident(s) are not as their highest sequence says (a certificate over the older items was kept, or one over the newest was revoked)`,
      evidence: [],
    };
  },
});
