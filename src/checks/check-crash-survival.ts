import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { exchangesOf, recordAttempts } from './record-attempts.ts';

export interface InFlightRedelivery {
  /** The receiving peer's ledger, and its entries since the records were made. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  readonly iface: string;
  /** The member of a record that names it (e.g. serialNumber). */
  readonly naturalKey: string;
  /** The records in flight at the crash: natural key and the recordId they were made with. */
  readonly sent: readonly { readonly key: string; readonly recordId: string }[];
}

/**
 * GEN-SEND-013: records in flight when the sender crashed are delivered (accepted, or answered
 * duplicate) after its restart, each under the recordId it was made with.
 */
export const checkInFlightRedelivered = defineCheck<InFlightRedelivery>({
  name: 'in-flight-redelivered',
  requirements: ['GEN-SEND-013'],
  reads: (input) => refsOf(input.ledger, exchangesOf(input.entries, input.iface)),
  judge({ ledger, entries, iface, naturalKey, sent }): Finding[] {
    const delivered = recordAttempts(entries, iface).filter(
      (a) => a.outcome === 'accepted' || a.outcome === 'duplicate',
    );
    return sent.map(({ key, recordId }) => {
      const mine = delivered.filter((a) => String(a.record[naturalKey]) === key);
      const ids = [...new Set(mine.map((a) => a.recordId))];
      const same = ids.length === 1 && ids[0] === recordId;
      return {
        requirement: 'GEN-SEND-013',
        verdict: same ? 'pass' : 'fail',
        message:
          mine.length === 0
            ? `the record ${key} (recordId ${recordId}) was never delivered after the restart`
            : same
              ? `the record ${key} was delivered after the restart under its recordId ${recordId}`
              : `the record ${key} was delivered under ${ids.join(', ')}, not its recordId ${recordId}`,
        evidence: mine.length > 0 ? mine.slice(0, 3).map((a) => ({ ledger, seq: a.exchange.seq })) : [],
      };
    });
  },
});

export interface DeadLettersKept {
  /** The dead-letter list as answered before and after the restart, and those answers. */
  readonly before: readonly unknown[];
  readonly after: readonly unknown[];
  readonly answers: readonly EvidenceRef[];
}

/** GEN-DLQ-003: dead letters survive a crash: the list after the restart is the list before it. */
export const checkDeadLettersKept = defineCheck<DeadLettersKept>({
  name: 'dead-letters-kept',
  requirements: ['GEN-DLQ-003'],
  reads: (input) => input.answers,
  judge({ before, after }): Finding {
    const same = JSON.stringify(after) === JSON.stringify(before);
    return {
      requirement: 'GEN-DLQ-003',
      verdict: before.length > 0 && same ? 'pass' : 'fail',
      message:
        before.length === 0
          ? 'there was no dead letter before the restart to compare'
          : same
            ? `${before.length} dead letter(s) listed the same after the restart`
            : `${before.length} dead letter(s) before the restart, ${after.length} after, and they differ`,
      evidence: [],
    };
  },
});

export interface AcknowledgedRecord {
  readonly recordId: string;
  /** Its outcome in the answer before the crash, and in the answer to the same record re-sent after it. */
  readonly answered: string | undefined;
  readonly resent: string | undefined;
  /** Whether its effect is visible after the crash (e.g. the certificate answered revoked). */
  readonly effect: boolean;
  /** How the effect was read, for the message (e.g. `revoked`). */
  readonly seen: string;
  readonly evidence: readonly EvidenceRef[];
}

export interface AcknowledgementsKept {
  readonly records: readonly AcknowledgedRecord[];
  /** Whether the inbound reconciliation after the crash counts exactly the records answered accepted. */
  readonly counted: boolean;
  readonly reconciliation: EvidenceRef;
}

/**
 * GEN-ACK-001, GEN-IDEM-004, GEN-ACK-002 after a crash right after the answer: a record answered
 * accepted keeps its effect and is counted, answers duplicate when re-sent, and every record is
 * held completely (effect and receipt) or not at all.
 */
export const checkAcknowledgementsKept = defineCheck<AcknowledgementsKept>({
  name: 'acknowledgements-kept',
  requirements: ['GEN-ACK-001', 'GEN-IDEM-004', 'GEN-ACK-002'],
  reads: (input) => [...input.records.flatMap((r) => r.evidence), input.reconciliation],
  judge({ records, counted, reconciliation }): Finding[] {
    return records.flatMap(({ recordId, answered, resent, effect, seen, evidence }) => {
      const receipt = resent === 'duplicate';
      const held: Finding = {
        requirement: 'GEN-ACK-002',
        verdict: effect === receipt && (answered !== 'accepted' || effect) ? 'pass' : 'fail',
        message: `record ${recordId} (answered ${answered ?? 'nothing'}): after the crash its effect is ${seen} and a re-send is answered ${resent ?? 'nothing'}`,
        evidence,
      };
      if (answered !== 'accepted') return [held];
      return [
        {
          requirement: 'GEN-ACK-001',
          verdict: effect && counted ? 'pass' : 'fail',
          message: `record ${recordId} answered accepted before the crash: its effect is ${seen} after it, ${counted ? 'counted' : 'not counted as accepted'} in the inbound reconciliation`,
          evidence: [...evidence, reconciliation],
        },
        {
          requirement: 'GEN-IDEM-004',
          verdict: receipt ? 'pass' : 'fail',
          message: `record ${recordId}, accepted before the crash, re-sent after it: ${resent ?? 'no result'}`,
          evidence,
        },
        held,
      ];
    });
  },
});
