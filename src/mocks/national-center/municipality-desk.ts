import { isDeepStrictEqual } from 'node:util';
import { HttpResponse, http } from 'msw';
import type { Validate } from '../../evidence/validate.ts';
import type { ProblemDetails } from '../../faults/fault-script.ts';
import { acceptedDigest, jstDate } from '../../reconciliation/accepted-digest.ts';
import type { ReconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import type { CardProductionBatchRequest } from '../../spec/message-types.generated.ts';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, readMessage } from '../handler-kit.ts';
import { type InboxRecord, RecordInbox } from '../issuance-service/record-inbox.ts';
import { jsonResponse } from '../json-response.ts';
import type { MockRoute } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';
import { requestContext } from '../request-context.ts';

const MUNICIPALITY = 'municipality';

type CardOutcome =
  | { readonly outcome: 'registered'; readonly registeredAt: string }
  | { readonly outcome: 'failed'; readonly problem: ProblemDetails };

interface StoredBatch {
  readonly request: CardProductionBatchRequest;
  readonly receivedAt: string;
  readonly outcomes: readonly CardOutcome[];
  reads: number;
}

/**
 * Card batches as the mock center handles them. Each record's outcome is fixed when the batch
 * is stored: `failed` for the records a fault script's `reject-records` selects (the batch is
 * still answered 202), `registered` for the others. A batch shows `received` until it has been
 * read once and is `DECIDED_AFTER_MS` old; later reads show it terminal (`completed`, `failed` or
 * `partially-completed`). The wait lets a municipality that polls too often be seen doing so.
 */
export const DECIDED_AFTER_MS = 500;

/**
 * How the desk reports decided batches: truthfully (`none`), or, on the suite's command,
 * `completed-omitting-failures`: `completed`, counting every record registered while its list
 * leaves the failed records out (schema-valid, inconsistent with the batch: INC-2015-CARD).
 */
export type CardStatusMisreport = 'none' | 'completed-omitting-failures';
export const CARD_STATUS_MISREPORTS: readonly CardStatusMisreport[] = ['none', 'completed-omitting-failures'];

/** The path under which the suite switches how the desk reports batches; recorded in the suite's ledger. */
export const CARD_DESK_CONTROL = { misreport: '/card-desk-control/misreport' } as const;

export class CardBatchDesk {
  #batches = new Map<string, StoredBatch>();
  #misreport: CardStatusMisreport = 'none';

  set misreport(mode: CardStatusMisreport) {
    this.#misreport = mode;
  }

  submit(
    request: CardProductionBatchRequest,
    failures: ReadonlyMap<number, ProblemDetails>,
    now: Date,
  ): { readonly receivedAt: string } | 'conflict' {
    const known = this.#batches.get(request.batchId);
    if (known) return isDeepStrictEqual(contentOf(known.request), contentOf(request)) ? known : 'conflict';
    const receivedAt = now.toISOString();
    const outcomes = request.records.map((_, i): CardOutcome => {
      const failure = failures.get(i);
      return failure
        ? { outcome: 'failed', problem: failure }
        : { outcome: 'registered', registeredAt: receivedAt };
    });
    this.#batches.set(request.batchId, { request, receivedAt, outcomes, reads: 0 });
    return { receivedAt };
  }

  status(batchId: string, now: Date): Record<string, unknown> | undefined {
    const batch = this.#batches.get(batchId);
    if (!batch) return undefined;
    batch.reads += 1;
    const decided = batch.reads > 1 && now.getTime() - Date.parse(batch.receivedAt) >= DECIDED_AFTER_MS;
    const all = batch.request.records.map((record, i) =>
      decided
        ? { recordId: record.recordId, ...batch.outcomes[i] }
        : { recordId: record.recordId, outcome: 'pending' },
    );
    if (decided && this.#misreport === 'completed-omitting-failures') {
      const total = all.length;
      return {
        batchId,
        state: 'completed',
        counts: { total, pending: 0, registered: total, failed: 0 },
        records: all.filter((r) => r.outcome === 'registered'),
        updatedAt: now.toISOString(),
      };
    }
    const records = all;
    const count = (outcome: string) => records.filter((r) => r.outcome === outcome).length;
    const counts = {
      total: records.length,
      pending: count('pending'),
      registered: count('registered'),
      failed: count('failed'),
    };
    const state = !decided
      ? 'received'
      : counts.failed === 0
        ? 'completed'
        : counts.registered === 0
          ? 'failed'
          : 'partially-completed';
    return { batchId, state, counts, records, updatedAt: decided ? now.toISOString() : batch.receivedAt };
  }

