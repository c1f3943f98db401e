import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { revocationsFor } from './revocations-for.ts';

export interface DigestRevocations {
  /** The ledger of the party that received the revocation requests. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  /** Certificates notified over four items that differ from the resident's: one `correction` each. */
  readonly mismatched: readonly { serialNumber: string; noticeRecordId: string }[];
  /** Certificates whose resident only got changes that leave the four items' digest as it was. */
  readonly unchanged: readonly string[];
}

/**
 * NC-ISS-003, NC-REV-005, NC-REV-006: an issuance notice whose itemsDigest differs from the
 * resident's current items makes the center request one revocation (reason correction,
 * changeRecordId the notice's recordId); a change that leaves the digest unchanged revokes nothing.
 */
export const checkDigestRevocations = defineCheck<DigestRevocations>({
  name: 'digest-revocations',
  requirements: ['NC-ISS-003', 'NC-REV-005', 'NC-REV-006'],
  reads: (input) => refsOf(input.ledger, input.entries),
  judge({ entries, mismatched, unchanged }): Finding[] {
    const found = mismatched.map((m) => ({ ...m, requests: revocationsFor(entries, m.serialNumber) }));
    const notOne = found.filter((m) => m.requests.length !== 1);
    const wrong = found.flatMap((m) =>
      m.requests
        .filter((r) => r.record.reason !== 'correction' || r.record.changeRecordId !== m.noticeRecordId)
        .map(
          (r) =>
            `${m.serialNumber}: reason ${String(r.record.reason)}, changeRecordId ${String(r.record.changeRecordId)}`,
        ),
    );
    const revoked = unchanged.filter((s) => revocationsFor(entries, s).length > 0);
    return [
      {
        requirement: 'NC-ISS-003',
        verdict: notOne.length === 0 ? 'pass' : 'fail',
        message:
          notOne.length === 0
            ? `each of ${mismatched.length} certificate(s) issued over other items got exactly one revocation request`
            : `${notOne.map((m) => `${m.serialNumber} got ${m.requests.length}`).join(', ')} revocation request(s) (expected exactly one each)`,
        evidence: [],
      },
      {
        requirement: 'NC-REV-005',
        verdict: wrong.length === 0 ? 'pass' : 'fail',
        message:
          wrong.length === 0
            ? 'every such request has reason correction and names the issuance notice'
            : `request(s) not naming their notice with reason correction: ${wrong.join('; ')}`,
        evidence: [],
      },
      {
        requirement: 'NC-REV-006',
        verdict: revoked.length === 0 ? 'pass' : 'fail',
        message:
          revoked.length === 0
            ? `no revocation for the ${unchanged.length} certificate(s) whose resident's items did not change`
            : `revoked although the four items did not change: ${revoked.join(', ')}`,
        evidence: [],
      },
    ];
  },
});
