/** RFC 9457 problem bodies with the tekigo problem types of specs/README.md. */
export type ProblemName =
  | 'validation'
  | 'conflict'
  | 'stale-sequence'
  | 'unknown-resident'
  | 'unknown-certificate'
  | 'unknown-batch'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'overloaded'
  | 'timeout'
  | 'unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'not-test-mode'
  | 'internal';

export interface FieldError {
  /** JSON Pointer of the offending field; "" for the whole body. */
  readonly pointer: string;
  readonly detail: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
}

export function problem(
  status: number,
  name: ProblemName,
  title: string,
  detail?: string,
  errors?: readonly FieldError[],
): Problem {
  return {
    type: `urn:tekigo:problem:${name}`,
    title,
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...(errors !== undefined ? { errors } : {}),
  };
}

export function validationProblem(detail: string, errors: readonly FieldError[]): Problem {
  return problem(400, 'validation', 'Invalid message', detail, errors);
}

/** RFC 6901 escaping of one reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}