  /** card-production is reconciled by card record: every record of a batch answered 202 is accepted. */
  reconciliation(date: string, peer: string): ReconciliationEntry[] {
    if (peer !== MUNICIPALITY) return [];
    const ids = [...this.#batches.values()]
      .flatMap((batch) => batch.request.records)
      .filter((record) => jstDate(record.recordedAt) === date)
      .map((record) => record.recordId);
    return [
      {
        interface: 'card-production',
        direction: 'inbound',
        counts: {
          total: ids.length,
          accepted: ids.length,
          duplicate: 0,
          rejected: 0,
          pending: 0,
          deadLettered: 0,
        },
        acceptedDigest: acceptedDigest(ids),
      },
    ];
  }

  snapshot(): { batches: { request: CardProductionBatchRequest; reads: number }[] } {
    return { batches: [...this.#batches.values()].map(({ request, reads }) => ({ request, reads })) };
  }

  reset(): void {
    this.#batches = new Map();
    this.#misreport = 'none';
  }
}

/** A batch's content: everything but its sentAt (specs/README.md, d-content). */
function contentOf(request: CardProductionBatchRequest): unknown {
  const { sentAt: _sentAt, ...content } = request;
  return content;
}

/** What the center serves a municipality: resident changes and card batches. */
export const MUNICIPALITY_DESK_ROUTES: readonly MockRoute[] = [
  {
    method: 'POST',
    path: '/resident-changes',
    interface: 'resident-changes',
    requestType: 'resident-changes/batch-request',
    responseType: 'resident-changes/batch-result',
  },
  {
    method: 'POST',
    path: '/card-batches',
    interface: 'card-production',
    requestType: 'card-production/batch-request',
    responseType: 'card-production/batch-accepted',
  },
  {
    method: 'GET',
    path: '/card-batches/:batchId',
    interface: 'card-production',
    responseType: 'card-production/batch-status',
  },
];

/** The center's municipality-facing state and its msw handlers. */
export function municipalityDesk(validate: Validate) {
  const changes = new RecordInbox<InboxRecord>('resident-changes', MUNICIPALITY);
  const cards = new CardBatchDesk();
  const handlers = [
    http.post('*/resident-changes', async ({ request }) => {
      const read = await readMessage(request, 'resident-changes/batch-request', validate);
      if ('refusal' in read) return read.refusal;
      const batch = read.body as { batchId: string; records: InboxRecord[] };
      const results = changes.receive(batch.records, requestContext(request).rejectRecords, new Date());
      return jsonResponse(
        { batchId: batch.batchId, results },
        { headers: { 'x-correlation-id': correlationOf(request) } },
      );
    }),
    http.post('*/card-batches', async ({ request }) => {
      const read = await readMessage(request, 'card-production/batch-request', validate);
      if ('refusal' in read) return read.refusal;
      const correlationId = correlationOf(request);
      const echo = { 'x-correlation-id': correlationId };
      const batch = read.body as CardProductionBatchRequest;
      const stored = cards.submit(batch, requestContext(request).rejectRecords, new Date());
      if (stored === 'conflict')
        return problemResponse(
          problem('conflict', {
            detail: 'a card batch with this batchId and other content is stored',
            correlationId,
          }),
          echo,
        );
      const statusUrl = `/card-batches/${batch.batchId}`;
      return jsonResponse(
        { batchId: batch.batchId, state: 'received', statusUrl, receivedAt: stored.receivedAt },
        { status: 202, headers: { ...echo, location: statusUrl } },
      );
    }),
    http.post(`*${CARD_DESK_CONTROL.misreport}`, async ({ request }) => {
      const { mode } = ((await request.json().catch(() => undefined)) ?? {}) as { mode?: unknown };
      if (!CARD_STATUS_MISREPORTS.includes(mode as CardStatusMisreport))
        return problemResponse(
          problem('validation', {
            detail: `misreport takes { mode: ${CARD_STATUS_MISREPORTS.map((m) => `"${m}"`).join(' | ')} }`,
            errors: [{ pointer: '/mode', detail: `must be one of ${CARD_STATUS_MISREPORTS.join(', ')}` }],
          }),
        );
      cards.misreport = mode as CardStatusMisreport;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/card-batches/:batchId', ({ request, params }) => {
      const correlationId = correlationOf(request);
      const echo = { 'x-correlation-id': correlationId };
      const status = cards.status(String(params.batchId), new Date());
      return status
        ? jsonResponse(status, { headers: echo })
        : problemResponse(
            problem('unknown-batch', {
              detail: 'the center stored no card batch with this batchId',
              correlationId,
            }),
            echo,
          );
    }),
  ];
  return {
    handlers,
    reconciliation: (date: string, peer: string) => [
      ...changes.reconciliation(date, peer),
      ...cards.reconciliation(date, peer),
    ],
    // Only what the center received from a municipality: a center that received nothing of it shows nothing.
    snapshot: () => ({
      ...(changes.stored().length > 0 ? { residentChanges: changes.snapshot() } : {}),
      ...(cards.snapshot().batches.length > 0 ? { cardBatches: cards.snapshot() } : {}),
    }),
    reset: () => {
      changes.reset();
      cards.reset();
    },
  };
}
