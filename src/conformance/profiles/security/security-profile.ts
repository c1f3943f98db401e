import {
  forbiddenJurisdiction,
  forbiddenRole,
  ROLE_RULE_CHECKS,
} from '../../../checks/check-forbidden-refusal.ts';
import { peerRefused } from '../../../checks/check-peer-refused.ts';
import { upperTesterUnreachable } from '../../../checks/check-upper-tester-unreachable.ts';
import type { SecurityAttempt } from '../../../checks/security-attempt.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
import { TekigoHarnessError } from '../../../errors.ts';
import { ACCESS_RULES, type AccessRule } from '../../../security/access-policy.ts';
import type { PartyIdentity } from '../../../security/party-identity.ts';
import type { CredentialVariant } from '../../../security/pki/test-pki.ts';
import { loadExamples } from '../../../spec/examples.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import type { RoleAdapter } from '../role-adapter.ts';
import { attackSurfaceTest, concretePath } from './attack-surface.ts';
import { handshakeAbuseTest } from './handshake-abuse.ts';
import { securityOf } from './production-environment.ts';
import { secretsTest } from './secrets-exposed.ts';
import { secretsLoggedTest } from './secrets-logged.ts';
import { serverVerificationTest } from './server-verification.ts';
import { startWithoutMaterialTest } from './start-without-material.ts';

/** Every party a certificate may name; the wrong-role caller is the first one a route does not allow. */
const PARTIES = [
  'municipality',
  'national-center',
  'certification-authority',
  'issuance-service',
  'relay',
  'print-service',
  'crypto-device',
  'kiosk-gateway',
  'municipal-terminal',
  'signature-verifier',
];
const OTHER_CODES = ['011002', '131016'];

/**
 * The security profile (issue 15, INC-2003-NAGANO), run in the production profile only
 * (`--profile production`): who may connect (GEN-SEC-001), who may call what (GEN-SEC-002,
 * GEN-SEC-003), for which municipality (GEN-SEC-004), and that the upper tester is not served
 * (GEN-SEC-012), that nothing undeclared is (GEN-SEC-013), that no answer holds a secret (GEN-SEC-010), and
 * that stalled or failed TLS handshakes are let go while others are served (GEN-TMO-004), and that it will not serve
 * without its key material (GEN-SEC-009), that its log holds no secret either (GEN-SEC-010), and
 * that it sends only to a server naming the peer it calls (GEN-SEC-005). What each role serves and
 * to whom is the data of `src/security/access-policy.ts`. Its tests are `<PREFIX>-A01` … `-A10`, the
 * prefix that of the role's health test.
 */
