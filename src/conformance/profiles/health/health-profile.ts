import { correlationEchoed } from '../../../checks/index.ts';
import type { ConformanceSuite } from '../../conformance-suite.ts';
import type { RoleAdapter } from '../role-adapter.ts';

/**
 * The health profile (GEN-UT-001, GEN-HLT-001, GEN-OBS-001): what every role declares and
 * answers before anything else — consistent capabilities, a health answer naming its role, and
 * its correlation id echoed on every answer, errors included.
 */
export function healthProfile(suite: ConformanceSuite, adapter: RoleAdapter): void {
  suite.test(
    {
      id: adapter.ids.health,
      title: 'declares valid capabilities, answers health, echoes correlation ids',
      requirements: ['GEN-UT-001', 'GEN-HLT-001', 'GEN-OBS-001'],
    },
    async (t) => {
      const { parameters } = t.env.capabilities;
      // Preflight already refused capabilities outside the schema's bounds; these are the
      // bounds between parameters that a schema cannot express.
      t.check(
        'GEN-UT-001',
        parameters.retry.maxBackoffMs >= parameters.retry.initialBackoffMs &&
          parameters.deliveryBoundMs >= parameters.requestTimeoutMs,
        `capabilities valid: timeout ${parameters.requestTimeoutMs} ms, backoff ${parameters.retry.initialBackoffMs}..${parameters.retry.maxBackoffMs} ms, delivery bound ${parameters.deliveryBoundMs} ms`,
        [t.observe('capabilities', t.env.capabilities)],
      );
      const health = await t.env.sut.get('/health', { interface: 'health', responseType: 'health/health' });
      const healthValid = health.entry.validation.response?.valid === true;
      t.check(
        'GEN-HLT-001',
        health.status === 200 && healthValid && (health.body as { role?: string }).role === t.env.role,
        `GET /health answered ${health.status}${healthValid ? '' : ' with a body that does not validate'}`,
        [{ ledger: 'suite', seq: health.entry.seq }],
      );
      const probes = [
        health,
        await t.env.sut.get('/conformance/capabilities', { interface: 'upper-tester' }),
        ...(await Promise.all(adapter.probes.map((p) => t.env.sut.get(p.path, { interface: p.interface })))),
        await t.env.sut.get('/no-such-path'),
      ];
      for (const probe of probes)
        t.apply(correlationEchoed, {
          what: `${probe.entry.method} ${probe.entry.path}`,
          status: probe.status,
          body: probe.body,
          sent: probe.correlationId,
          header: probe.headers['x-correlation-id'],
          evidence: [{ ledger: 'suite', seq: probe.entry.seq }],
        });
    },
  );
}
