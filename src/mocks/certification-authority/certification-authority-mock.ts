import { http } from 'msw';
import type { RevocationBatchRequest, RevocationRequest } from '../../spec/message-types.generated.ts';
import { correlationOf, healthHandler, readMessage, reconciliationHandler } from '../handler-kit.ts';
import { RecordInbox } from '../issuance-service/record-inbox.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, RECEIVER_FAULT_ACTIONS } from '../mock-definition.ts';
import { requestContext } from '../request-context.ts';

const ROLE = 'certification-authority';

/**
 * A certification authority as tekigo plays it: it receives the revocation requests a national
 * center sends, one result per record in request order, idempotent by `recordId` (the same id
 * with other content is a conflict); records a fault script rejects are refused whatever
 * their content. Its reconciliation report counts them as their receiver (revocation-requests
 * inbound from the national center), so a center's own counts can be compared with it.
 */
export const certificationAuthorityMock: MockDefinition = {
  role: ROLE,
  routes: [
    {
      method: 'POST',
      path: '/revocation-requests',
      interface: 'revocation-requests',
      requestType: 'revocation-requests/batch-request',
      responseType: 'revocation-requests/batch-result',
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
    const revocations = new RecordInbox<RevocationRequest>('revocation-requests', 'national-center');
    return {
      handlers: [
        http.post('*/revocation-requests', async ({ request }) => {
          const read = await readMessage(request, 'revocation-requests/batch-request', validate);
          if ('refusal' in read) return read.refusal;
          const batch = read.body as RevocationBatchRequest;
          const results = revocations.receive(
            batch.records,
            requestContext(request).rejectRecords,
            new Date(),
          );
          return jsonResponse(
            { batchId: batch.batchId, results },
            { headers: { 'x-correlation-id': correlationOf(request) } },
          );
        }),
        reconciliationHandler(ROLE, (date, peer) => revocations.reconciliation(date, peer)),
        healthHandler(ROLE),
      ],
      state: () => ({ revocations: revocations.stored() }),
      reset: () => revocations.reset(),
    };
  },
};
