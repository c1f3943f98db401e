import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { CardProductionBatchRequest, RegistrationNotice } from '../../spec/message-types.generated.ts';
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
import type { Inbox } from '../shared/inbox.ts';
import type { Log } from '../shared/json-log.ts';
import { healthReply, upperTesterRoutes } from '../shared/operator-routes.ts';
import type { Outbox } from '../shared/outbox.ts';
import type { Peers } from '../shared/peers.ts';
import { ledgerRoutes, validationReply } from '../shared/role-kit.ts';
import type { ValidateFields } from '../shared/validation.ts';
import {
  CARD_PRODUCTION,
  CENTER,
  capabilities,
  IMPLEMENTATION,
  ISSUANCE_SERVICE,
  type MunicipalityParameters,
  NOTICES,
  RECONCILED,
  RESIDENT_CHANGES,
  RESIDENT_SYNC,
  ROLE,
} from './capabilities.ts';
import type { CardBatches } from './card-batches.ts';
import type { ChangeInput, Register, SyncInput } from './register.ts';
import type { MunicipalitySeams } from './seams.ts';

/** Everything the routes work on, assembled by `startMunicipality`. */
export interface MunicipalityParts {
  readonly seams: MunicipalitySeams;
  readonly validate: ValidateFields;
  readonly parameters: MunicipalityParameters;
  readonly db: DatabaseSync;
  readonly register: Register;
  readonly inbox: Inbox;
  readonly outbox: Outbox;
  readonly cards: CardBatches;
  readonly peers: Peers;
  /** What sends: woken after new records, abandoned on reset. */
  readonly senders: readonly { wake(): void; abandonInFlight(): void }[];
  readonly log: Log;
  readonly testMode: boolean;
}

const invalid = validationReply;

