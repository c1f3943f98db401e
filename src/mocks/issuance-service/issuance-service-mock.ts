import { http } from 'msw';
import { correlationOf, healthHandler, readMessage, reconciliationHandler } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, RECEIVER_FAULT_ACTIONS } from '../mock-definition.ts';
import { requestContext } from '../request-context.ts';
import { type InboxRecord, RecordInbox } from './record-inbox.ts';

const ROLE = 'issuance-service';
const RESIDENT_SYNC = 'resident-sync';

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
        reconciliationHandler(ROLE, (date, peer) => syncs.reconciliation(date, peer)),
        healthHandler(ROLE),
      ],
      state: () => ({ residentSync: syncs.snapshot() }),
      reset: () => syncs.reset(),
    };
  },
};
