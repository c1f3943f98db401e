import { securityReplicas } from '../../security/security-replicas.ts';
import type { ReplicaInfo } from '../registry.ts';
import { deepNestingReplica, unguardedInputReplica } from '../shared/input-defect-replicas.ts';
import { internalErrorReplica } from '../shared/internal-error-replicas.ts';
import type { SeamOverrides } from './seams.ts';

/**
 * A replica is data: the reference issuance service with the seams it overrides (`seams.ts`),
 * the requirement ids it violates and why.
 */
export interface Replica extends ReplicaInfo {
  readonly role: 'issuance-service';
  readonly seams: SeamOverrides;
}

export const REPLICAS: readonly Replica[] = [
  {
    name: 'iss-next-image-on-timeout',
    role: 'issuance-service',
    kind: 'incident',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-REQ-001', 'ISS-REQ-003', 'ISS-REQ-004'],
    description:
      "When a print job runs past the print timeout the wait is released and the request is answered with the next image rendered, another request's document.",
    seams: { onPrintTimeout: 'take-next-image' },
  },
  {
    name: 'iss-sync-overwrites-image',
    role: 'issuance-service',
    kind: 'incident',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-SYNC-004', 'ISS-REQ-002', 'ISS-REQ-003'],
    description:
      'A resident-sync applied while print jobs are in flight releases their waits; each is answered at once with the image last rendered, which a later request has overwritten.',
    seams: { syncReleasesPrintWaits: true },
  },
  {
    name: 'iss-shared-render-buffer',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-REQ-002', 'ISS-REQ-003'],
    description:
      'Every render writes one shared image slot and the answer takes its image from the slot when its print completes, without checking it against the request.',
    seams: { imageBuffer: 'shared', checksImageBeforeHandover: false },
  },
  {
    name: 'iss-timeout-unprinted-document',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-REQ-004'],
    description:
      'A request whose print job runs past the print timeout is answered 200 with its document anyway, unprinted.',
    seams: { onPrintTimeout: 'answer-unprinted' },
  },
  {
    name: 'iss-sync-ack-before-apply',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['ISS-SYNC-001'],
    description: 'A resident-sync record is answered accepted at once and applied two seconds later.',
    seams: { syncApply: 'after-ack' },
  },
  {
    name: 'iss-torn-sync',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-SYNC-002'],
    description:
      'A resident-sync record is applied item by item: for a moment a resident has the new name and the old address, and a document issued then mixes both versions.',
    seams: { syncApply: 'item-by-item' },
  },
  {
    name: 'iss-no-concurrency-limit',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['GEN-TMO-006'],
    description:
      'Certificate requests beyond the declared maxConcurrentRequests are queued instead of refused 503.',
    seams: { limitsConcurrency: false },
  },
  {
    name: 'iss-late-result-adopted',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-PRT-003', 'ISS-REQ-001'],
    description:
      'The service keeps reading print jobs it abandoned; one that prints late is handed, with its document, to the next request still waiting for its own print.',
    seams: { adoptsLateResults: true },
  },
  {
    name: 'iss-stale-sync-applied',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['ISS-SYNC-003'],
    description:
      'A resident-sync record whose version is not above the stored one is accepted and rolls the resident back.',
    seams: { refusesStaleVersions: false },
  },
  {
    name: 'iss-repeat-reissued',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-REQ-008'],
    description:
      'A repeated certificate request (same requestId, same content) is rendered and printed again as a new job.',
    seams: { reissuesRepeats: true },
  },
  {
    name: 'iss-any-municipality',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2023-KIOSK'],
    violates: ['ISS-REQ-007'],
    description:
      'A holder is looked up by residentCode alone: a card holder presented under another municipality code gets the document of the resident synced elsewhere.',
    seams: { checksHolderMunicipality: false },
  },
  {
    name: 'iss-correlation-id-ignored',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-OBS-001'],
    description: 'Every answer carries a fresh correlation id instead of the one the request offered.',
    seams: { ignoreOfferedCorrelationId: true },
  },
  {
    name: 'iss-volatile-store',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-ACK-001', 'GEN-ACK-002', 'GEN-IDEM-004'],
    description:
      'Resident data and received sync records live in memory: a crash loses every sync the service acknowledged.',
    seams: { storage: 'memory' },
  },
  {
    name: 'iss-sync-conflict-as-duplicate',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-IDEM-002', 'GEN-IDEM-003'],
    description:
      'Sync idempotency compares only the recordId: a snapshot re-sent under a stored id with other content is answered duplicate instead of conflict.',
    seams: { syncIdempotency: 'record-id' },
  },
  {
    name: 'iss-sync-unbounded-batch',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-VAL-010'],
    description: 'A resident-sync batch over the declared maxBatchSize is processed instead of refused 413.',
    seams: { limitsSyncBatch: false },
  },
  { ...unguardedInputReplica('iss', 'mutant'), role: 'issuance-service', seams: { guardsInput: false } },
  {
    name: 'iss-refusals-name-resident',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-SEC-006'],
    description:
      "A resident-sync refused as malformed names, in each error about a record, that record's resident.",
    seams: { namesRefusedResidents: true },
  },
  {
    name: 'iss-print-jobs-exposed',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-ERR-004'],
    description:
      'GET /print-jobs, a path the service does not serve, lists the failed print jobs, whose documents name their holders, to anyone who asks.',
    seams: { exposesPrintJobs: true },
  },
  {
    name: 'iss-health-refused-when-busy',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-HLT-003'],
    description:
      'GET /health counts against the certificate-request limit: while the service is saturated it is refused 503, and a monitor takes the service for dead.',
    seams: { healthSharesRequestLimit: true },
  },
  { ...internalErrorReplica('iss', 'stack'), role: 'issuance-service', seams: { internalErrors: 'stack' } },
  {
    name: 'iss-lax-sync',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-001', 'GEN-VAL-003', 'GEN-VAL-006', 'GEN-VAL-009', 'GEN-VAL-012'],
    description:
      'Resident-sync batches are not checked against their schema: a record with a missing, mistyped or extra member is applied (or fails inside) instead of being refused 400 naming the field.',
    seams: { validatesSync: false },
  },
  { ...deepNestingReplica('iss', 'hang'), role: 'issuance-service', seams: { deepBodies: 'hang' } },
  {
    name: 'iss-legacy-names',
    role: 'issuance-service',
    kind: 'mutant',
    incidents: [],
    violates: ['GEN-VAL-007'],
    description:
      'Accepts a name with characters outside the BMP but stores it in a legacy character set: the residence record it issues shows 〓 for 𠮷 and 𩸽.',
    seams: { keepsNamesIntact: false },
  },
  ...securityReplicas('is', { jurisdictional: true, sending: true }).map((r) => ({
    ...r,
    // Believing the address, it takes certificate requests from any role (ISS-SEC-001).
    ...(r.name === 'is-trusts-by-address' ? { violates: [...r.violates, 'ISS-SEC-001'] } : {}),
    role: 'issuance-service' as const,
  })),
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((r) => r.name);