/** The municipality's routes: registration notices, its operator view, reconciliation, dead letters, health, upper tester. */
export function municipalityRoutes(parts: MunicipalityParts): Route[] {
  const { seams, validate, parameters, db, register, inbox, outbox, cards, peers, senders, log } = parts;
  const wakeSenders = () => {
    for (const sender of senders) sender.wake();
  };

  function receiveNotice({ body, correlationId }: RequestContext): Reply {
    const errors = seams.validatesNotices ? validate(`${NOTICES}/notice`, body) : [];
    if (errors.length > 0) return invalid(errors);
    const notice = body as RegistrationNotice;
    if (!seams.acceptsUnknownBatches && cards.get(notice.batchId) === undefined)
      return problemReply(
        problem('unknown-batch', { detail: 'this municipality submitted no card batch with this batchId' }),
      );
    const nowIso = new Date().toISOString();
    const apply = () => {
      cards.applyNotice(notice, nowIso);
      return undefined;
    };
    const outcome = seams.reappliesNotices
      ? inTransaction(db, () => {
          apply();
          return 'accepted';
        })
      : inTransaction(db, () => {
          const { noticeId, sentAt, ...rest } = notice;
          return inbox.receive(
            NOTICES,
            CENTER,
            [{ recordId: noticeId, recordedAt: sentAt, ...rest }],
            apply,
          )[0]?.outcome;
        });
    if (outcome === 'rejected')
      return problemReply(
        problem('conflict', {
          title: 'Conflicting notice',
          detail: 'a registration notice with this noticeId and different content was already acknowledged',
        }),
      );
    log({
      event: 'registration-notice-received',
      correlationId,
      interface: NOTICES,
      batchId: notice.batchId,
      noticeId: notice.noticeId,
      final: notice.final,
      recordIds: notice.records.map((r) => r.recordId),
      outcome,
    });
    return jsonReply(200, {
      noticeId: notice.noticeId,
      acknowledgedAt: nowIso,
      outcome: outcome === 'duplicate' ? 'duplicate' : 'acknowledged',
    });
  }

  function batchView({ params }: RequestContext): Reply {
    const batchId = params.batchId ?? '';
    if (validate('common/record-id', batchId).length > 0)
      return invalid([{ pointer: '/batchId', detail: 'the batchId path parameter must be a record id' }]);
    const batch = cards.get(batchId);
    if (!batch)
      return problemReply(
        problem('unknown-batch', { detail: 'this municipality submitted no card batch with this batchId' }),
      );
    const records = cards.records(batchId);
    const count = (outcome: string) => records.filter((r) => r.outcome === outcome).length;
    const notice = batch.finalNoticeAt
      ? { state: 'received', noticesApplied: batch.noticesApplied }
      : batch.missingSince
        ? { state: 'missing', noticesApplied: batch.noticesApplied, missingSince: batch.missingSince }
        : { state: 'awaited', noticesApplied: batch.noticesApplied };
    return jsonReply(200, {
      batchId,
      state: seams.viewState(batch),
      counts: {
        total: records.length,
        pending: count('pending'),
        registered: count('registered'),
        failed: count('failed'),
      },
      records,
      notice: batch.terminalReadAt ? { ...notice, terminalReadAt: batch.terminalReadAt } : notice,
      updatedAt: batch.updatedAt,
    });
  }

  function setPeers({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/peers', body);
    if (errors.length > 0) return invalid(errors);
    const given = (body as { peers: Record<string, { baseUrl: string }> }).peers;
    peers.replace(Object.fromEntries(Object.entries(given).map(([name, peer]) => [name, peer.baseUrl])));
    wakeSenders();
    return noContent;
  }

  function stimulus({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/stimulus-request', body);
    const kind = (body as { kind?: unknown } | null)?.kind;
    if (kind === 'issue-certificates')
      return invalid([{ pointer: '/kind', detail: 'the municipality issues no certificates' }]);
    if (errors.length > 0) return invalid(seams.quotesRefusedValues ? quoted(errors, body) : errors);
    const nowMs = Date.now();
    const recordedAt = new Date(nowMs).toISOString();
    const queue = (interfaceName: string, peer: string, records: readonly Record<string, unknown>[]) =>
      outbox.enqueue(
        records.map((payload) => ({
          recordId: String(payload.recordId),
          interfaceName,
          peer,
          recordedAt,
          payload,
        })),
        nowMs,
      );
    let recordIds: string[];
    if (kind === 'apply-resident-changes') {
      recordIds = inTransaction(db, () => {
        const records = register.recordChanges((body as { changes: ChangeInput[] }).changes, recordedAt);
        queue(RESIDENT_CHANGES, CENTER, records);
        return records.map((r) => String(r.recordId));
      });
    } else if (kind === 'push-resident-sync') {
      recordIds = inTransaction(db, () => {
        const records = register.syncRecords((body as { residents: SyncInput[] }).residents, recordedAt);
        queue(RESIDENT_SYNC, ISSUANCE_SERVICE, records);
        return records.map((r) => String(r.recordId));
      });
    } else {
      const codes = (body as { residentCodes: string[] }).residentCodes;
      const unknown = codes.flatMap((code, i) =>
        register.cardHolder(code)
          ? []
          : [
              {
                pointer: `/residentCodes/${i}`,
                detail: 'this municipality holds no resident with this code: record a birth or move-in first',
              },
            ],
      );
      if (unknown.length > 0) return invalid(unknown);
      const request: CardProductionBatchRequest = {
        batchId: randomUUID(),
        sentAt: recordedAt,
        municipalityCode: seams.cardBatchCode,
        records: codes.map((residentCode): CardProductionBatchRequest['records'][number] => {
          const holder = register.cardHolder(residentCode);
          return {
            recordId: randomUUID(),
            recordedAt,
            residentCode,
            individualNumber: holder?.individualNumber ?? '',
            items: holder?.items as unknown as CardProductionBatchRequest['records'][number]['items'],
            cardType: 'my-number-card',
            deliveryMethod: 'municipality-pickup',
          };
        }) as CardProductionBatchRequest['records'],
      };
      recordIds = inTransaction(db, () => {
        cards.create(request, recordedAt);
        queue(CARD_PRODUCTION, CENTER, request.records as unknown as Record<string, unknown>[]);
        return request.records.map((r) => r.recordId);
      });
      log({
        event: 'card-batch-created',
        correlationId: request.batchId,
        batchId: request.batchId,
        recordIds,
      });
    }
    wakeSenders();
    return jsonReply(202, { stimulusId: randomUUID(), kind, recordIds });
  }

  function reset(): Reply {
    for (const sender of senders) sender.abandonInFlight();
    inTransaction(db, () => {
      register.clear();
      inbox.clear();
      outbox.clear();
      cards.clear();
    });
    wakeSenders();
    return noContent;
  }

  const upperTester: Route[] = [
    {
      method: 'GET',
      path: '/conformance/capabilities',
      handle: () => jsonReply(200, capabilities(parameters)),
    },
    { method: 'PUT', path: '/conformance/peers', body: 'json', handle: setPeers },
    { method: 'POST', path: '/conformance/stimulus', body: 'json', handle: stimulus },
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
      { method: 'POST', path: `/${NOTICES}`, body: 'json', handle: receiveNotice },
      { method: 'GET', path: '/card-batches/:batchId', handle: batchView },
      ...ledgerRoutes({ role: ROLE, validate, reconciled: RECONCILED, outbox, inbox, wake: wakeSenders }),
      { method: 'GET', path: '/health', handle: health },
      ...upperTesterRoutes(upperTester, parts.testMode),
    ],
    { validate, testMode: parts.testMode },
  );
}

/** The errors with the refused value quoted in each: the defect of the echo-invalid-values replica. */
function quoted(errors: readonly FieldError[], body: unknown): FieldError[] {
  return errors.map((error) => {
    const value = error.pointer
      .split('/')
      .slice(1)
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], body);
    return { ...error, detail: `${error.detail}: ${JSON.stringify(value)}` };
  });
}