export function securityProfile(suite: ConformanceSuite, adapter: RoleAdapter): void {
  const prefix = adapter.ids.health.split('-')[0] ?? adapter.role;
  const rules = ACCESS_RULES.filter((r) => r.server === adapter.role);
  const guarded = rules.filter((r): r is AccessRule & { callers: readonly string[] } =>
    Array.isArray(r.callers),
  );
  // A route with named callers, a POST first: what a wrong-role caller tries.
  const entitled = guarded.find((r) => r.method === 'POST') ?? guarded[0];
  const jurisdictional = guarded.find((r) => r.jurisdiction !== undefined);
  const callerOf = (rule: AccessRule & { callers: readonly string[] }): PartyIdentity => ({
    role: rule.callers[0] ?? adapter.role,
    ...(rule.jurisdiction ? { municipalityCode: OTHER_CODES[1] as string } : {}),
  });

  suite.test(
    {
      id: `${prefix}-A01`,
      title:
        'refuses in the TLS handshake a caller with no certificate, an untrusted issuer or an expired certificate',
      requirements: ['GEN-SEC-001'],
      profile: 'production',
    },
    async (t) => {
      const fixture = securityOf(t);
      const caller = entitled ? callerOf(entitled) : { role: adapter.role };
      const attempts: SecurityAttempt[] = [];
      const tries: [string, PartyIdentity | null, CredentialVariant][] = [
        ['no client certificate', null, 'valid'],
        [`a ${caller.role} certificate from an untrusted issuer`, caller, 'wrong-issuer'],
        [`an expired ${caller.role} certificate`, caller, 'expired'],
      ];
      for (const [what, identity, variant] of tries) {
        const client = await fixture.clientAs(identity, variant);
        attempts.push(attemptOf(what, await client.get('/health', { interface: 'health' })));
        await client.close();
      }
      t.apply(peerRefused, attempts);
    },
  );

  suite.test(
    {
      id: `${prefix}-A02`,
      title:
        'refuses 403 a caller whose certificate names a role the interface does not allow, whatever the request claims',
      // The role's own rule for that interface too, e.g. ISS-SEC-001 (certificate requests from kiosk gateways only).
      requirements: ['GEN-SEC-002', 'GEN-SEC-003', ...(entitled?.requirements ?? [])],
      profile: 'production',
    },
    async (t) => {
      const rule = entitled;
      if (!rule) return t.notApplicable(`${adapter.role} serves no interface restricted to named roles`);
      const wrongRole = PARTIES.find((p) => !rule.callers.includes(p) && p !== adapter.role) as string;
      const client = await securityOf(t).clientAs({ role: wrongRole });
      const claimed = rule.callers[0] ?? '';
      const answer = await client.request({
        method: rule.method,
        path: concretePath(rule.path),
        // The request claims the allowed role; only the certificate may count (GEN-SEC-002).
        headers: { 'x-tekigo-role': claimed, 'x-client-role': claimed },
        ...(rule.method === 'POST' ? { body: { role: claimed } } : {}),
        interface: rule.interface,
      });
      await client.close();
      const attempt = attemptOf(
        `a ${wrongRole} certificate on ${rule.interface} claiming ${claimed}`,
        answer,
      );
      t.apply(forbiddenRole, attempt);
      for (const id of rule.requirements ?? []) {
        const check = ROLE_RULE_CHECKS[id];
        if (!check)
          throw new TekigoHarnessError(
            'UNCHECKED_RULE_REQUIREMENT',
            `the access rule for ${rule.interface} names ${id}, which no check in ROLE_RULE_CHECKS judges`,
          );
        t.apply(check, attempt);
      }
    },
  );

  suite.test(
    {
      id: `${prefix}-A03`,
      title: "refuses 403 a municipality acting for another municipality's code",
      requirements: ['GEN-SEC-004'],
      profile: 'production',
    },
    async (t) => {
      const rule = jurisdictional;
      const member = rule?.jurisdiction;
      if (!rule || member === undefined)
        return t.notApplicable(`no interface ${adapter.role} serves carries a municipality code`);
      const body = await validExample(t, rule.interface, member);
      const claimed = String(body[member]);
      const own = OTHER_CODES.find((c) => c !== claimed) as string;
      const caller = { role: rule.callers[0] ?? 'municipality', municipalityCode: own };
      const client = await securityOf(t).clientAs(caller);
      const answer = await client.request({
        method: rule.method,
        path: concretePath(rule.path),
        body,
        interface: rule.interface,
      });
      await client.close();
      t.apply(
        forbiddenJurisdiction,
        attemptOf(
          `a ${caller.role} certificate for ${own} sending ${rule.interface} with ${member} ${claimed}`,
          answer,
        ),
      );
    },
  );

  suite.test(
    {
      id: `${prefix}-A04`,
      title: 'serves no upper tester in the production profile',
      requirements: ['GEN-SEC-012'],
      profile: 'production',
    },
    async (t) => {
      const attempts = [
        attemptOf(
          'GET /conformance/capabilities by its operator',
          await t.env.sut.get('/conformance/capabilities', { interface: 'upper-tester' }),
        ),
        attemptOf(
          'POST /conformance/reset by its operator',
          await t.env.sut.request({ method: 'POST', path: '/conformance/reset', interface: 'upper-tester' }),
        ),
      ];
      t.apply(upperTesterUnreachable, attempts);
    },
  );

  attackSurfaceTest(suite, adapter, prefix);
  secretsTest(suite, adapter, prefix);
  handshakeAbuseTest(suite, adapter, prefix);
  startWithoutMaterialTest(suite, adapter, prefix);
  secretsLoggedTest(suite, adapter, prefix);
  serverVerificationTest(suite, adapter, prefix);
}

/** An answer as the security checks read it, described as `what`, cited from the suite's ledger. */
export function attemptOf(what: string, answer: SutResponse): SecurityAttempt {
  const body = answer.body as { type?: unknown } | null;
  return {
    what,
    outcome: answer.outcome,
    status: answer.status,
    problemType: typeof body?.type === 'string' ? body.type : null,
    ref: { ledger: 'suite', seq: answer.entry.seq },
  };
}

/** The spec's first valid example of a request on `iface` that carries `member`. */
async function validExample(
  t: ConformanceTest,
  iface: string,
  member: string,
): Promise<Record<string, unknown>> {
  const examples = await loadExamples(t.env.spec.specsDir);
  const found = examples.find(
    (e) =>
      e.messageType.startsWith(`${iface}/`) &&
      (e.declared as { valid?: unknown } | undefined)?.valid === true &&
      e.content.ok &&
      typeof (e.content.value as Record<string, unknown>)[member] === 'string',
  );
  if (!found?.content.ok)
    throw new TekigoHarnessError(
      'NO_EXAMPLE',
      `specs/examples holds no valid ${iface} request with ${member}`,
    );
  return found.content.value as Record<string, unknown>;
}
