import { loggedSecretsConcealed } from '../../../checks/check-secrets-concealed.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import type { RoleAdapter } from '../role-adapter.ts';
import { securityOf } from './production-environment.ts';
import { givenSecrets, secretProbes } from './secrets-exposed.ts';

/** How long the log may take to show a request the role has answered. */
const LOG_CATCH_UP_MS = 2_000;

/**
 * `<PREFIX>-A09`: in the production profile the role writes no private key, password or other
 * secret to its log, from its start on (GEN-SEC-010, specs/README.md log contract;
 * INC-2003-NAGANO, credentials in plain text): a configuration dumped at start, a refusal logged
 * with what it was given. The run knows the key it gave the role, so even its bare base64 is
 * found. The log is read from the target tekigo started (stdout, stderr or the declared log
 * file): not applicable against a URL.
 */
export function secretsLoggedTest(suite: ConformanceSuite, adapter: RoleAdapter, prefix: string): void {
  suite.test(
    {
      id: `${prefix}-A09`,
      title: 'writes no private key or other secret to its log in the production profile',
      requirements: ['GEN-SEC-010'],
      profile: 'production',
    },
    async (t) => {
      const control = t.control();
      // Requests a role logs, refusals and problems included; the last one marks how far the log is.
      await secretProbes(t, adapter);
      const marker = `log-mark-${crypto.randomUUID()}`;
      await t.env.sut.get('/health', { interface: 'health', headers: { 'x-correlation-id': marker } });
      // A role need not log its requests: then the wait ends at its bound and the log is read as it is.
      await t.waitFor(
        'the log shows the last request',
        async () => (control.log().some((line) => line.includes(marker)) ? true : undefined),
        { timeoutMs: LOG_CATCH_UP_MS },
      );
      const lines = control.log();
      const ref = t.observe('target-log', { lines });
      t.apply(loggedSecretsConcealed, { log: { lines, ref }, secrets: givenSecrets(securityOf(t)) });
    },
  );
}
