import { securityReplicas } from '../../security/security-replicas.ts';
import type { ReplicaInfo } from '../registry.ts';
import { deepNestingReplica } from '../shared/input-defect-replicas.ts';
import { internalErrorReplica } from '../shared/internal-error-replicas.ts';
import type { SeamOverrides } from './seams.ts';

/**
 * A replica is data: the reference municipality with the seams it overrides (`seams.ts`), the
 * requirement ids it violates and why.
 */
export interface Replica extends ReplicaInfo {
  readonly role: 'municipality';
  readonly seams: SeamOverrides;
}

export const REPLICAS: readonly Replica[] = [
  {
    name: 'mun-no-chase',
    role: 'municipality',
    kind: 'incident',
    incidents: ['INC-2015-CARD'],
    violates: ['MUN-NOT-005', 'MUN-NOT-003'],
    description:
      'A card batch whose final registration notice never comes is never reported: the operator view keeps showing the notice as awaited, as the 5,000 households of 2015 waited.',
    seams: { chasesMissingNotices: false },
  },
  {
    name: 'mun-trusts-202',
    role: 'municipality',
    kind: 'incident',
    incidents: ['INC-2015-CARD'],
    violates: ['MUN-CARD-004'],
    description:
      'A card batch is shown completed as soon as the center accepted it for processing (202), whatever its status later says, partially-completed included.',
    seams: {
      viewState: ({ submitted, refused }) => (refused ? 'refused' : submitted ? 'completed' : 'submitting'),
    },
  },
  {
    name: 'mun-retry-forever',
    role: 'municipality',
    kind: 'incident',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-006', 'GEN-SEND-007'],
    description:
      'A rejected resident change is re-sent again and again and every later change waits behind it, as the issuance data of 2004 did for two months.',
    seams: { changeSenderDefects: ['retry-forever'] },
  },
  {
    name: 'mun-order-lost',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['MUN-SEQ-003'],
    description:
      "A resident's later change is sent while an earlier change of the same resident waits for its retry, so the center receives them out of order.",
    seams: { keepsResidentOrder: false },
  },
  {
    name: 'mun-chases-early',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['MUN-NOT-005'],
    description:
      'A final registration notice is reported missing a quarter of deliveryBoundMs after the terminal status.',
    seams: { noticeDeadlineShare: 0.25 },
  },
  {
    name: 'mun-notice-reapplied',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['MUN-NOT-002'],
    description: 'A re-sent registration notice is acknowledged as new and applied a second time.',
    seams: { reappliesNotices: true },
  },
  {
    name: 'mun-notice-any-batch',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['MUN-NOT-004'],
    description:
      'A registration notice for a batch the municipality never submitted is acknowledged and stored.',
    seams: { acceptsUnknownBatches: true },
  },
  {
    name: 'mun-sync-version-stuck',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['MUN-SYNC-002'],
    description:
      'Every resident-sync record carries version 1, so a newer snapshot looks no newer than the last.',
    seams: { nextSyncVersion: () => 1 },
  },
  {
    name: 'mun-eager-poll',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['MUN-CARD-002'],
    description: "A card batch's status is read ten times as often as the declared initialBackoffMs allows.",
    seams: { pollShare: 0.1 },
  },
  {
    name: 'mun-change-fire-and-forget',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-SEND-008'],
    description:
      'A resident change counts as delivered after its first attempt, whatever the answer: the changes a restarting center never stored are lost.',
    seams: { changeSenderDefects: ['fire-and-forget'] },
  },
  {
    name: 'mun-sync-no-backoff',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-003', 'GEN-SEND-004'],
    description: 'A failed resident sync is retried after 10 ms, whatever the backoff and Retry-After say.',
    seams: { syncSenderDefects: ['no-backoff'] },
  },
  {
    name: 'mun-sync-no-timeout',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-SEND-002'],
    description: 'A resident sync waits ten minutes for an issuance service that never answers.',
    seams: { syncSenderDefects: ['no-timeout'] },
  },
  {
    name: 'mun-sync-silent-drop',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-008', 'GEN-DLQ-001'],
    description: 'A rejected resident sync is deleted without a dead letter: nobody learns it never arrived.',
    seams: { syncSenderDefects: ['silent-drop'] },
  },
  {
    name: 'mun-change-long-pause',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-SEND-012'],
    description:
      'After three failed attempts a resident change waits 10 s, beyond the declared maxBackoffMs.',
    seams: { changeSenderDefects: ['long-pause'] },
  },
  {
    name: 'mun-sync-long-pause',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-SEND-012'],
    description: 'After three failed attempts a resident sync waits 10 s, beyond the declared maxBackoffMs.',
    seams: { syncSenderDefects: ['long-pause'] },
  },
  {
    name: 'mun-change-new-id-on-resend',
    role: 'municipality',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-SEND-005'],
    description: 'A retried resident change goes out under a fresh recordId, so the center stores it twice.',
    seams: { changeSenderDefects: ['new-id-on-resend'] },
  },
  {
    name: 'mun-digest-no-final-newline',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-REC-002'],
    description:
      "acceptedDigest omits the last newline, so the municipality's report never agrees with the center's.",
    seams: { outboxDefects: ['digest-no-final-newline'] },
  },
  {
    name: 'mun-no-correlation-echo',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-001'],
    description: 'Every response carries a fresh correlation id instead of the one the caller sent.',
    seams: { echoesCorrelationId: false },
  },
  {
    name: 'mun-upper-tester-always-on',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-UT-002'],
    description:
      'The upper tester is served even without --test-mode, so anyone who reaches the municipality can record changes or wipe its state.',
    seams: { upperTesterWithoutTestMode: true },
  },
  {
    name: 'mun-echo-invalid-values',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-SEC-006'],
    description:
      'Validation problems quote the value they refuse, so names and dates of birth end up in error bodies.',
    seams: { quotesRefusedValues: true },
  },
  {
    name: 'mun-unguarded-notices',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO', 'INC-2016-RELAY'],
    violates: ['GEN-VAL-002', 'GEN-VAL-004', 'GEN-VAL-008', 'GEN-TMO-001', 'GEN-TMO-002'],
    description:
      'Reads whatever the center (or anyone) sends for as long as it takes: no body size limit, no deadline for headers or body, any media type, and bytes that are not UTF-8 are dropped instead of refused.',
    seams: { guardsInput: false },
  },
  {
    name: 'mun-lax-notices',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-001', 'GEN-VAL-003', 'GEN-VAL-006', 'GEN-VAL-009'],
    description:
      'Reads registration notices without validating them: a 1 MB record id, control characters and __proto__ or constructor members are taken as they come instead of refused 400 naming the field.',
    seams: { validatesNotices: false },
  },
  {
    name: 'mun-trusts-status-word',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['MUN-CARD-003'],
    description:
      'A batch status is taken as the center words it: "completed" is shown completed even when its counts and records disagree with the batch, and nothing is logged.',
    seams: { checksStatusConsistency: false },
  },
  {
    name: 'mun-card-batches-foreign-code',
    role: 'municipality',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['MUN-CHG-002'],
    description:
      "Card batches go out under another municipality's code (011002) left in its configuration, while its resident changes and syncs carry its own.",
    seams: { cardBatchCode: '011002' },
  },
  { ...deepNestingReplica('mun', 'crash'), role: 'municipality', seams: { deepBodies: 'crash' } },
  {
    ...internalErrorReplica('mun', 'unavailable'),
    role: 'municipality',
    seams: { internalErrors: 'unavailable' },
  },
  ...securityReplicas('mu', { jurisdictional: false }).map((r) => ({ ...r, role: 'municipality' as const })),
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((replica) => replica.name);
