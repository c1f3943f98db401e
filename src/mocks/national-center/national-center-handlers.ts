import { http } from 'msw';
import type { Validate } from '../../evidence/validate.ts';
import type { ReconciliationEntry } from '../../reconciliation/reconciliation-entry.ts';
import { type FieldError, problem } from '../../spec/problem-types.ts';
import { correlationOf, healthHandler, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import type { OutboundReconciliation } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';
import { requestContext } from '../request-context.ts';
import type { IssuanceBatch, NationalCenterStore } from './national-center-store.ts';

export interface NationalCenterHandlerOptions {
  readonly store: NationalCenterStore;
  readonly validate: Validate;
  readonly now?: () => Date;
  /** What the center sent, for the outbound entries of its reconciliation report. */
  readonly outbound?: OutboundReconciliation;
  /** What the center received from municipalities, for the inbound entries of its report. */
  readonly desk?: { reconciliation(date: string, peer: string): ReconciliationEntry[] };
}

const ROLE = 'national-center';
const FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * What the national center serves in the certification-authority slice. Paths start with `*`
 * so the same handlers match on any origin: on a real port through the mock runtime, or
 * in-process through msw's `setupServer`.
 */
export function nationalCenterHandlers({
  store,
  validate,
  now = () => new Date(),
  outbound,
  desk,
}: NationalCenterHandlerOptions) {
  return [
    http.post('*/certificate-issuances', async ({ request }) => {
      const read = await readMessage(request, 'certificate-issuances/batch-request', validate);
      if ('refusal' in read) return read.refusal;
      const result = store.submitIssuances(
        read.body as IssuanceBatch,
        requestContext(request).rejectRecords,
        now(),
      );
      return jsonResponse(result, { headers: { 'x-correlation-id': correlationOf(request) } });
    }),

    http.get('*/reconciliation', ({ request }) => {
      const correlationId = correlationOf(request);
      const echo = { 'x-correlation-id': correlationId };
      const query = new URL(request.url).searchParams;
      const date = query.get('date');
      const peer = query.get('peer');
      const errors: FieldError[] = [];
      if (date === null || !FULL_DATE.test(date))
        errors.push({ pointer: '/date', detail: 'query parameter date must be YYYY-MM-DD' });
      if (!peer) errors.push({ pointer: '/peer', detail: 'query parameter peer must name a role or peer' });
      if (date === null || !peer || errors.length > 0) {
        return problemResponse(
          problem('validation', { detail: 'invalid reconciliation query', correlationId, errors }),
          echo,
        );
      }
      return jsonResponse(
        {
          role: ROLE,
          peer,
          date,
          generatedAt: now().toISOString(),
          entries: [
            ...store.reconciliation(date, peer),
            ...(desk?.reconciliation(date, peer) ?? []),
            ...(outbound?.reconcile(peer, date) ?? []),
          ],
        },
        { headers: echo },
      );
    }),

    healthHandler(ROLE, now),
  ];
}
