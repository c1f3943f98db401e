import { isDeepStrictEqual } from 'node:util';
import { http } from 'msw';
import type { RevocationBatchRequest, RevocationRequest } from '../../spec/message-types.generated.ts';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, healthHandler, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, RECEIVER_FAULT_ACTIONS } from '../mock-definition.ts';
import { requestContext } from '../request-context.ts';

const ROLE = 'certification-authority';

/**
 * A certification authority as tekigo plays it: it receives the revocation requests a national
 * center sends, one result per record in request order, idempotent by `recordId` (the same id
 * with other content is a conflict); records a fault script rejects are refused whatever
 * their content.
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
    { method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' },
  ],
  faultActions: RECEIVER_FAULT_ACTIONS,
  create({ validate }) {
    const revocations = new Map<string, RevocationRequest>();
    return {
      handlers: [
        http.post('*/revocation-requests', async ({ request }) => {
          const read = await readMessage(request, 'revocation-requests/batch-request', validate);
          if ('refusal' in read) return read.refusal;
          const batch = read.body as RevocationBatchRequest;
          const { rejectRecords } = requestContext(request);
          const results = batch.records.map((record, i) => {
            const forced = rejectRecords.get(i);
            if (forced) return { recordId: record.recordId, outcome: 'rejected', problem: forced };
            const known = revocations.get(record.recordId);
            if (known && !isDeepStrictEqual(known, record)) {
              const conflict = problem('conflict', {
                detail: `revocation ${record.recordId} is already stored with different content`,
              });
              return { recordId: record.recordId, outcome: 'rejected', problem: conflict };
            }
            revocations.set(record.recordId, record);
            return { recordId: record.recordId, outcome: known ? 'duplicate' : 'accepted' };
          });
          return jsonResponse(
            { batchId: batch.batchId, results },
            { headers: { 'x-correlation-id': correlationOf(request) } },
          );
        }),
        healthHandler(ROLE),
      ],
      state: () => ({ revocations: [...revocations.values()] }),
      reset: () => revocations.clear(),
    };
  },
};
