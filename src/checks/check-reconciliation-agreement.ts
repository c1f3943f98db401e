import type { ReconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import type { Finding } from '../report/report-model.ts';

/** Only the entries matter to the comparison, so partial reports (as tests build them) are fine. */
export interface ReconciliationEntries {
  readonly entries: readonly ReconciliationEntry[];
}

/**
 * GEN-REC-002: for one interface, the sender's outbound view and the receiver's inbound view
 * agree on what was accepted: the same count and the same digest over the accepted ids.
 */
export function checkReconciliationAgreement(
  sender: ReconciliationEntries,
  receiver: ReconciliationEntries,
  iface: string,
): Finding {
  const out = sender.entries.find((e) => e.interface === iface && e.direction === 'outbound');
  const inb = receiver.entries.find((e) => e.interface === iface && e.direction === 'inbound');
  if (!out || !inb) {
    return {
      requirement: 'GEN-REC-002',
      verdict: 'fail',
      message: `${!out ? 'the sender' : 'the receiver'} reports no ${!out ? 'outbound' : 'inbound'} ${iface} entry`,
      evidence: [],
    };
  }
  const mismatches = [];
  if (out.counts.accepted !== inb.counts.accepted)
    mismatches.push(`accepted ${out.counts.accepted} (sender) vs ${inb.counts.accepted} (receiver)`);
  if (out.acceptedDigest !== inb.acceptedDigest) mismatches.push('accepted-id digests differ');
  if (mismatches.length > 0) {
    return {
      requirement: 'GEN-REC-002',
      verdict: 'fail',
      message: `${iface}: ${mismatches.join('; ')}`,
      evidence: [],
    };
  }
  return {
    requirement: 'GEN-REC-002',
    verdict: 'pass',
    message: `${iface}: both sides report ${out.counts.accepted} accepted with digest ${out.acceptedDigest.slice(0, 12)}…`,
    evidence: [],
  };
}
