import { STATUS_CODES } from 'node:http';
import { HttpResponse } from 'msw';
import type { ProblemDetails } from '../faults/fault-script.ts';

export interface FieldError {
  /** JSON Pointer of the offending field; "" for the whole body. */
  readonly pointer: string;
  readonly detail: string;
}

/** The problem type each status stands for when nothing more specific is known. */
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'overloaded',
  500: 'internal',
  503: 'unavailable',
  504: 'timeout',
};

/** An RFC 9457 problem body in the protocol's vocabulary (`urn:tekigo:problem:<name>`). */
export function problem(
  status: number,
  fields: {
    readonly name?: string;
    readonly title?: string;
    readonly detail?: string;
    readonly correlationId?: string;
    readonly errors?: readonly FieldError[];
  } = {},
): ProblemDetails {
  const name = fields.name ?? TYPE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : undefined);
  return {
    type: name ? `urn:tekigo:problem:${name}` : 'about:blank',
    title: fields.title ?? STATUS_CODES[status] ?? 'Error',
    status,
    ...(fields.detail !== undefined ? { detail: fields.detail } : {}),
    ...(fields.correlationId !== undefined ? { correlationId: fields.correlationId } : {}),
    ...(fields.errors !== undefined ? { errors: fields.errors } : {}),
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(
  body: ProblemDetails,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new HttpResponse(JSON.stringify(body), {
    status: body.status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
  });
}
