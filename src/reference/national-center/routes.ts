import type { DatabaseSync } from 'node:sqlite';
import type {
  CardProductionBatchRequest,
  CertificateIssuanceNotice,
  RelayForwardRequest,
} from '../../spec/message-types.generated.ts';
import { type FieldError, problem } from '../../spec/problem-types.ts';
import { inTransaction } from '../shared/database.ts';
import { withFaultHooks } from '../shared/fault-hooks.ts';
import {
  jsonReply,
  noContent,
  problemReply,
  type Reply,
  type RequestContext,
  type Route,
} from '../shared/http-app.ts';
import type { Inbox, RecordResult } from '../shared/inbox.ts';
import type { Log } from '../shared/json-log.ts';
import { healthReply, upperTesterRoutes } from '../shared/operator-routes.ts';
import type { Outbox } from '../shared/outbox.ts';
import type { OutboxSender } from '../shared/outbox-sender.ts';
import type { Peers } from '../shared/peers.ts';
import { ledgerRoutes, validationReply } from '../shared/role-kit.ts';
import type { ValidateFields } from '../shared/validation.ts';
import {
  AUTHORITY,
  CARD_PRODUCTION,
  capabilities,
  IMPLEMENTATION,
  ISSUANCES,
  MUNICIPALITY,
  type NationalCenterParameters,
  RECONCILED,
  RESIDENT_CHANGES,
  ROLE,
} from './capabilities.ts';
import type { CardBatches, CardProcessor, Hooks } from './card-batches.ts';
import type { CardManagement } from './card-management.ts';
import { applyChange, type ChangeRecord, type EffectParts, linkCertificate } from './record-effects.ts';
import type { ResidentStore } from './resident-store.ts';

/** Everything the routes work on, assembled by `startNationalCenter`. */
export interface NationalCenterParts extends EffectParts {
  readonly validate: ValidateFields;
  readonly parameters: NationalCenterParameters;
  readonly db: DatabaseSync;
  readonly residents: ResidentStore;
  readonly inbox: Inbox;
  readonly outbox: Outbox;
  readonly cards: CardBatches;
  readonly cardManagement: CardManagement;
  readonly processor: CardProcessor;
  readonly peers: Peers;
  readonly senders: readonly OutboxSender[];
  readonly log: Log;
  readonly testMode: boolean;
}

/** A validation error saying a change record lacks an item its change type requires. */
const missingItem = ({ pointer, detail }: FieldError): boolean =>
  (/^\/records\/\d+\/items/.test(pointer) && detail.startsWith('must have required property')) ||
  detail === 'must match "then" schema';

/** Peer-table name of the base URL of one municipality (d-peers). */
export const municipalityPeer = (code: string): string => `${MUNICIPALITY}/${code}`;

