import { http } from 'msw';
import pkg from '../../package.json' with { type: 'json' };
import { isJsonContentType } from '../evidence/capture.ts';
import type { Validate } from '../evidence/validate.ts';
import type { ReconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import { CORRELATION_ID_HEADER, correlationIdOr } from '../spec/correlation-id.ts';
import { type FieldError, problem } from '../spec/problem-types.ts';
import { jsonResponse } from './json-response.ts';
import { problemResponse } from './problem.ts';
import { requestContext } from './request-context.ts';

/** The pieces every party's msw handlers are made of. */

/** The request's correlation id, or a fresh one when it sent none (or an unusable one). */
export function correlationOf(request: Request): string {
  return correlationIdOr(request.headers.get(CORRELATION_ID_HEADER));
}

/**
 * The JSON body of a request, valid against `messageType`; or the problem answer (415, 400 with
 * the offending fields) to give instead.
 */
export async function readMessage(
  request: Request,
  messageType: string,
  validate: Validate,
): Promise<{ readonly body: unknown } | { readonly refusal: Response }> {
  const correlationId = correlationOf(request);
  const echo = { [CORRELATION_ID_HEADER]: correlationId };
  const refuse = (body: ReturnType<typeof problem>) => ({ refusal: problemResponse(body, echo) });
  const interfaceName = messageType.split('/')[0];
  if (!isJsonContentType(request.headers.get('content-type')))
    return refuse(
      problem('unsupported-media-type', { detail: `${interfaceName} takes application/json`, correlationId }),
    );
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return refuse(
      problem('validation', {
        detail: 'the body is not JSON',
        correlationId,
        errors: [{ pointer: '', detail: 'not valid JSON' }],
      }),
    );
  }
  const known = requestContext(request).validated;
  const outcome = known?.messageType === messageType ? known.outcome : validate(messageType, body);
  if (!outcome.valid) {
    const errors = outcome.errors.map((e): FieldError => ({ pointer: e.instancePath, detail: e.message }));
    return refuse(
      problem('validation', { detail: `the body does not match ${messageType}`, correlationId, errors }),
    );
  }
  return { body };
}

/** `GET /health` of a party tekigo plays. */
export function healthHandler(role: string, now: () => Date = () => new Date()) {
  return http.get('*/health', ({ request }) =>
    jsonResponse(
      {
        status: 'up',
        role,
        implementation: { name: `tekigo ${role} mock`, version: pkg.version },
        time: now().toISOString(),
      },
      { headers: { [CORRELATION_ID_HEADER]: correlationOf(request) } },
    ),
  );
}

const FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * `GET /reconciliation?date=…&peer=…` of a party tekigo plays: its report for that peer and day
 * from `entries`, or 400 naming the query parameter that is missing or malformed.
 */
export function reconciliationHandler(
  role: string,
  entries: (date: string, peer: string) => readonly ReconciliationEntry[],
  now: () => Date = () => new Date(),
) {
  return http.get('*/reconciliation', ({ request }) => {
    const correlationId = correlationOf(request);
    const echo = { [CORRELATION_ID_HEADER]: correlationId };
    const query = new URL(request.url).searchParams;
    const date = query.get('date') ?? '';
    const peer = query.get('peer') ?? '';
    const errors: FieldError[] = [];
    if (!FULL_DATE.test(date))
      errors.push({ pointer: '/date', detail: 'query parameter date must be YYYY-MM-DD' });
    if (!peer) errors.push({ pointer: '/peer', detail: 'query parameter peer must name a role or peer' });
    if (errors.length > 0)
      return problemResponse(
        problem('validation', { detail: 'invalid reconciliation query', correlationId, errors }),
        echo,
      );
    return jsonResponse(
      { role, peer, date, generatedAt: now().toISOString(), entries: entries(date, peer) },
      { headers: echo },
    );
  });
}
