import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { problemTypeUri } from '../spec/problem-types.ts';
import { INTERNALS } from './check-internal-error-concealed.ts';
import { defineCheck } from './define-check.ts';

/**
 * One request for something the role does not declare: a path no interface names (expected 404)
 * or a declared path asked with a method its interface does not declare (expected 405).
 */
export interface UndeclaredAttempt {
  /** "TRACE /health", "GET /debug". */
  readonly what: string;
  readonly expected: 404 | 405;
  readonly outcome: 'answered' | 'aborted' | 'network-error' | 'timeout';
  readonly status: number | null;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The response body as text (a JSON body serialised), '' when there was none. */
  readonly body: string;
  /** A value the request carried in its headers only: an answer holding it echoes the request. */
  readonly canary: string;
  readonly ref: EvidenceRef;
}

const PROBLEM_MEDIA_TYPE = /^application\/problem\+json\b/;
/** Response headers that name the software serving the answer. */
const REVEALING_HEADERS = ['server', 'x-powered-by', 'x-aspnet-version', 'x-runtime'];

function problemTypeOf(attempt: UndeclaredAttempt): string | undefined {
  if (!PROBLEM_MEDIA_TYPE.test(attempt.headers['content-type'] ?? '')) return undefined;
  try {
    const type = (JSON.parse(attempt.body) as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

/** What an answer reveals: the echoed request, internals in its body, software in its headers. */
export function revealed(attempt: UndeclaredAttempt): string[] {
  const found: string[] = [];
  if (attempt.canary !== '' && attempt.body.includes(attempt.canary)) found.push("the request's headers");
  for (const [name, pattern] of INTERNALS) if (pattern.test(attempt.body)) found.push(name);
  for (const header of REVEALING_HEADERS)
    if (attempt.headers[header] !== undefined) found.push(`${header}: ${attempt.headers[header]}`);
  return found;
}

function answered(attempt: UndeclaredAttempt): string {
  if (attempt.status === null) return `no answer (${attempt.outcome})`;
  const type = problemTypeOf(attempt);
  return `answered ${attempt.status}${type ? ` ${type}` : attempt.headers['content-type'] ? ` (${attempt.headers['content-type']})` : ''}`;
}

function judged(
  requirement: string,
  attempts: readonly UndeclaredAttempt[],
  faults: (attempt: UndeclaredAttempt) => string | undefined,
  passMessage: string,
): Finding[] {
  if (attempts.length === 0) return [];
  const failing = attempts.flatMap((a) => {
    const fault = faults(a);
    return fault ? [{ a, fault }] : [];
  });
  if (failing.length === 0)
    return [
      {
        requirement,
        verdict: 'pass',
        message: `${passMessage}: ${attempts.map((a) => a.what).join(', ')}`,
        evidence: attempts.map((a) => a.ref),
      },
    ];
  return [
    {
      requirement,
      verdict: 'fail',
      message: failing.map(({ a, fault }) => `${a.what}: ${fault}`).join('; '),
      evidence: failing.map(({ a }) => a.ref),
    },
  ];
}

/**
 * GEN-SEC-013, GEN-ERR-004 and GEN-ERR-006 over requests for undeclared paths and methods: each
 * path answered 404 `not-found`, each method 405 `not-found` with `Allow`, and none of the answers
 * echoing the request's headers (a TRACE that does), holding internals or naming the software.
 */
export const undeclaredRefused = defineCheck<readonly UndeclaredAttempt[]>({
  name: 'undeclared-refused',
  requirements: ['GEN-SEC-013', 'GEN-ERR-004', 'GEN-ERR-006'],
  judge(attempts): Finding[] {
    if (attempts.length === 0)
      return [
        {
          requirement: 'GEN-SEC-013',
          verdict: 'inconclusive',
          message: 'no undeclared path or method was tried',
          evidence: [],
        },
      ];
    const notFound = problemTypeUri('not-found');
    return [
      ...judged(
        'GEN-SEC-013',
        attempts,
        (a) => {
          const shown = revealed(a);
          if (a.status === a.expected && shown.length === 0) return undefined;
          return `${answered(a)}${shown.length ? `, revealing ${shown.join(', ')}` : ''} (expected ${a.expected}, revealing nothing)`;
        },
        'not served, nothing revealed',
      ),
      ...judged(
        'GEN-ERR-004',
        attempts.filter((a) => a.expected === 404),
        (a) =>
          a.status === 404 && problemTypeOf(a) === notFound
            ? undefined
            : `${answered(a)} (expected 404 ${notFound})`,
        `answered 404 ${notFound}`,
      ),
      ...judged(
        'GEN-ERR-006',
        attempts.filter((a) => a.expected === 405),
        (a) =>
          a.status === 405 && problemTypeOf(a) === notFound && (a.headers.allow ?? '') !== ''
            ? undefined
            : `${answered(a)}${a.status === 405 && !a.headers.allow ? ' without Allow' : ''} (expected 405 ${notFound} with Allow)`,
        `answered 405 ${notFound} with Allow`,
      ),
    ];
  },
});
