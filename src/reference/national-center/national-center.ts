import { randomUUID } from 'node:crypto';
import { describeError } from '../shared/http-app.ts';
import { Inbox } from '../shared/inbox.ts';
import { Outbox, type OutboxRecord } from '../shared/outbox.ts';
import { OutboxSender } from '../shared/outbox-sender.ts';
import { Peers } from '../shared/peers.ts';
import { type ReferenceOptions, type StartedRole, startRole } from '../shared/start-role.ts';
import {
  AUTHORITY,
  capabilities,
  DEFAULT_PARAMETERS,
  MUNICIPALITY,
  type NationalCenterParameters,
  NOTICES,
  REVOCATIONS,
  ROLE,
} from './capabilities.ts';
import { CardBatches, CardProcessor } from './card-batches.ts';
import { CardManagement } from './card-management.ts';
import { REPLICAS, type Replica } from './replicas.ts';
import { ResidentStore } from './resident-store.ts';
import { Revocations } from './revocations.ts';
import { municipalityPeer, nationalCenterRoutes } from './routes.ts';
import { withOverrides } from './seams.ts';

/** The options every reference role takes (`shared/start-role.ts`). */
export type NationalCenterOptions = ReferenceOptions;

export type StartedNationalCenter = StartedRole<NationalCenterParameters, Replica>;

/** A client has this long for a request's headers, and again for its body (as the authority). */
const RECEIVE_DEADLINE_MS = 1_000;

/**
 * The reference national center: receives resident changes, certificate issuances and card
 * batches, links certificates, sends linked revocations to the certification authority and
 * registration notices to each municipality through durable outboxes. Every state change is
 * committed before it is acknowledged. Its routes are in `routes.ts`; a replica replaces some of
 * the seams of `seams.ts`.
 */
export async function startNationalCenter(
  options: NationalCenterOptions = {},
): Promise<StartedNationalCenter> {
  return startRole({
    role: ROLE,
    dataDirPrefix: 'tekigo-nc-',
    options,
    replicas: REPLICAS,
    seamsOf: (replica) => withOverrides(replica?.seams),
    defaults: DEFAULT_PARAMETERS,
    capabilities,
    wire: ({ seams, validate, parameters, database, memoryDatabase, serving, client, log }) => {
      const file = database('national-center.sqlite');
      const db = seams.storage === 'memory' ? memoryDatabase() : file;
      const residents = new ResidentStore(db);
      const outbox = new Outbox(db, new Set(seams.outboxDefects));
      const inbox = new Inbox(db);
      const peers = new Peers(file, options.peers);
      const cards = new CardBatches(db, seams, residents, outbox);
      const revocations = new Revocations(residents, outbox);
      const cardManagement = new CardManagement(db, seams, residents, cards, revocations);
      const random = options.random ? { random: options.random } : {};
      const revocationSender = new OutboxSender({
        outbox,
        interfaceName: REVOCATIONS,
        path: `/${REVOCATIONS}`,
        peerBaseUrl: () => peers.baseUrl(AUTHORITY),
        parameters,
        envelope: (records, batchId, sentAt) => ({ batchId, sentAt, records }),
        isValidResult: (body) => validate(`${REVOCATIONS}/batch-result`, body).length === 0,
        client,
        log,
        defects: new Set(seams.revocationSenderDefects),
        ...random,
      });
      const noticeSender = new OutboxSender({
        outbox,
        interfaceName: NOTICES,
        path: `/${NOTICES}`,
        peerBaseUrl: () => peers.baseUrl(MUNICIPALITY),
        baseUrlFor: (record: OutboxRecord) =>
          peers.baseUrl(municipalityPeer(String(record.payload.municipalityCode))) ??
          peers.baseUrl(MUNICIPALITY),
        // One notice per request: the interface carries a notice, not a batch of records.
        parameters: { ...parameters, maxBatchSize: 1 },
        envelope: (records) => toNotice(records[0] as Record<string, unknown>),
        isValidResult: (body) => validate(`${NOTICES}/acknowledgement`, body).length === 0,
        toBatchResult: (body, batchId, records) => {
          const { noticeId, outcome } = body as { noticeId: string; outcome: string };
          const recordId = records[0]?.recordId;
          return noticeId === recordId
            ? {
                batchId,
                results: [{ recordId, outcome: outcome === 'duplicate' ? 'duplicate' : 'accepted' }],
              }
            : undefined;
        },
        client,
        log,
        defects: new Set(seams.noticeSenderDefects),
        ...random,
      });
      const senders = [revocationSender, noticeSender];
      const processor = new CardProcessor(
        cards,
        (error) =>
          log({
            event: 'card-processing-error',
            level: 'error',
            correlationId: randomUUID(),
            error: describeError(error),
          }),
        () => noticeSender.wake(),
      );
      const routes = nationalCenterRoutes({
        seams,
        validate,
        parameters,
        db,
        residents,
        revocations,
        inbox,
        outbox,
        cards,
        cardManagement,
        processor,
        peers,
        senders,
        log,
        testMode: serving.upperTester,
      });
      return {
        routes,
        receiveDeadlineMs: RECEIVE_DEADLINE_MS,
        guardsInput: seams.guardsInput,
        ...(seams.maxHeaderBytes !== undefined ? { listen: { maxHeaderBytes: seams.maxHeaderBytes } } : {}),
        app: {
          ignoreOfferedCorrelationId: !seams.echoesCorrelationId,
          ...(seams.deepBodies !== 'refused' ? { deepBodies: seams.deepBodies } : {}),
          ...(seams.internalErrors !== 'concealed' ? { internalErrors: seams.internalErrors } : {}),
        },
        // The processor stops first: a card decided while stopping would wake a stopped sender.
        workers: [processor, ...senders],
      };
    },
  });
}

/** The stored notice as it goes on the wire: the outbox's recordId is its noticeId. */
function toNotice(payload: Record<string, unknown>): Record<string, unknown> {
  const { recordId, ...notice } = payload;
  return { noticeId: recordId, ...notice };
}
