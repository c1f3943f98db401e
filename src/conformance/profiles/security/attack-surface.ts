import { randomUUID } from 'node:crypto';
import { type UndeclaredAttempt, undeclaredRefused } from '../../../checks/check-undeclared-refused.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
import { ACCESS_RULES } from '../../../security/access-policy.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import type { RoleAdapter } from '../role-adapter.ts';

/** Debug, administration and status pages a deployment may leave open (INC-2003-NAGANO). */
export const DEBUG_PATHS = [
  '/debug',
  '/debug/pprof',
  '/debug/vars',
  '/admin',
  '/server-status',
  '/status',
  '/metrics',
  '/actuator/env',
  '/console',
  '/.env',
  '/.git/config',
];
/**
 * Methods in the HTTP method registry the interfaces never declare; CONNECT is left out (it
 * asks for a tunnel, not a resource) and so are unregistered tokens an HTTP parser may refuse
 * before any routing (specs/README.md, d-production-surface).
 */
const UNDECLARED_METHODS = ['TRACE', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'PROPFIND'];

/** A route with its parameters filled by an id nothing holds. */
export const concretePath = (path: string): string => path.replace(/:[A-Za-z]+/g, 'unknown-0001');

/**
 * What the attack-surface test tries on `role`: every debug page it does not declare (expected
 * 404), and on `/health` and on its first interface with named callers every method the
 * interface does not declare (expected 405).
 */
export function undeclaredRequests(
  adapter: Pick<RoleAdapter, 'role' | 'probes'>,
): { method: string; path: string; expected: 404 | 405 }[] {
  const rules = ACCESS_RULES.filter((r) => r.server === adapter.role);
  const declared = new Set([...rules.map((r) => r.path), ...adapter.probes.map((p) => p.path)]);
  const served = [
    ...new Set(['/health', ...rules.filter((r) => Array.isArray(r.callers)).map((r) => r.path)]),
  ];
  const methods = served.slice(0, 2).flatMap((path) => {
    const own = new Set(rules.filter((r) => r.path === path).map((r) => r.method as string));
    return UNDECLARED_METHODS.filter((m) => !own.has(m)).map((method) => ({
      method,
      path: concretePath(path),
      expected: 405 as const,
    }));
  });
  const pages = DEBUG_PATHS.filter((p) => !declared.has(p)).map((path) => ({
    method: 'GET',
    path,
    expected: 404 as const,
  }));
  return [...pages, ...methods];
}

/**
 * `<PREFIX>-A05`: in the production profile the role serves nothing it does not declare: debug
 * and status pages are 404, TRACE, OPTIONS and other undeclared methods on served paths 405, and
 * no answer echoes the request's headers or reveals internals (GEN-SEC-013, GEN-ERR-004,
 * GEN-ERR-006; INC-2003-NAGANO, "needless open services on every host").
 */
export function attackSurfaceTest(suite: ConformanceSuite, adapter: RoleAdapter, prefix: string): void {
  suite.test(
    {
      id: `${prefix}-A05`,
      title:
        'serves no undeclared path or method in the production profile: debug pages 404, TRACE and OPTIONS 405, nothing echoed or revealed',
      requirements: ['GEN-SEC-013', 'GEN-ERR-004', 'GEN-ERR-006'],
      profile: 'production',
    },
    async (t) => {
      const canary = `tekigo-canary-${randomUUID()}`;
      const attempts: UndeclaredAttempt[] = [];
      for (const { method, path, expected } of undeclaredRequests(adapter)) {
        const answer = await t.env.sut.request({
          method,
          path,
          // Values only a request echo could put in an answer (a TRACE that reflects it).
          headers: { cookie: `session=${canary}`, 'x-tekigo-canary': canary },
        });
        attempts.push(attemptOf(`${method} ${path}`, expected, canary, answer));
      }
      t.apply(undeclaredRefused, attempts);
    },
  );
}

function attemptOf(
  what: string,
  expected: 404 | 405,
  canary: string,
  answer: SutResponse,
): UndeclaredAttempt {
  const { body } = answer;
  return {
    what,
    expected,
    outcome: answer.outcome,
    status: answer.status,
    headers: answer.headers,
    body: body === null || body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    canary,
    ref: { ledger: 'suite', seq: answer.entry.seq },
  };
}
