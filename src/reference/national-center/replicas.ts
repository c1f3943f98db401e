import { securityReplicas } from '../../security/security-replicas.ts';
import { quoteRefusedValues } from '../certification-authority/replica-defects.ts';
import type { ReplicaInfo } from '../registry.ts';
import { deepNestingReplica, unguardedInputReplica } from '../shared/input-defect-replicas.ts';
import { internalErrorReplica } from '../shared/internal-error-replicas.ts';
import { overlookFormats, refuseOutsideBmp } from './input-defects.ts';
import { REFERENCE_CARD_TRANSITIONS, REFERENCE_CHANGE_RULES, type SeamOverrides } from './seams.ts';

const rulesWithout = (rule: string) => REFERENCE_CHANGE_RULES.filter((r) => r !== rule);

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
    seams: { changeRules: rulesWithout('stale-sequence') },
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
    name: 'nc-rejected-revocations-counted',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-REC-002'],
    description:
      "The revocation-requests outbound count takes a revocation the authority rejected for accepted, so the center's report never agrees with the authority's.",
    seams: { outboxDefects: ['rejected-counted-accepted'] },
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
  {
    name: 'nc-no-backoff',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-003', 'GEN-SEND-004'],
    description:
      'Revocation requests are retried 10 ms after any transient failure, ignoring the declared backoff and Retry-After.',
    seams: { revocationSenderDefects: ['no-backoff'] },
  },
  {
    name: 'nc-no-timeout',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-SEND-002'],
    description:
      'A revocation request waits up to 10 minutes for the authority instead of the declared requestTimeoutMs.',
    seams: { revocationSenderDefects: ['no-timeout'] },
  },
  {
    name: 'nc-no-correlation-echo',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-001'],
    description:
      'Every response carries a fresh correlation id instead of the one the caller sent, so a failed exchange cannot be found in the logs.',
    seams: { echoesCorrelationId: false },
  },
  {
    name: 'nc-changes-unknown-residents',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-CHG-001'],
    description:
      'A change for a residentCode the center does not hold is accepted and creates a partial resident instead of being refused unknown-resident.',
    seams: { changeRules: rulesWithout('not-held') },
  },
  {
    name: 'nc-lax-change-items',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-CHG-002'],
    description:
      'A change record without the items its change type requires (a name change without a name) is accepted as it is.',
    seams: { requiresChangeItems: false },
  },
  {
    name: 'nc-no-entry-conflicts',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-CHG-003'],
    description:
      "A birth for a resident already held, or a move-in from the resident's own municipality, overwrites the resident instead of being refused as a conflict.",
    seams: { changeRules: rulesWithout('entry-conflicts') },
  },
  {
    name: 'nc-stale-before-unknown',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-CHG-004'],
    description:
      'The stale-sequence refusal is tried before unknown-resident: a late change for a resident who died is answered stale-sequence.',
    seams: {
      changeRules: [
        'sequence-conflict',
        'stale-sequence',
        'dead',
        'not-held',
        'other-municipality',
        'entry-conflicts',
      ],
    },
  },
  {
    name: 'nc-holds-sequence-gaps',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-SEQ-002'],
    description:
      "A change more than 1000 above the resident's last sequence is refused as if the changes between were lost.",
    seams: { changeRules: [...REFERENCE_CHANGE_RULES, 'sequence-gap'] },
  },
  {
    name: 'nc-sequence-reuse',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-SEQ-003'],
    description: "Two different records under one municipality's sequence number are both accepted.",
    seams: { changeRules: rulesWithout('sequence-conflict') },
  },
  {
    name: 'nc-global-sequence',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['NC-SEQ-005'],
    description:
      "Sequences are compared across municipalities: after a move, the new municipality's changes are refused stale-sequence until its sequence passes the old one's.",
    seams: {
      changeRules: REFERENCE_CHANGE_RULES.map((r) =>
        r === 'stale-sequence' ? 'stale-sequence-any-municipality' : r,
      ),
    },
  },
  {
    name: 'nc-revokes-refused-changes',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-REV-004'],
    description:
      "Revocations are queued before a change is decided, so a change answered rejected still revokes the resident's certificates.",
    seams: { revokesBeforeRefusing: true },
  },
  {
    name: 'nc-links-unknown-holders',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-ISS-001'],
    description:
      'An issuance notice for a residentCode the center does not hold is accepted and linked to nobody, so the authority never learns it.',
    seams: { refusesUnknownCertificateHolders: false },
  },
  {
    name: 'nc-unlinked-other-municipality',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-ISS-002', 'NC-ISS-004'],
    description:
      "An issuance notice whose municipalityCode is not the resident's current one is answered accepted but never linked: the certificate is not revoked when the resident changes.",
    seams: { linksFromAnyMunicipality: false },
  },
  {
    name: 'nc-card-no-location',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-001'],
    description: 'A stored card batch is answered 202 without the Location header that names its status URL.',
    seams: { cardLocationHeader: false },
  },
  {
    name: 'nc-unknown-batch-not-found',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-006'],
    description: 'The status of a batch never stored is answered 404 not-found instead of unknown-batch.',
    seams: { unknownBatchType: 'not-found' },
  },
  {
    name: 'nc-batch-id-only',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-007'],
    description:
      'A card batch is recognised by its batchId alone: the same batchId with other records is answered 202 as a re-send and its new records are lost.',
    seams: { cardBatchContent: ({ batchId }) => ({ batchId }) },
  },
  {
    name: 'nc-registers-any-held',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-009'],
    description:
      'A card record is registered for any resident the center holds, dead or held under another municipality.',
    seams: { registersCard: (resident) => resident !== undefined },
  },
  {
    name: 'nc-reconciles-card-outcomes',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-CARD-010'],
    description:
      'Reconciliation counts a card record of an unknown resident as rejected, although the batch was answered 202.',
    seams: { reconcilesCardOutcomes: true },
  },
  {
    name: 'nc-notice-registered-only',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2015-CARD'],
    violates: ['NC-NOT-001'],
    description:
      'A registration notice carries only the registered records: the municipality never learns which failed.',
    seams: { noticeOutcomes: (outcomes) => outcomes.map((outcome) => outcome === 'registered') },
  },
  {
    name: 'nc-card-message-reapplied',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['NC-CMG-001'],
    description:
      'A repeated card-management message is applied again: a repeated suspension is answered as a refused transition.',
    seams: { remembersCardMessages: false },
  },
  {
    name: 'nc-resume-active-card',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['NC-CMG-002'],
    description: 'card-resume is allowed on an active card instead of being refused as a conflict.',
    seams: {
      cardTransitions: {
        ...REFERENCE_CARD_TRANSITIONS,
        'card-resume': { from: ['active', 'suspended'], to: 'active' },
      },
    },
  },
  {
    name: 'nc-card-revoke-keeps-certificates',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2004-JPKI'],
    violates: ['NC-CMG-003'],
    description:
      "A revoked card leaves the resident's linked certificates valid: no revocation request is sent.",
    seams: { cardRevokeRevokesCertificates: false },
  },
  { ...deepNestingReplica('nc', 'hang'), role: 'national-center', seams: { deepBodies: 'hang' } },
  {
    name: 'nc-echo-invalid-values',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-SEC-006'],
    description:
      'Validation problems of resident changes quote the value they refuse, so names and dates of birth end up in error bodies.',
    seams: { batchFieldErrors: quoteRefusedValues },
  },
  {
    name: 'nc-bmp-only',
    role: 'national-center',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-VAL-007', 'GEN-VAL-014'],
    description:
      'Text is checked against a legacy character set: a name holding characters outside the BMP (𠮷, 𩸽) is refused as malformed.',
    seams: { batchFieldErrors: refuseOutsideBmp },
  },
  { ...unguardedInputReplica('nc', 'mutant'), role: 'national-center', seams: { guardsInput: false } },
  {
    name: 'nc-ignores-max-batch-size',
    role: 'national-center',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-VAL-010', 'GEN-BAT-003'],
    description:
      'Declares a maxBatchSize but takes any batch up to the schema’s 1000 records: a sender that splits by the declared size is fine, one that does not overloads it unseen.',
    seams: { enforcesMaxBatchSize: false },
  },
  {
    name: 'nc-unbounded-headers',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-013', 'GEN-VAL-012'],
    description:
      'Reads header sections of any size (up to 8 MiB) instead of refusing more than 64 KiB with 431: a caller can make it buffer megabytes before a single byte of body, and the record under the oversized header is stored.',
    seams: { maxHeaderBytes: 8 * 1024 * 1024 },
  },
  {
    name: 'nc-legacy-names',
    role: 'national-center',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-VAL-007', 'NC-ISS-003'],
    description:
      'Accepts a name with characters outside the BMP but stores the four items in a legacy character set, 〓 for 𠮷 and 𩸽: the digest it checks issuance notices against is no longer that of the resident as registered, so the certificate issued over the real name is revoked as a mismatch.',
    seams: { keepsNamesIntact: false },
  },
  {
    name: 'nc-formats-unasserted',
    role: 'national-center',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-001'],
    description:
      'JSON Schema format is taken as an annotation: a resident code with a wrong check digit, an impossible date or an upper-case uuid is accepted.',
    seams: { batchFieldErrors: overlookFormats },
  },
  { ...internalErrorReplica('nc', 'stack'), role: 'national-center', seams: { internalErrors: 'stack' } },
  ...securityReplicas('nc', { jurisdictional: true, sending: true, callsAfterAnswer: true }).map((r) => ({
    ...r,
    // Ignoring municipality codes, it shows a card batch's status to any municipality (NC-CARD-008).
    ...(r.name === 'nc-ignores-jurisdiction' ? { violates: [...r.violates, 'NC-CARD-008'] } : {}),
    role: 'national-center' as const,
  })),
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((replica) => replica.name);
