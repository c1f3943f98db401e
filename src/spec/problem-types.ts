/**
 * The protocol's problem types (`urn:tekigo:problem:<name>`, RFC 9457) with their usual title
 * and the status a whole request refused for that reason answers, and the one `problem()`
 * builder that references, mocks and suites use. `problem-types.test.ts` checks this list
 * against `specs/`.
 */
export const PROBLEM_TYPES = {
  validation: { title: 'Invalid message', status: 400 },
  conflict: { title: 'Conflict', status: 409 },
  'stale-sequence': { title: 'Stale sequence', status: 409 },
  'unknown-resident': { title: 'Unknown resident', status: 404 },
  'unknown-certificate': { title: 'Unknown certificate', status: 404 },
  'unknown-batch': { title: 'Unknown batch', status: 404 },
  'payload-too-large': { title: 'Payload too large', status: 413 },
  'unsupported-media-type': { title: 'Unsupported media type', status: 415 },
  overloaded: { title: 'Overloaded', status: 429 },
  timeout: { title: 'Timeout', status: 504 },
  unavailable: { title: 'Unavailable', status: 503 },
  unauthorized: { title: 'Unauthorized', status: 401 },
  forbidden: { title: 'Forbidden', status: 403 },
  'not-found': { title: 'Not found', status: 404 },
  'not-test-mode': { title: 'Not in test mode', status: 404 },
  internal: { title: 'Internal error', status: 500 },
} as const satisfies Readonly<Record<string, { readonly title: string; readonly status: number }>>;

export type ProblemName = keyof typeof PROBLEM_TYPES;

export const PROBLEM_TYPE_PREFIX = 'urn:tekigo:problem:';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const PROBLEM_NAMES = Object.keys(PROBLEM_TYPES) as readonly ProblemName[];

/** Every problem type URI of the protocol. */
export const PROBLEM_TYPE_URIS: readonly string[] = PROBLEM_NAMES.map((name) => problemTypeUri(name));

export function problemTypeUri(name: ProblemName): string {
  return `${PROBLEM_TYPE_PREFIX}${name}`;
}

/** The name of a protocol problem type URI; `undefined` for any other URI. */
export function problemNameOf(type: unknown): ProblemName | undefined {
  if (typeof type !== 'string' || !type.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const name = type.slice(PROBLEM_TYPE_PREFIX.length);
  return Object.hasOwn(PROBLEM_TYPES, name) ? (name as ProblemName) : undefined;
}

export interface FieldError {
  /** JSON Pointer of the offending field; "" for the whole body. */
  readonly pointer: string;
  readonly detail: string;
}

/** An RFC 9457 body as `specs/schemas/common/problem.json` describes it (open to extensions). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export interface ProblemFields {
  /** Defaults to the type's status; a record rejected inside a batch result commonly says 422. */
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
}

/** A problem body of the protocol's type `name`. */
export function problem(name: ProblemName, fields: ProblemFields = {}): Problem {
  const known = PROBLEM_TYPES[name];
  return {
    type: problemTypeUri(name),
    title: fields.title ?? known.title,
    status: fields.status ?? known.status,
    ...(fields.detail !== undefined ? { detail: fields.detail } : {}),
    ...(fields.instance !== undefined ? { instance: fields.instance } : {}),
    ...(fields.correlationId !== undefined ? { correlationId: fields.correlationId } : {}),
    ...(fields.errors !== undefined ? { errors: fields.errors } : {}),
  };
}

/** The type a status stands for when nothing more specific is known. */
const NAME_BY_STATUS: Readonly<Record<number, ProblemName>> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  408: 'timeout',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation',
  429: 'overloaded',
  500: 'internal',
  503: 'unavailable',
  504: 'timeout',
};

/** A problem for a bare status: its usual type (`internal` for any other 5xx, `validation` for any other 4xx). */
export function problemForStatus(status: number, fields: Omit<ProblemFields, 'status'> = {}): Problem {
  const name = NAME_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'validation');
  return problem(name, { ...fields, status });
}

/** RFC 6901 escaping of one reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}
