import {
  type ExposedAnswer,
  type GivenSecrets,
  secretFragments,
  secretsConcealed,
} from '../../../checks/check-secrets-concealed.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
import { ACCESS_RULES } from '../../../security/access-policy.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import type { RoleAdapter } from '../role-adapter.ts';
import { concretePath } from './attack-surface.ts';
import { type SecurityFixture, securityOf } from './production-environment.ts';

/**
 * `<PREFIX>-A06`: in the production profile no answer of the role, health and refusals alike,
 * holds its private key or any other secret (GEN-SEC-010; INC-2003-NAGANO, credentials in
 * plain text). What any caller with a certificate can read; its log is A09's
 * (`secrets-logged.ts`).
 */
export function secretsTest(suite: ConformanceSuite, adapter: RoleAdapter, prefix: string): void {
  suite.test(
    {
      id: `${prefix}-A06`,
      title:
        'reveals no private key or other secret in health, refusals or problems in the production profile',
      requirements: ['GEN-SEC-010'],
      profile: 'production',
    },
    async (t) => {
      const answers = await secretProbes(t, adapter);
      t.apply(secretsConcealed, { answers, secrets: givenSecrets(securityOf(t)) });
    },
  );
}

/**
 * The answers a role gives anyone with a certificate: its health, a 400, a 404, a 405 and, when
 * it guards an interface, a 403 to a print-service certificate. Each is also a request the role
 * may log.
 */
export async function secretProbes(t: ConformanceTest, adapter: RoleAdapter): Promise<ExposedAnswer[]> {
  const fixture = securityOf(t);
  const guarded = ACCESS_RULES.find((r) => r.server === adapter.role && Array.isArray(r.callers));
  const answers: ExposedAnswer[] = [];
  const read = (what: string, answer: SutResponse) => answers.push(answerOf(what, answer));
  read('GET /health', await t.env.sut.get('/health', { interface: 'health' }));
  read('GET /reconciliation without parameters', await t.env.sut.get('/reconciliation'));
  read('GET /debug', await t.env.sut.get('/debug'));
  read('TRACE /health', await t.env.sut.request({ method: 'TRACE', path: '/health' }));
  if (guarded) {
    const stranger = await fixture.clientAs({ role: 'print-service' });
    const path = concretePath(guarded.path);
    read(
      `${guarded.method} ${path} by a print-service certificate`,
      await stranger.request({
        method: guarded.method,
        path,
        ...(guarded.method === 'POST' ? { body: {} } : {}),
      }),
    );
    await stranger.close();
  }
  return answers;
}

/** The secrets the run gave the role: the lines of its TLS private key. */
export function givenSecrets(fixture: SecurityFixture): GivenSecrets {
  return secretFragments(fixture.targetKeyPem).map(
    (fragment) => ['its TLS private key (TEKIGO_TLS_KEY)', fragment] as const,
  );
}

function answerOf(what: string, answer: SutResponse): ExposedAnswer {
  const { body } = answer;
  return {
    what: `${what} (${answer.status ?? answer.outcome})`,
    headers: answer.headers,
    body: body === null || body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    ref: { ledger: 'suite', seq: answer.entry.seq },
  };
}
