import { HttpResponse, http } from 'msw';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, healthHandler, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, RECEIVER_FAULT_ACTIONS } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';
import { type FinalState, PrintJobStore } from './print-job-store.ts';

const ROLE = 'print-service';
/** The suite's own routes on this mock: releasing held results (recorded like every exchange). */
export const PRINT_CONTROL = 'print-control';
/** The longest a read of a queued job waits for its release (below any declared call timeout of 1 s or more). */
const READ_HOLD_MS = 400;
const FINAL_STATES: readonly FinalState[] = ['printed', 'failed', 'cancelled'];

/**
 * The print service as tekigo plays it. Every job stays `queued` until the suite releases it
 * with `POST /print-control/release` — `{ "jobIds": [...] }` or `{ "requestIds": [...] }`, in the
 * order to finish them, and `"state"` (`printed`, the default, `failed` or `cancelled`) — so a
 * test states the interleaving it forces; `PUT /print-control/auto` `{ "release": true }` prints
 * every job at once instead. `GET /__tekigo/state` lists the jobs with their embedded identifiers.
 */
export const printServiceMock: MockDefinition = {
  role: ROLE,
  routes: [
    {
      method: 'POST',
      path: '/print-jobs',
      interface: 'print-jobs',
      requestType: 'print-jobs/job-request',
      responseType: 'print-jobs/job-status',
    },
    {
      method: 'GET',
      path: '/print-jobs/:jobId',
      interface: 'print-jobs',
      responseType: 'print-jobs/job-status',
    },
    { method: 'POST', path: '/print-control/release', interface: PRINT_CONTROL },
    { method: 'PUT', path: '/print-control/auto', interface: PRINT_CONTROL },
    { method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' },
  ],
  faultActions: RECEIVER_FAULT_ACTIONS,
  create({ validate }) {
    const store = new PrintJobStore();
    const echo = (request: Request) => ({ 'x-correlation-id': correlationOf(request) });
    const refuse = (request: Request, detail: string, pointer: string) =>
      problemResponse(
        problem('validation', {
          detail,
          correlationId: correlationOf(request),
          errors: [{ pointer, detail }],
        }),
        echo(request),
      );
    return {
      handlers: [
        http.post('*/print-jobs', async ({ request }) => {
          const read = await readMessage(request, 'print-jobs/job-request', validate);
          if ('refusal' in read) return read.refusal;
          const status = store.submit(read.body as Parameters<PrintJobStore['submit']>[0]);
          if (status === 'conflict')
            return problemResponse(
              problem('conflict', {
                detail: 'a print job with this jobId and different content was submitted',
                correlationId: correlationOf(request),
              }),
              echo(request),
            );
          return jsonResponse(status, { status: 202, headers: echo(request) });
        }),
        http.get('*/print-jobs/:jobId', async ({ request, params }) => {
          const jobId = String(params.jobId);
          // A job still queued is answered when it is released, or after READ_HOLD_MS: the
          // caller learns of a release at once without reading many times a second.
          if (store.peek(jobId)?.state === 'queued') await store.changed(READ_HOLD_MS);
          const status = store.read(jobId);
          if (!status)
            return problemResponse(
              problem('not-found', {
                detail: 'no print job has this jobId',
                correlationId: correlationOf(request),
              }),
              echo(request),
            );
          return jsonResponse(status, { headers: echo(request) });
        }),
        http.post('*/print-control/release', async ({ request }) => {
          const body = (await request.json().catch(() => null)) as {
            jobIds?: unknown;
            requestIds?: unknown;
            state?: unknown;
          } | null;
          const ids = (value: unknown) =>
            Array.isArray(value) && value.every((v) => typeof v === 'string')
              ? (value as string[])
              : undefined;
          const jobIds =
            ids(body?.jobIds) ?? (ids(body?.requestIds) && store.jobIdsFor(ids(body?.requestIds) ?? []));
          if (!jobIds) return refuse(request, 'give jobIds or requestIds: an array of ids', '/jobIds');
          const state = body?.state ?? 'printed';
          if (!FINAL_STATES.includes(state as FinalState))
            return refuse(request, `state must be one of ${FINAL_STATES.join(', ')}`, '/state');
          return jsonResponse(store.release(jobIds, state as FinalState), { headers: echo(request) });
        }),
        http.put('*/print-control/auto', async ({ request }) => {
          const body = (await request.json().catch(() => null)) as { release?: unknown } | null;
          if (typeof body?.release !== 'boolean')
            return refuse(request, 'give { "release": true|false }', '/release');
          store.setAutoRelease(body.release);
          return new HttpResponse(null, { status: 204, headers: echo(request) });
        }),
        healthHandler(ROLE),
      ],
      state: () => store.snapshot(),
      reset: () => store.reset(),
    };
  },
};
