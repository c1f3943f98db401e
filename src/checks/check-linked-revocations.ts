import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { revocationsFor } from './revocations-for.ts';

export interface LinkedRevocations {
  /** The ledger of the party that received the revocation requests. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  /** Certificates a change made revocable: each must get exactly one request, naming its cause. */
  readonly caused: readonly { serialNumber: string; changeRecordId: string; reason: string }[];
  /** Certificates of residents no change concerned: none may be revoked. */
  readonly untouched: readonly string[];
}

/**
 * NC-REV-001/002/003: a change that affects a resident with a linked certificate produces exactly
 * one revocation request for it, naming the change and a matching reason, and no other
 * certificate is revoked. Delivery within the bound is judged by `checkDeliveredWithin`.
 */
export const checkLinkedRevocations = defineCheck<LinkedRevocations>({
  name: 'linked-revocations',
  requirements: ['NC-REV-001', 'NC-REV-002', 'NC-REV-003'],
  reads: (input) => refsOf(input.ledger, input.entries),
  judge({ entries, caused, untouched }): Finding[] {
    const counts = caused.map((c) => ({ ...c, requests: revocationsFor(entries, c.serialNumber) }));
    const notOne = counts.filter((c) => c.requests.length !== 1);
    const wrongCause = counts.flatMap((c) =>
      c.requests
        .filter((r) => r.record.changeRecordId !== c.changeRecordId || r.record.reason !== c.reason)
        .map(
          (r) =>
            `${c.serialNumber}: reason ${String(r.record.reason)}, changeRecordId ${String(r.record.changeRecordId)}`,
        ),
    );
    const wronglyRevoked = untouched.filter((s) => revocationsFor(entries, s).length > 0);
    return [
      {
        requirement: 'NC-REV-001',
        verdict: notOne.length === 0 ? 'pass' : 'fail',
        message:
          notOne.length === 0
            ? `each of ${caused.length} linked certificate(s) got exactly one revocation request`
            : `${notOne.map((c) => `${c.serialNumber} got ${c.requests.length}`).join(', ')} revocation request(s) (expected exactly one each)`,
        evidence: [],
      },
      {
        requirement: 'NC-REV-002',
        verdict: wrongCause.length === 0 ? 'pass' : 'fail',
        message:
          wrongCause.length === 0
            ? 'every revocation request names the change that caused it and a matching reason'
            : `revocation request(s) not matching their change: ${wrongCause.join('; ')}`,
        evidence: [],
      },
      {
        requirement: 'NC-REV-003',
        verdict: wronglyRevoked.length === 0 ? 'pass' : 'fail',
        message:
          wronglyRevoked.length === 0
            ? `no revocation for the ${untouched.length} certificate(s) of residents no change concerned`
            : `certificate(s) of residents no change concerned were revoked: ${wronglyRevoked.join(', ')}`,
        evidence: [],
      },
    ];
  },
});
