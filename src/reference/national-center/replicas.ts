import type { ReplicaInfo } from '../registry.ts';
import type { SeamOverrides } from './seams.ts';

/**
 * A replica is data: the reference national center with the seams it overrides (`seams.ts`),
 * the requirement ids it violates and why (the same mechanism as the certification authority's).
 */
export interface Replica extends ReplicaInfo {
  readonly role: 'national-center';
  readonly seams: SeamOverrides;
}

export const REPLICAS: readonly Replica[] = [
  {
    name: 'nc-false-completed',
    role: 'national-center',
    kind: 'incident',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-002', 'NC-CARD-004'],
    description:
      'A card batch is shown completed as soon as its processing starts, while its records are still pending and unregistered; a batch that then fails records changes state after being terminal.',
    seams: { completesBeforeRegistering: true },
  },
  {
    name: 'nc-notice-fire-and-forget',
    role: 'national-center',
    kind: 'incident',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-NOT-002', 'NC-NOT-004'],
    description:
      'A registration notice counts as delivered after its first attempt, whatever the municipality answered: a notice whose acknowledgement is lost is never re-sent.',
    seams: { noticeSenderDefects: ['fire-and-forget'] },
  },
  {
    name: 'nc-revocation-blocks',
    role: 'national-center',
    kind: 'incident',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-006', 'GEN-SEND-007', 'NC-REV-001'],
    description:
      'A revocation the authority rejects is retried forever, first in first out: once the oldest revocation has failed it is sent alone until it succeeds, and every later revocation waits behind it.',
    seams: { revocationSenderDefects: ['retry-forever'] },
  },
  {
    name: 'nc-lower-sequence-overwrites',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-SEQ-001', 'NC-SEQ-004'],
    description:
      'Sequences are not compared: a change that arrives late with a lower sequence overwrites the newer state of the resident.',
    seams: { refusesStaleSequences: false },
  },
  {
    name: 'nc-conflict-as-duplicate',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-IDEM-002'],
    description:
      'Idempotency compares only the recordId: a record re-sent with the same id and different content is answered duplicate instead of conflict.',
    seams: {
      changeContent: (record) => {
        const { recordId, recordedAt } = record as { recordId: string; recordedAt: string };
        return { recordId, recordedAt };
      },
    },
  },
  {
    name: 'nc-counts-disagree',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-003'],
    description:
      'The batch status counts every record that is not failed as registered, so its counts disagree with the per-record outcomes while records are pending.',
    seams: {
      cardCounts: (outcomes) => {
        const failed = outcomes.filter((outcome) => outcome === 'failed').length;
        return { total: outcomes.length, pending: 0, registered: outcomes.length - failed, failed };
      },
    },
  },
  {
    name: 'nc-volatile-store',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['GEN-ACK-001', 'GEN-ACK-002', 'NC-CARD-005'],
    description:
      'Residents, certificates, card batches and both outboxes live in memory: a crash loses everything the center acknowledged.',
    seams: { storage: 'memory' },
  },
  {
    name: 'nc-new-notice-id-on-resend',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-NOT-002', 'NC-NOT-005'],
    description:
      'Every re-send of a registration notice carries a fresh noticeId, so the municipality cannot recognise it and applies the outcomes twice.',
    seams: { noticeSenderDefects: ['new-id-on-resend'] },
  },
  {
    name: 'nc-no-digest-check',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-ISS-003'],
    description:
      "A certificate issued over four items that differ from the resident's current ones is linked without a revocation request.",
    seams: { checksIssuanceDigest: false },
  },
  {
    name: 'nc-revokes-on-every-correction',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-REV-006'],
    description: 'A correction that leaves the four items unchanged still revokes every linked certificate.',
    seams: { revokesOnEveryCorrection: true },
  },
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((replica) => replica.name);
