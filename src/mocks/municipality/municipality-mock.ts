import { isDeepStrictEqual } from 'node:util';
import { http } from 'msw';
import type { RegistrationNotice } from '../../spec/message-types.generated.ts';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, healthHandler, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, PEER_FAULT_ACTIONS } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';
import { sendsWithSamples } from '../samples.ts';

const ROLE = 'municipality';

type Notice = Readonly<RegistrationNotice>;

/**
 * A municipality as tekigo plays it: it sends resident changes (to a national center) and
 * resident syncs (to an issuance service) when the suite asks, and acknowledges the
 * registration notices a national center sends it (the same noticeId with the same content is
 * a duplicate; with other content, a conflict).
 */
export const municipalityMock: MockDefinition = {
  role: ROLE,
  routes: [
    {
      method: 'POST',
      path: '/registration-notices',
      interface: 'registration-notices',
      requestType: 'registration-notices/notice',
      responseType: 'registration-notices/acknowledgement',
    },
    { method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' },
  ],
  sends: sendsWithSamples('resident-changes', 'resident-sync'),
  faultActions: PEER_FAULT_ACTIONS,
  create({ validate }) {
    const notices = new Map<string, Notice>();
    return {
      handlers: [
        http.post('*/registration-notices', async ({ request }) => {
          const read = await readMessage(request, 'registration-notices/notice', validate);
          if ('refusal' in read) return read.refusal;
          const notice = read.body as Notice;
          const correlationId = correlationOf(request);
          const echo = { 'x-correlation-id': correlationId };
          const known = notices.get(notice.noticeId);
          if (known && !isDeepStrictEqual(known, notice)) {
            return problemResponse(
              problem('conflict', {
                detail: `notice ${notice.noticeId} was acknowledged with other content`,
                correlationId,
              }),
              echo,
            );
          }
          notices.set(notice.noticeId, notice);
          const outcome = known ? 'duplicate' : 'acknowledged';
          return jsonResponse(
            { noticeId: notice.noticeId, acknowledgedAt: new Date().toISOString(), outcome },
            { headers: echo },
          );
        }),
        healthHandler(ROLE),
      ],
      state: () => ({ registrationNotices: [...notices.values()] }),
      reset: () => notices.clear(),
    };
  },
};
