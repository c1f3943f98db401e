import { http } from 'msw';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, healthHandler, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, RECEIVER_FAULT_ACTIONS } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';
import { requestContext } from '../request-context.ts';
import { type InboxRecord, RecordInbox } from './record-inbox.ts';

const ROLE = 'issuance-service';
const RESIDENT_SYNC = 'resident-sync';
const FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The kiosk issuance service as tekigo plays it: it receives the resident syncs a municipality
 * pushes (idempotent by recordId, with fault scripts) and reports them in its reconciliation.
 */
export const issuanceServiceMock: MockDefinition = {
  role: ROLE,
  routes: [
    {
      method: 'POST',
      path: `/${RESIDENT_SYNC}`,
      interface: RESIDENT_SYNC,
      requestType: `${RESIDENT_SYNC}/batch-request`,
      responseType: `${RESIDENT_SYNC}/batch-result`,
    },
    {
      method: 'GET',
      path: '/reconciliation',
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    },
    { method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' },
  ],
  faultActions: RECEIVER_FAULT_ACTIONS,
  create({ validate }) {
    const syncs = new RecordInbox<InboxRecord>(RESIDENT_SYNC, 'municipality');
    return {
      handlers: [
        http.post(`*/${RESIDENT_SYNC}`, async ({ request }) => {
          const read = await readMessage(request, `${RESIDENT_SYNC}/batch-request`, validate);
          if ('refusal' in read) return read.refusal;
          const batch = read.body as { batchId: string; records: InboxRecord[] };
          const results = syncs.receive(batch.records, requestContext(request).rejectRecords, new Date());
          return jsonResponse(
            { batchId: batch.batchId, results },
            { headers: { 'x-correlation-id': correlationOf(request) } },
          );
        }),
        http.get('*/reconciliation', ({ request }) => {
          const correlationId = correlationOf(request);
          const echo = { 'x-correlation-id': correlationId };
          const query = new URL(request.url).searchParams;
          const date = query.get('date') ?? '';
          const peer = query.get('peer') ?? '';
          if (!FULL_DATE.test(date) || !peer)
            return problemResponse(
              problem('validation', {
                detail: 'invalid reconciliation query',
                correlationId,
                errors: [
                  {
                    pointer: FULL_DATE.test(date) ? '/peer' : '/date',
                    detail: 'date YYYY-MM-DD and peer are required',
                  },
                ],
              }),
              echo,
            );
          return jsonResponse(
            {
              role: ROLE,
              peer,
              date,
              generatedAt: new Date().toISOString(),
              entries: syncs.reconciliation(date, peer),
            },
            { headers: echo },
          );
        }),
        healthHandler(ROLE),
      ],
      state: () => ({ residentSync: syncs.snapshot() }),
      reset: () => syncs.reset(),
    };
  },
};
