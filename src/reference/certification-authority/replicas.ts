import { securityReplicas } from '../../security/security-replicas.ts';
import type { ReplicaInfo } from '../registry.ts';
import { deepNestingReplica, unguardedInputReplica } from '../shared/input-defect-replicas.ts';
import { internalErrorReplica } from '../shared/internal-error-replicas.ts';
import {
  cachedReports,
  insertionOrderDigest,
  logOrders,
  quoteRefusedValues,
  sharedStatusSlot,
  totalCountsDeliveries,
} from './replica-defects.ts';
import type { SeamOverrides } from './seams.ts';

/**
 * A replica is data: the reference with the seams it overrides (`seams.ts`), the requirement ids
 * it violates and why. `kind` is `incident` for one that reproduces the mechanism of an incident
 * of the brief (what `tekigo demo` runs by default), `mutant` for one that breaks one requirement
 * so that the test for it is shown to fail.
 */
export interface Replica extends ReplicaInfo {
  readonly role: 'certification-authority';
  readonly seams: SeamOverrides;
}

/**
 * The reference CA with one known defect switched on. The suite must fail each of them on the
 * requirements listed in `violates` (and pass the reference), which is how the suite's own
 * checks are tested.
 */
export const REPLICAS: readonly Replica[] = [
  {
    name: 'ca-retry-forever',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-006', 'GEN-SEND-007'],
    description:
      'A rejected record is treated as a transient failure and re-sent forever; sending is strictly first-in first-out, so once the oldest record has failed it is sent alone until it succeeds and every record behind it waits.',
    seams: { senderDefects: ['retry-forever'] },
  },
  {
    name: 'ca-silent-drop',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-008', 'GEN-DLQ-001'],
    description:
      'A rejected record is deleted: no dead letter, and it disappears from the reconciliation counts.',
    seams: { senderDefects: ['silent-drop'] },
  },
  {
    name: 'ca-no-backoff',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-003', 'GEN-SEND-004'],
    description: 'Retries 10 ms after any transient failure, ignoring the declared backoff and Retry-After.',
    seams: { senderDefects: ['no-backoff'] },
  },
  {
    name: 'ca-no-timeout',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-SEND-002'],
    description: 'Outbound calls wait up to 10 minutes instead of the declared requestTimeoutMs.',
    seams: { senderDefects: ['no-timeout'] },
  },
  {
    name: 'ca-new-id-on-resend',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-005', 'GEN-REC-002'],
    description:
      'Every retry gives the record a fresh recordId, so the receiver cannot recognise a re-send and the counts drift apart.',
    seams: { senderDefects: ['new-id-on-resend'] },
  },
  {
    name: 'ca-status-lag',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2015-CARD'],
    violates: ['CA-REV-001'],
    description: 'certificate-status keeps answering good for 2 s after a revocation was answered accepted.',
    seams: { revocationUnseenMs: 2_000 },
  },
  {
    name: 'ca-bad-digest',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-001', 'CA-ISS-002'],
    description:
      'itemsDigest is computed over the four items in insertion order, not canonical JSON, and written in upper-case hex.',
    seams: { itemsDigest: insertionOrderDigest },
  },
  {
    name: 'ca-lax-validation',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-001'],
    description:
      'Revocation requests are processed without schema validation: malformed input is answered 200 (or 500) instead of a 400 problem naming the field.',
    seams: { validatesRevocations: false },
  },
  {
    name: 'ca-no-correlation-echo',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-001'],
    description:
      'Every response carries a fresh correlation id instead of the one the caller sent, so a failed exchange cannot be found in the logs.',
    seams: { http: { echoesCorrelationId: false } },
  },
  {
    ...unguardedInputReplica('ca', 'incident'),
    role: 'certification-authority',
    seams: { http: { guardsInput: false } },
  },
  {
    ...deepNestingReplica('ca', 'crash'),
    role: 'certification-authority',
    seams: { http: { deepBodies: 'crash' } },
  },
  {
    name: 'ca-shared-status-slot',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2023-KIOSK'],
    violates: ['GEN-TMO-005', 'CA-STAT-003'],
    description:
      "certificate-status builds every answer in one shared slot while it signs it, so concurrent requests get one another's status: a revoked certificate can be answered good.",
    seams: { statusLookup: sharedStatusSlot },
  },
  {
    name: 'ca-revocation-overwrite',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['CA-REV-005', 'CA-STAT-002'],
    description:
      'A revocation of an already revoked certificate rewrites its revokedAt and revocationReason, so the revocation verifiers saw is lost.',
    seams: { keepsFirstRevocation: false },
  },
  {
    name: 'ca-echo-invalid-values',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-SEC-006'],
    description:
      'Validation problems quote the value they refuse, so names and dates of birth end up in error bodies.',
    seams: { toldErrors: quoteRefusedValues },
  },
  {
    name: 'ca-upper-tester-always-on',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-UT-002'],
    description:
      'The upper tester is served even without --test-mode, so anyone who reaches the authority can issue certificates or wipe its state.',
    seams: { upperTesterWithoutTestMode: true },
  },
  {
    name: 'ca-refusal-retried',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-010'],
    description:
      'A whole request refused with a 4xx (other than 408 and 429) is retried like a 5xx until the records run out of attempts, instead of being dead-lettered at once.',
    seams: { senderDefects: ['refusal-retried'] },
  },
  {
    name: 'ca-trust-unusable-answer',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['GEN-SEND-011'],
    description:
      'A 200 answer that is not a usable batch-result (not JSON, empty, or missing results) counts every record of the batch as accepted, so records the receiver never stored are never sent again.',
    seams: { senderDefects: ['trust-unusable-answer'] },
  },
  {
    name: 'ca-long-pause',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-012'],
    description:
      'After three failed attempts a record waits 10 s before the next one, far beyond the declared maxBackoffMs.',
    seams: { senderDefects: ['long-pause'] },
  },
  {
    name: 'ca-ignore-batch-size',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-SEND-014'],
    description: 'Batches take up to 1 000 records whatever the declared maxBatchSize.',
    seams: { senderDefects: ['ignore-batch-size'] },
  },
  {
    name: 'ca-silent-dead-letters',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-DLQ-006'],
    description: 'Dead-lettering a record writes no log event, so monitoring never hears of it.',
    seams: { senderDefects: ['silent-dead-letters'] },
  },
  {
    name: 'ca-terse-failure-log',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY', 'INC-2004-JPKI'],
    violates: ['GEN-OBS-006'],
    description: 'A failed outbound attempt is logged only as failed: no peer, no attempt number, no cause.',
    seams: { senderDefects: ['terse-failure-log'] },
  },
  {
    name: 'ca-uncorrelated-outbound',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-005', 'GEN-OBS-006', 'GEN-DLQ-006'],
    description:
      "Outbound requests carry a correlation id of their own that never appears in the authority's logs, which use the batch id instead.",
    seams: { senderDefects: ['uncorrelated-outbound'] },
  },
  {
    name: 'ca-cached-peer-url',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-UT-004'],
    description:
      'The sender keeps the first base URL it was given for the national center; a later PUT /conformance/peers is answered 204 but ignored.',
    seams: { senderDefects: ['cached-peer-url'] },
  },
  {
    name: 'ca-count-redriven',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-DLQ-004'],
    description:
      'deadLettered counts every dead letter a record ever had, so a re-driven record is still counted as dead-lettered.',
    seams: { outboxDefects: ['count-redriven'] },
  },
  {
    name: 'ca-digest-no-final-newline',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-REC-003', 'GEN-REC-002'],
    description:
      "The outbound acceptedDigest joins the sorted ids with newlines but leaves out the last one, so it never matches the receiver's.",
    seams: { outboxDefects: ['digest-no-final-newline'] },
  },
  {
    name: 'ca-volatile-outbox',
    role: 'certification-authority',
    kind: 'incident',
    incidents: ['INC-2004-JPKI', 'INC-2015-CARD'],
    violates: ['GEN-SEND-013', 'GEN-DLQ-003', 'GEN-REC-008'],
    description:
      'The outbox (send queue, outbound log and dead letters) is held in memory: a crash loses every record not yet delivered, every dead letter and the outbound counts.',
    seams: { storage: { outbox: 'memory' } },
  },
  {
    name: 'ca-memory-dedup',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['GEN-IDEM-004', 'GEN-ACK-001', 'GEN-ACK-002', 'GEN-REC-008'],
    description:
      'The record of which revocation requests were received is kept only in memory: after a restart a re-sent request is answered accepted again and the inbound counts start from zero, although the revocations themselves persist.',
    seams: { storage: { receivedRecords: 'memory' } },
  },
  {
    name: 'ca-volatile-certificates',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['CA-REV-006', 'GEN-ACK-001', 'GEN-ACK-002'],
    description:
      'Certificates and their revocations are kept in memory: after a restart certificate-status answers unknown for a certificate it answered revoked.',
    seams: { storage: { certificates: 'memory' } },
  },
  {
    name: 'ca-logs-personal-data',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-SEC-007'],
    description:
      'Every issuance is logged with the four items of its holder: name, kana, address, date of birth and sex.',
    seams: { logIssuance: logOrders },
  },
  {
    name: 'ca-logs-request-headers',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-SEC-010'],
    description:
      'Every request is logged with all its headers, so the credentials clients send end up in the logs.',
    seams: { http: { logsRequestHeaders: true } },
  },
  {
    name: 'ca-count-deliveries',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-REC-004', 'GEN-REC-005'],
    description:
      'total counts deliveries rather than distinct records: every delivery answered duplicate is counted again, so total no longer adds up.',
    seams: { reportedEntry: totalCountsDeliveries },
  },
  {
    name: 'ca-cached-report',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['GEN-REC-006'],
    description:
      'A reconciliation report is served again from a cache for 1 s, so records decided meanwhile are missing from it.',
    seams: { reportSource: cachedReports },
  },
  {
    name: 'ca-lenient-reconciliation',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-REC-007'],
    description:
      'GET /reconciliation answers 200 with an empty report for any peer name, so a misspelt peer looks like perfect agreement.',
    seams: { checksReconciliationPeer: false },
  },
  {
    name: 'ca-unfiltered-dead-letters',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-DLQ-007'],
    description: 'GET /dead-letters ignores its interface filter and lists every dead letter.',
    seams: { filtersDeadLetters: false },
  },
  {
    name: 'ca-redrive-unknown-accepted',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['GEN-DLQ-005'],
    description:
      'POST /dead-letters/{id}/redrive answers 202 for any id, as an update that never checks it matched a dead letter.',
    seams: { refusesUnknownRedrive: false },
  },
  {
    name: 'ca-reset-keeps-outbox',
    role: 'certification-authority',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-UT-007'],
    description:
      'POST /conformance/reset empties certificates and revocations but keeps the outbox, so records, dead letters and counts from before the reset remain and are still sent.',
    seams: { resetClearsOutbox: false },
  },
  {
    ...internalErrorReplica('ca', 'stack'),
    role: 'certification-authority',
    seams: { http: { internalErrors: 'stack' } },
  },
  ...securityReplicas('ca', { jurisdictional: false }).map((r) => ({
    ...r,
    role: 'certification-authority' as const,
  })),
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((replica) => replica.name);
