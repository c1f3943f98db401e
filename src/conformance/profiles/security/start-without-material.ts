import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartWithout, startRefused } from '../../../checks/check-start-refused.ts';
import { createSutClient } from '../../../client/sut-client.ts';
import type { EvidenceRef } from '../../../report/report-model.ts';
import { mutualTls } from '../../../security/pki/test-pki.ts';
import { TLS_ENV, writeTlsMaterial } from '../../../security/tls-material.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import type { TargetTls } from '../../environment.ts';
import type { RoleAdapter } from '../role-adapter.ts';
import { securityOf } from './production-environment.ts';

/** What each start leaves out of the three variables (specs/README.md d-production-launch). */
const LEFT_OUT: readonly [name: string, what: string][] = [
  [TLS_ENV.key, 'its private key'],
  [TLS_ENV.ca, 'its trust anchor'],
];

/** How long a started instance gets to answer its health. */
const HEALTH_WAIT_MS = 5_000;

/**
 * `<PREFIX>-A08`: started in the production profile with its private key, then its trust anchor,
 * left out, the role does not serve: it refuses to start, or at least never answers over TLS,
 * whatever certificate it would show (GEN-SEC-009; INC-2003-NAGANO, default passwords). Needs a
 * target tekigo starts (`--launch`, `--target-file`, a reference or replica): not applicable
 * against a URL.
 */
export function startWithoutMaterialTest(
  suite: ConformanceSuite,
  adapter: RoleAdapter,
  prefix: string,
): void {
  suite.test(
    {
      id: `${prefix}-A08`,
      title:
        'refuses to start in the production profile without its private key or its trust anchor, and serves with no default credentials',
      requirements: ['GEN-SEC-009'],
      profile: 'production',
    },
    async (t) => {
      const control = t.control();
      const { pki } = securityOf(t);
      const [own, operator] = await Promise.all([
        pki.issue({ role: adapter.role }),
        pki.issue({ role: adapter.role }),
      ]);
      // Whatever certificate it shows: the question is whether it serves at all.
      const probe = { ...mutualTls(operator, pki.rootPem), verifiesServer: false };
      const dir = await mkdtemp(join(tmpdir(), 'tekigo-tls-partial-'));
      const starts: StartWithout[] = [];
      try {
        const all = await writeTlsMaterial(dir, own, pki.rootPem);
        for (const [name, what] of LEFT_OUT) {
          const env = Object.fromEntries(Object.entries(all).filter(([key]) => key !== name));
          starts.push(await startWithout(t, control, `${name} (${what})`, { env, probe }));
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      t.apply(startRefused, starts);
    },
  );
}

async function startWithout(
  t: ConformanceTest,
  control: ReturnType<ConformanceTest['control']>,
  missing: string,
  tls: TargetTls,
): Promise<StartWithout> {
  let instance: Awaited<ReturnType<typeof control.startSecondInstance>>;
  try {
    instance = await control.startSecondInstance({ testMode: false, tls });
  } catch (error) {
    const refusal = (error as Error).message.replace(/\s+/g, ' ').trim().slice(0, 400);
    const ref: EvidenceRef = t.observe('start-without-tls-material', { missing, started: false, refusal });
    return { missing, started: false, refusal, healthStatus: null, ref };
  }
  const client = createSutClient({
    baseUrl: instance.url,
    ledger: t.env.ledger,
    validate: t.env.spec.validate,
    timeoutMs: HEALTH_WAIT_MS,
    profile: tls.probe,
  });
  try {
    const health = await client.get('/health', { interface: 'health' });
    return {
      missing,
      started: true,
      refusal: null,
      healthStatus: health.status,
      ref: { ledger: 'suite', seq: health.entry.seq },
    };
  } finally {
    await client.close();
    await instance.stop();
  }
}
