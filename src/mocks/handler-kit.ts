import { http } from 'msw';
import pkg from '../../package.json' with { type: 'json' };
import { isJsonContentType } from '../evidence/capture.ts';
import type { Validate } from '../evidence/validate.ts';
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