/** The national center's routes: its interfaces, reconciliation, dead letters, health, upper tester. */
export function nationalCenterRoutes(parts: NationalCenterParts): Route[] {
  const { seams, validate, parameters, db, residents, inbox, outbox, cards, processor, peers, senders, log } =
    parts;
  const wakeSenders = () => {
    for (const sender of senders) sender.wake();
  };
  const invalid = validationReply;
  const tooLarge = (count: number): Reply | undefined =>
    count <= parameters.maxBatchSize || !seams.enforcesMaxBatchSize
      ? undefined
      : problemReply(
          problem('payload-too-large', {
            title: 'Batch too large',
            detail: `this center accepts at most ${parameters.maxBatchSize} records per batch (its declared maxBatchSize); split the batch`,
            errors: [
              { pointer: '/records', detail: `must NOT have more than ${parameters.maxBatchSize} items` },
            ],
          }),
        );

  /** Validates a batch, decides its records through the inbox and answers the batch-result. */
  function receiveBatch<R extends { recordId: string; recordedAt: string }>(
    interfaceName: string,
    peer: string,
    { body, correlationId }: RequestContext,
    decide: (records: readonly R[], nowMs: number) => RecordResult[],
    overlooked: (error: FieldError) => boolean = () => false,
  ): Reply {
    const errors = seams.batchFieldErrors(
      validate(`${interfaceName}/batch-request`, body).filter((e) => !overlooked(e)),
      body,
    );
    if (errors.length > 0) return invalid(errors);
    const { batchId, records } = body as { batchId: string; records: readonly R[] };
    const refusal = tooLarge(records.length);
    if (refusal) return refusal;
    const results = decide(records, Date.now());
    wakeSenders();
    log({
      event: 'records-received',
      level: 'info',
      correlationId,
      interface: interfaceName,
      peer,
      batchId,
      recordIds: results.map((r) => r.recordId),
      outcomes: results.map((r) => r.outcome),
    });
    return jsonReply(200, { batchId, results });
  }

  const receiveChanges = (context: RequestContext): Reply => {
    const { municipalityCode } = (context.body ?? {}) as { municipalityCode: string };
    return receiveBatch<ChangeRecord>(
      RESIDENT_CHANGES,
      MUNICIPALITY,
      context,
      (records, nowMs) => {
        // Idempotency compares what the seam says is the content; the effect gets the record itself.
        const contents = records.map(
          (record) => seams.changeContent(record, municipalityCode) as ChangeRecord,
        );
        const originals = new Map(contents.map((content, i) => [content, records[i] as ChangeRecord]));
        return inbox.receive(RESIDENT_CHANGES, MUNICIPALITY, contents, (content) =>
          applyChange(parts, municipalityCode, originals.get(content) ?? content, nowMs),
        );
      },
      (error) => !seams.requiresChangeItems && missingItem(error),
    );
  };

  const receiveIssuances = (context: RequestContext): Reply =>
    receiveBatch<CertificateIssuanceNotice>(ISSUANCES, AUTHORITY, context, (records, nowMs) =>
      inbox.receive(ISSUANCES, AUTHORITY, records, (notice) => linkCertificate(parts, notice, nowMs)),
    );

  function receiveCardBatch({ body, correlationId }: RequestContext): Reply {
    const errors = validate(`${CARD_PRODUCTION}/batch-request`, body);
    if (errors.length > 0) return invalid(errors);
    const request = body as CardProductionBatchRequest;
    const refusal = tooLarge(request.records.length);
    if (refusal) return refusal;
    const stored = inTransaction(db, () => {
      const result = cards.store(request, new Date().toISOString());
      if (result !== 'conflict')
        inbox.receive(CARD_PRODUCTION, MUNICIPALITY, request.records, (record) =>
          seams.reconcilesCardOutcomes && !residents.find(record.residentCode)
            ? problem('unknown-resident', { status: 404, detail: 'the center holds no such resident' })
            : undefined,
        );
      return result;
    });
    if (stored === 'conflict') {
      return problemReply(
        problem('conflict', {
          title: 'Batch id in use',
          detail: 'a card batch with this batchId and different content is already stored',
        }),
      );
    }
    processor.wake();
    log({
      event: 'card-batch-stored',
      level: 'info',
      correlationId,
      batchId: request.batchId,
      recordIds: request.records.map((r) => r.recordId),
    });
    const statusUrl = `/card-batches/${encodeURIComponent(request.batchId)}`;
    return {
      status: 202,
      headers: seams.cardLocationHeader ? { location: statusUrl } : {},
      body: { batchId: request.batchId, state: 'received', statusUrl, receivedAt: stored.receivedAt },
    };
  }

  function cardBatchStatus({ params, callerMunicipality }: RequestContext): Reply {
    const batchId = params.batchId ?? '';
    if (validate('common/record-id', batchId).length > 0)
      return invalid([{ pointer: '/batchId', detail: 'the batchId path parameter must be a record id' }]);
    // Production profile: only the submitting municipality may read it, the others get the
    // unknown batch's answer, which reveals nothing (NC-CARD-008).
    const owned = callerMunicipality === undefined || cards.submittedBy(batchId) === callerMunicipality;
    const status = owned ? cards.status(batchId) : undefined;
    return status
      ? jsonReply(200, status)
      : problemReply(
          problem(seams.unknownBatchType, { detail: 'the center stored no card batch with this batchId' }),
        );
  }

  function cardManagementMessage({ body }: RequestContext): Reply {
    const errors = validate('relay-forwarding/forward-request', body);
    if (errors.length > 0) return invalid(errors);
    const response = parts.cardManagement.handle(body as RelayForwardRequest, Date.now());
    if (response === 'conflict')
      return problemReply(
        problem('conflict', {
          title: 'Message id in use',
          detail: 'a card-management message with this messageId and different content was already handled',
        }),
      );
    wakeSenders();
    return jsonReply(200, response);
  }

  function setPeers({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/peers', body);
    if (errors.length > 0) return invalid(errors);
    const given = (
      body as {
        peers: Record<string, { baseUrl: string; municipalities?: Record<string, { baseUrl: string }> }>;
      }
    ).peers;
    const table: Record<string, string> = {};
    for (const [name, peer] of Object.entries(given)) {
      table[name] = peer.baseUrl;
      for (const [code, entry] of Object.entries(peer.municipalities ?? {}))
        table[municipalityPeer(code)] = entry.baseUrl;
    }
    peers.replace(table);
    wakeSenders();
    return noContent;
  }

  /** The center's pacing hook; the shared fault hooks validate the body and take `internalFailure`. */
  function setPacing(hooks: Hooks): void {
    cards.setHooks(hooks);
    processor.wake();
  }

  function reset(): Reply {
    for (const sender of senders) sender.abandonInFlight();
    inTransaction(db, () => {
      residents.clear();
      inbox.clear();
      outbox.clear();
      cards.clear();
      parts.cardManagement.clear();
    });
    processor.wake();
    return noContent;
  }

  const upperTester: Route[] = [
    {
      method: 'GET',
      path: '/conformance/capabilities',
      handle: () => jsonReply(200, capabilities(parameters)),
    },
    { method: 'PUT', path: '/conformance/peers', body: 'json', handle: setPeers },
    {
      method: 'POST',
      path: '/conformance/stimulus',
      body: 'json',
      handle: () =>
        invalid([
          {
            pointer: '/kind',
            detail:
              'the national-center has no stimulus kind: send it resident changes, issuances or card batches',
          },
        ]),
    },
    { method: 'POST', path: '/conformance/reset', handle: reset },
  ];
  const health = () =>
    healthReply(
      ROLE,
      IMPLEMENTATION,
      outbox.deadLetters().some((letter) => letter.state === 'dead') ? 'degraded' : 'up',
    );
  return withFaultHooks(
    [
      { method: 'POST', path: `/${RESIDENT_CHANGES}`, body: 'json', handle: receiveChanges },
      { method: 'POST', path: `/${ISSUANCES}`, body: 'json', handle: receiveIssuances },
      { method: 'POST', path: '/card-batches', body: 'json', handle: receiveCardBatch },
      { method: 'GET', path: '/card-batches/:batchId', handle: cardBatchStatus },
      { method: 'POST', path: '/card-management/messages', body: 'json', handle: cardManagementMessage },
      ...ledgerRoutes({ role: ROLE, validate, reconciled: RECONCILED, outbox, inbox, wake: wakeSenders }),
      { method: 'GET', path: '/health', handle: health },
      ...upperTesterRoutes(upperTester, parts.testMode),
    ],
    { validate, testMode: parts.testMode, pacing: { members: ['cardProcessing'], apply: setPacing } },
  );
}
